#pragma once
// Full-duplex switched Ethernet II carrying UDP (or TCP) over IPv4: a message
// is cut into IP packets of at most one MTU, each sent in one frame with
// preamble, header, padding to the minimum frame, FCS and inter-frame gap.
// Formulas and their limits: docs/links.md.
#include <cstdint>
#include <memory>

#include "models/links/ethernet_constants.hpp"
#include "sim/net/link_model.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

enum class EthernetTransport { kUdp, kTcp };

struct EthernetConfig {
  double bandwidth_bps = 1e9;
  double latency_s = 0.0;  // propagation, end to end
  std::int64_t mtu_bytes = ethernet::kMtuBytes;
  EthernetTransport transport = EthernetTransport::kUdp;
  std::int64_t preamble_bytes = ethernet::kPreambleBytes;
  std::int64_t gap_bytes = ethernet::kInterFrameGapBytes;
  std::int64_t header_bytes = ethernet::kHeaderBytes;
  std::int64_t fcs_bytes = ethernet::kFcsBytes;
  std::int64_t min_frame_bytes = ethernet::kMinFrameBytes;
  std::int64_t switch_hops = 0;
  double switch_latency_s = 0.0;    // per switch, between receiving a frame and sending it on
  double energy_per_bit_j = 1e-9;   // per interface, per bit of preamble and frame
  double energy_per_frame_j = 0.0;  // per interface, per frame
  double loss_rate = 0.0;           // per packet; UDP only

  // IPv4 + UDP or TCP header bytes in every packet.
  std::int64_t packet_header_bytes() const;
  // Application bytes per packet: 1472 for UDP, 1460 (the MSS) for TCP.
  std::int64_t payload_bytes_per_packet() const;
};

class EthernetLinkModel final : public LinkModel {
 public:
  explicit EthernetLinkModel(EthernetConfig config) : config_(config) {}
  std::string name() const override { return "ethernet"; }
  LinkCost cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const override;
  LinkCost expected_cost(std::int64_t payload_bits, Transmission mode) const override;
  bool draws_randomness() const override { return config_.loss_rate > 0.0; }
  // Preamble, frame and the gap after it, for every packet of the message.
  std::int64_t line_bits(std::int64_t payload_bits) const override;
  LinePackets line_packets(std::int64_t payload_bits) const override;
  double line_rate_bps() const override { return config_.bandwidth_bps; }
  const EthernetConfig& config() const { return config_; }

 private:
  EthernetConfig config_;
};

PluginInfo ethernet_info();
std::shared_ptr<const LinkModel> make_ethernet(const Params& params);

}  // namespace commsim
