#pragma once
// The medium registry (`network.medium.kind`): point_to_point (the default:
// every link alone, as its link model prices it) and radio (one shared
// IEEE 802.15.4 channel). A scenario without a medium block runs on
// point_to_point and its resolved file does not mention one.
#include <memory>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/kernel/simulator.hpp"
#include "sim/net/medium.hpp"
#include "sim/net/network.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

// What a medium is built from, besides its own parameters.
struct MediumContext {
  NodeId nodes = 0;    // radios or hosts: the network's nodes (a parameter server's included)
  NodeId workers = 0;  // the scenario's nodes; a parameter server is node `workers`
  std::vector<std::pair<NodeId, NodeId>> links;  // the logical links
  std::shared_ptr<const LinkModel> link;         // the scenario's link model
  NetworkOptions options;
  std::uint64_t seed = 1;
  // Each node's own link model (its NIC or radio): `link` unless link_overrides name the node.
  std::vector<std::shared_ptr<const LinkModel>> node_links;
  bool overridden = false;        // the scenario has link_overrides
  bool edges_overridden = false;  // ... and some name edges, not nodes
};

struct MediumFactory {
  // Throws InputError (naming the JSON path) when the medium cannot carry
  // this network: wrong link model, radios that cannot reach their neighbours.
  std::function<void(const Params& params, const MediumContext& context)> check;
  std::function<std::unique_ptr<Medium>(const Params& params, const MediumContext& context,
                                        Simulator& simulator, MediumListener& listener)>
      make;
  // What each node ends up with on this medium, one line per node (for
  // `commsim validate --explain`); empty when the medium adds nothing.
  std::function<std::vector<std::string>(const Params& params, const MediumContext& context)>
      describe;
};

const Registry<MediumFactory>& medium_registry();

// Validates a network.medium block at `path` against the registry; returns it
// with every default filled in.
nlohmann::json resolve_medium(const nlohmann::json& block, const std::string& path);

}  // namespace commsim
