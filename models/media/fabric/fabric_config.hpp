#pragma once
// The settings of the switched wired fabric (`network.medium` with kind
// "fabric"): which physical network the hosts sit on, its links' speeds and
// latencies. Logical node i sits on host i (a parameter server on the host
// after the workers'). Frames and the hosts' line rate come from the link
// block (ethernet or affine_bit).
#include <cstdint>
#include <optional>
#include <string>

#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

enum class FabricTopology { kSingleSwitch, kRacks, kFatTree, kFile };
enum class FabricSharing {
  kFlow,    // messages are flows sharing links by max-min fairness
  kPacket,  // packets stored and forwarded through FIFO output queues, drop-tail
};

struct FabricConfig {
  FabricTopology topology = FabricTopology::kSingleSwitch;
  double host_bandwidth_bps = 0.0;             // 0: the link model's line rate
  std::optional<double> server_bandwidth_bps;  // the server's host link, when there is a server
  double access_latency_s = 1e-6;              // host <-> its first switch
  double switch_latency_s = 1e-6;              // switch <-> switch
  std::int64_t hosts_per_rack = 16;
  double oversubscription = 1.0;
  std::int64_t k = 0;  // fat_tree; 0: the smallest even k with k^3 / 4 >= hosts
  std::string edges_file;
  FabricSharing sharing = FabricSharing::kFlow;
  std::int64_t buffer_bytes = 1'000'000;  // packet: each switch output port's queue
};

PluginInfo fabric_medium_info();
FabricConfig make_fabric_config(const Params& params);

}  // namespace commsim
