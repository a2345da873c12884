#include "app/fault_block.hpp"

#include <algorithm>
#include <string>

#include "sim/params/params.hpp"

namespace commsim {

namespace {

ParamSpec required(ParamSpec spec) {
  spec.optional = false;
  return spec;
}

SimTime time_of(const nlohmann::json& seconds) {
  return seconds.is_null() ? kSimTimeMax : seconds_to_simtime(seconds.get<double>());
}

std::optional<double> optional_seconds(const nlohmann::json& value) {
  return value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
}

void check_node(const nlohmann::json& entry, const std::string& key, const std::string& path,
                NodeId nodes) {
  const auto node = entry[key].get<std::int64_t>();
  if (node >= nodes) {
    throw InputError(path + "." + key, "got " + std::to_string(node) + ", expected a node in 0.." +
                                           std::to_string(nodes - 1) + " (the network has " +
                                           std::to_string(nodes) + " nodes)");
  }
}

// up_s (or recover_s) must come after down_s (or at_s). `raw` is the user's
// entry, so the message quotes what was typed.
void check_interval(const nlohmann::json& entry, const nlohmann::json& raw, const char* start_key,
                    const char* end_key, const std::string& path) {
  if (entry[end_key].is_null())
    return;
  const double start = entry[start_key].get<double>();
  const double end = entry[end_key].get<double>();
  if (end <= start) {
    throw InputError(path + "." + end_key, "got " + quote_value(raw[end_key]) +
                                               ", expected a time after " + start_key + " = " +
                                               quote_value(raw[start_key]));
  }
}

nlohmann::json list_of(const nlohmann::json& block, const std::string& key) {
  if (!block.contains(key))
    return nlohmann::json::array();
  const nlohmann::json& list = block.at(key);
  if (!list.is_array()) {
    throw InputError("faults." + key, "got " + quote_value(list) + ", expected a list of objects");
  }
  return list;
}

nlohmann::json resolve_links_down(const nlohmann::json& block, NodeId nodes,
                                  const std::vector<std::pair<NodeId, NodeId>>& links) {
  nlohmann::json resolved = nlohmann::json::array();
  const nlohmann::json list = list_of(block, "links_down");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string path = "faults.links_down[" + std::to_string(k) + "]";
    nlohmann::json entry = resolve_params(list[k], path, link_outage_info(), "");
    check_node(entry, "from", path, nodes);
    check_node(entry, "to", path, nodes);
    check_interval(entry, list[k], "down_s", "up_s", path);
    const auto from = static_cast<NodeId>(entry["from"].get<std::int64_t>());
    const auto to = static_cast<NodeId>(entry["to"].get<std::int64_t>());
    auto exists = [&](NodeId a, NodeId b) {
      return std::find(links.begin(), links.end(), std::make_pair(a, b)) != links.end();
    };
    const bool both = entry["both_directions"].get<bool>();
    if (!exists(from, to) || (both && !exists(to, from))) {
      const bool forward_missing = !exists(from, to);
      throw InputError(path, "no link " + std::to_string(forward_missing ? from : to) + " -> " +
                                 std::to_string(forward_missing ? to : from) +
                                 " in this network (the topology and algorithm decide the links)");
    }
    resolved.push_back(entry);
  }
  return resolved;
}

nlohmann::json resolve_crashes(const nlohmann::json& block, NodeId nodes) {
  nlohmann::json resolved = nlohmann::json::array();
  const nlohmann::json list = list_of(block, "crashes");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string path = "faults.crashes[" + std::to_string(k) + "]";
    nlohmann::json entry = resolve_params(list[k], path, node_crash_info(), "");
    check_node(entry, "node", path, nodes);
    check_interval(entry, list[k], "at_s", "recover_s", path);
    resolved.push_back(entry);
  }
  return resolved;
}

}  // namespace

PluginInfo faults_info() {
  return {"faults",
          "fault injection (default: none). Besides these keys: \"links_down\": a list of "
          "scheduled link outages (`faults.links_down[]`) and \"crashes\": a list of scheduled "
          "node crashes (`faults.crashes[]`). A message is lost when its sender, its receiver or "
          "its link is down at any moment of its transmission; a crashed node's compute steps "
          "are abandoned. Slow nodes (stragglers) are set in the compute block. Details: "
          "docs/reliability.md",
          {ParamSpec::real("link_failure_rate_per_s", 0.0,
                           "random link failures: failures per second of up time of each link "
                           "(exponential time to failure, stream faults.link)")
               .at_least(0),
           ParamSpec::optional_real("mean_down_s",
                                    "mean of the exponential repair time of a failed link; unset: "
                                    "a failed link stays down")
               .above(0),
           ParamSpec::choice("link_failure_unit", {"edge", "directed"}, "edge",
                             "edge: both directions of a pair fail and recover together; "
                             "directed: each direction has its own failure process"),
           ParamSpec::real("node_crash_rate_per_s", 0.0,
                           "random node crashes: crashes per second of up time of each node "
                           "(exponential, stream faults.node)")
               .at_least(0),
           ParamSpec::optional_real("mean_recovery_s",
                                    "mean of the exponential recovery time of a crashed node; "
                                    "unset: a crashed node stays down")
               .above(0)},
          ""};
}

PluginInfo link_outage_info() {
  return {"faults.links_down[]",
          "one scheduled outage of the directed link from -> to, over [down_s, up_s)",
          {required(ParamSpec::optional_integer("from", "sending node of the link").at_least(0)),
           required(ParamSpec::optional_integer("to", "receiving node of the link").at_least(0)),
           required(ParamSpec::optional_real("down_s", "when the link goes down, s").at_least(0)),
           ParamSpec::optional_real("up_s", "when it comes back, s; unset: never").at_least(0),
           ParamSpec::boolean("both_directions", false, "the link to -> from is down too")},
          ""};
}

PluginInfo node_crash_info() {
  return {"faults.crashes[]",
          "one scheduled crash of a node over [at_s, recover_s): it sends, receives and "
          "computes nothing; on recovery it has its state from before the crash",
          {required(ParamSpec::optional_integer("node", "the node that crashes").at_least(0)),
           required(ParamSpec::optional_real("at_s", "when it crashes, s").at_least(0)),
           ParamSpec::optional_real("recover_s", "when it recovers, s; unset: never").at_least(0)},
          ""};
}

nlohmann::json resolve_faults(const nlohmann::json& block, NodeId nodes,
                              const std::vector<std::pair<NodeId, NodeId>>& links) {
  if (!block.is_object()) {
    throw InputError("faults", "got " + quote_value(block) + ", expected an object");
  }
  nlohmann::json scalars = block;
  scalars.erase("links_down");
  scalars.erase("crashes");
  nlohmann::json resolved = resolve_params(scalars, "faults", faults_info(), "");
  resolved["links_down"] = resolve_links_down(block, nodes, links);
  resolved["crashes"] = resolve_crashes(block, nodes);
  return resolved;
}

FaultConfig make_fault_config(const nlohmann::json& resolved) {
  FaultConfig config;
  for (const auto& entry : resolved["links_down"]) {
    const auto from = static_cast<NodeId>(entry["from"].get<std::int64_t>());
    const auto to = static_cast<NodeId>(entry["to"].get<std::int64_t>());
    const SimTime down = time_of(entry["down_s"]);
    const SimTime up = time_of(entry["up_s"]);
    config.link_outages.push_back({from, to, down, up});
    if (entry["both_directions"].get<bool>())
      config.link_outages.push_back({to, from, down, up});
  }
  for (const auto& entry : resolved["crashes"]) {
    config.node_outages.push_back({static_cast<NodeId>(entry["node"].get<std::int64_t>()),
                                   time_of(entry["at_s"]), time_of(entry["recover_s"])});
  }
  config.link_failure_rate_per_s = resolved["link_failure_rate_per_s"].get<double>();
  config.mean_link_down_s = optional_seconds(resolved["mean_down_s"]);
  config.link_failure_unit = resolved["link_failure_unit"].get<std::string>() == "directed"
                                 ? LinkFailureUnit::kDirectedLink
                                 : LinkFailureUnit::kEdge;
  config.node_crash_rate_per_s = resolved["node_crash_rate_per_s"].get<double>();
  config.mean_node_recovery_s = optional_seconds(resolved["mean_recovery_s"]);
  return config;
}

}  // namespace commsim
