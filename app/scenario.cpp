#include "app/scenario.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/fault_block.hpp"
#include "app/json_path.hpp"
#include "app/network_medium.hpp"
#include "models/algorithms/registry.hpp"
#include "models/compressors/collective.hpp"
#include "models/compressors/registry.hpp"
#include "models/compute/compute_model.hpp"
#include "models/links/registry.hpp"
#include "models/media/registry.hpp"
#include "models/tasks/registry.hpp"
#include "sim/params/params.hpp"
#include "sim/params/suggest.hpp"
#include "topologies/registry.hpp"

namespace commsim {

namespace {

PluginInfo top_level_info() {
  return {"scenario",
          "top-level keys of a scenario file",
          {ParamSpec::text("name", "", "run name; used as the run id and default output folder"),
           ParamSpec::integer("seed", 1, "seed of every random stream of the run").at_least(0),
           ParamSpec::integer("nodes", 16, "number of nodes").at_least(1).at_most(10'000'000)},
          ""};
}

PluginInfo network_info() {
  return {
      "network",
      "options of the medium shared by all links",
      {ParamSpec::boolean("shared_interface", false,
                          "point_to_point: a node's interface (radio, or NIC port) sends one "
                          "message at a time, so messages to different neighbours queue behind "
                          "each other; otherwise every directed link has its own queue. Default "
                          "true with link.model ieee802154 (a node has one radio), else false"),
       ParamSpec::boolean("broadcast", false,
                          "a message for several neighbours is transmitted once and heard by all "
                          "(wireless broadcast, never acknowledged); implies shared_interface")},
      ""};
}

PluginInfo stop_info() {
  return {"stop",
          "when the run ends: the first rule met wins",
          {ParamSpec::integer("rounds", 100, "rounds every node runs").at_least(1),
           ParamSpec::optional_real("sim_time_s", "stop at this simulated time (seconds)"),
           ParamSpec::optional_real("energy_budget_j",
                                    "stop at the first recorded round whose total energy "
                                    "(communication + computation) reaches this many joules"),
           ParamSpec::real("divergence_factor", 1e6,
                           "stop as \"diverged\" once train_loss or consensus_error exceeds "
                           "this many times its first positive recorded value (a NaN or "
                           "infinite metric always stops the run)")
               .above(1)},
          ""};
}

PluginInfo record_info() {
  return {"record",
          "what goes into series.csv (and nodes.csv)",
          {ParamSpec::integer("every", 1, "record a series row every this many rounds").at_least(1),
           ParamSpec::boolean("per_node", false,
                              "also write nodes.csv: one row per node and recorded round with its "
                              "traffic, joules and squared distance to the average model"),
           ParamSpec::boolean("node_accuracy", false,
                              "also record the mean and the worst test accuracy of the nodes' own "
                              "models (columns node_accuracy_mean, node_accuracy_worst; one "
                              "evaluation per node and recorded round)"),
           ParamSpec::boolean("trace", false,
                              "also write trace.json, a timeline in the Chrome trace format "
                              "(Perfetto, chrome://tracing): compute steps, transmissions, "
                              "receptions, losses, crashes and timeouts, one track per node; on "
                              "the radio medium also each frame's backoffs, busy CCAs, retries "
                              "and collisions, on the packet fabric its port queues (counters) "
                              "and drops"),
           ParamSpec::integer("trace_rounds", 10,
                              "trace until the first recorded round at or past this one")
               .at_least(1),
           ParamSpec::choice("average", {"live", "all"}, "live",
                             "when faults crash nodes: the averaged model, consensus error and "
                             "node accuracy take the nodes up at the round (live) or every node "
                             "(all); such runs also record live_nodes")},
          ""};
}

const std::vector<std::string> kTargetMetrics = {"consensus_error", "train_loss", "test_accuracy"};

PluginInfo target_info() {
  return {"stop.target",
          "optional: stop once a metric reaches a value (consensus_error and train_loss: at or "
          "below; test_accuracy: at or above)",
          {ParamSpec::choice("metric", kTargetMetrics, "", "metric to reach"),
           ParamSpec::optional_real("value", "value to reach (required)")},
          ""};
}

// By value: the fallback is often a temporary.
nlohmann::json block_or_default(const nlohmann::json& raw, const std::string& key,
                                const nlohmann::json& fallback) {
  return raw.contains(key) ? raw.at(key) : fallback;
}

// The downlink compresses one vector, the server's model difference: a
// collective kind (which compresses a whole round) or CAT's common_T (a rule
// for many senders) has no meaning there.
void check_downlink_compressor(const nlohmann::json& block,
                               const std::shared_ptr<const LinkModel>& link) {
  const std::string kind = block["kind"];
  if (as_collective(make_compressor(block, "downlink", 64, link).get()) != nullptr) {
    throw InputError("downlink.kind", "got \"" + kind +
                                          "\", a collective compressor; the downlink compresses "
                                          "one vector: use a per-vector compressor (top_k, "
                                          "qsgd, ...)");
  }
  if (block.value("error_feedback", false)) {
    throw InputError("downlink.error_feedback",
                     "got true, but the downlink compresses x - x_hat, which already carries "
                     "what earlier messages left out: error feedback would count it twice; "
                     "remove it");
  }
  if (kind == "cat" && block.value("common_T", false)) {
    throw InputError("downlink.common_T",
                     "got true, but the downlink has one sender; set it on compressor instead");
  }
}

// Validates a plugin block ({"kind"|"model": NAME, params...}) against a registry.
template <class Factory>
const RegistryEntry<Factory>& find_plugin(const nlohmann::json& block, const std::string& path,
                                          const Registry<Factory>& registry,
                                          const std::string& selector) {
  if (!block.is_object()) {
    throw InputError(
        path, "got " + quote_value(block) + ", expected an object with \"" + selector + "\"");
  }
  if (!block.contains(selector) || !block.at(selector).is_string()) {
    throw InputError(path + "." + selector,
                     "missing or not a string; available: " + join_alternatives(registry.names()));
  }
  return registry.find(block.at(selector).get<std::string>(), path + "." + selector);
}

nlohmann::json resolve_stop(const nlohmann::json& raw) {
  const nlohmann::json block = block_or_default(raw, "stop", nlohmann::json::object());
  if (!block.is_object())
    throw InputError("stop", "got " + quote_value(block) + ", expected an object");
  nlohmann::json without_target = block;
  without_target.erase("target");
  nlohmann::json stop = resolve_params(without_target, "stop", stop_info(), "");
  for (const char* key : {"sim_time_s", "energy_budget_j"}) {
    if (!stop[key].is_null() && stop[key].get<double>() <= 0) {
      throw InputError(std::string("stop.") + key,
                       "got " + quote_value(stop[key]) + ", expected a number > 0");
    }
  }
  if (block.contains("target")) {
    const nlohmann::json& target = block.at("target");
    nlohmann::json resolved_target = resolve_params(target, "stop.target", target_info(), "");
    if (resolved_target["value"].is_null()) {
      throw InputError("stop.target.value", "is required: the value of the metric to reach");
    }
    stop["target"] = resolved_target;
  }
  return stop;
}

}  // namespace

std::vector<PluginInfo> settings_blocks() {
  return {top_level_info(),  network_info(), compute_info(), faults_info(), link_outage_info(),
          node_crash_info(), stop_info(),    target_info(),  record_info()};
}

const std::vector<std::pair<std::string, std::string>>& scenario_blocks() {
  static const std::vector<std::pair<std::string, std::string>> blocks = {
      {"topology", "who talks to whom in each round: {\"kind\": NAME, params}"},
      {"link", "cost model of every link: {\"model\": NAME, params}"},
      {"link_overrides",
       "other link models or parameters for chosen nodes' links or edges: [{\"nodes\": [...] or "
       "\"edges\": [[i, j], ...], \"model\": NAME, params}, ...]; later entries win"},
      {"network",
       "shared_interface, broadcast, and the medium that messages share: {\"medium\": "
       "{\"kind\": NAME, params}}; default point_to_point"},
      {"compute", "node speed and energy per FLOP"},
      {"faults", "links down, node crashes (scheduled or random); default none"},
      {"task", "what is learned or averaged: {\"kind\": NAME, params}"},
      {"algorithm", "the per-node program: {\"kind\": NAME, params}"},
      {"compressor", "message compression: {\"kind\": NAME, params}"},
      {"downlink",
       "ps_sgd sync: compression of the server's model broadcast: {\"kind\": NAME, "
       "params}; default none (float32)"},
      {"stop", "rounds, sim_time_s, energy_budget_j, target {metric, value}"},
      {"record", "every: rows of series.csv"},
  };
  return blocks;
}

nlohmann::json parse_scenario_json(const std::string& text, const std::string& file) {
  nlohmann::json raw;
  try {
    raw = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {  // parse_error, or out_of_range for 1e999
    throw InputError(file, std::string("invalid JSON: ") + error.what());
  }
  if (!raw.is_object())
    throw InputError(file, "expected a JSON object at the top level");
  return raw;
}

void resolve_relative_paths(nlohmann::json& raw, const std::filesystem::path& directory) {
  // Every file a scenario names, so that a scenario and its data travel together.
  static const char* const kFilePaths[] = {"/network/medium/edges_file",
                                           "/network/medium/positions_file",
                                           "/topology/file",
                                           "/task/path",
                                           "/task/test_path",
                                           "/task/data_dir"};
  if (directory.empty() || !raw.is_object())
    return;
  for (const char* pointer_text : kFilePaths) {
    const nlohmann::json::json_pointer pointer(pointer_text);
    if (!raw.contains(pointer) || !raw[pointer].is_string())
      continue;  // absent, or a type error that validation reports
    const std::filesystem::path path(raw[pointer].get<std::string>());
    if (!path.empty() && path.is_relative())
      raw[pointer] = (directory / path).lexically_normal().string();
  }
}

nlohmann::json load_scenario_json(const std::string& file,
                                  const std::vector<std::string>& overrides) {
  std::ifstream in(file);
  if (!in)
    throw InputError(file, "cannot open the scenario file");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json raw = parse_scenario_json(text.str(), file);
  resolve_relative_paths(raw, std::filesystem::path(file).parent_path());
  for (const auto& assignment : overrides) {
    apply_assignment(raw, assignment, "--set");
  }
  return raw;
}

Scenario resolve_scenario(const nlohmann::json& raw, const std::string& default_name) {
  if (!raw.is_object())
    throw InputError("", "expected a JSON object at the top level");
  std::vector<std::string> known = {"name", "seed", "nodes"};
  for (const auto& [key, help] : scenario_blocks())
    known.push_back(key);
  for (const auto& [key, value] : raw.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw InputError(
          key, "unknown key" + did_you_mean(key, known) + "; allowed: " + join_alternatives(known));
    }
  }
  nlohmann::json scalars = nlohmann::json::object();
  for (const char* key : {"name", "seed", "nodes"}) {
    if (raw.contains(key))
      scalars[key] = raw.at(key);
  }
  nlohmann::json top = resolve_params(scalars, "", top_level_info(), "");
  // resolve_params prefixes paths with "." when the block path is empty.
  Scenario scenario;
  scenario.name =
      top["name"].get<std::string>().empty() ? default_name : top["name"].get<std::string>();
  scenario.seed = top["seed"].get<std::uint64_t>();
  scenario.nodes = static_cast<NodeId>(top["nodes"].get<std::int64_t>());

  nlohmann::json& out = scenario.resolved;
  out["name"] = scenario.name;
  out["seed"] = scenario.seed;
  out["nodes"] = scenario.nodes;

  nlohmann::json topology_block;
  scenario.topology = std::make_shared<const Topology>(
      make_topology(block_or_default(raw, "topology", {{"kind", "ring"}}), scenario.nodes,
                    "topology", &topology_block));
  out["topology"] = topology_block;

  nlohmann::json link_block;
  scenario.link =
      make_link_model(block_or_default(raw, "link", {{"model", "ethernet"}}), "link", &link_block);
  out["link"] = link_block;

  nlohmann::json network_raw = block_or_default(raw, "network", nlohmann::json::object());
  const bool has_medium = network_raw.is_object() && network_raw.contains("medium");
  const nlohmann::json medium_raw = has_medium ? network_raw.at("medium") : nlohmann::json();
  if (has_medium)
    network_raw.erase("medium");
  // A node has one radio: its 802.15.4 links cannot all send at once.
  if (network_raw.is_object() && !network_raw.contains("shared_interface") &&
      scenario.link->name() == "ieee802154") {
    network_raw["shared_interface"] = true;
  }
  out["network"] = resolve_params(network_raw, "network", network_info(), "");
  // Left out when absent (point_to_point), so scenarios without it keep their hash.
  if (has_medium)
    out["network"]["medium"] = resolve_medium(medium_raw, "network.medium");
  out["compute"] = resolve_params(block_or_default(raw, "compute", nlohmann::json::object()),
                                  "compute", compute_info(), "");
  check_compute(Params(out["compute"], "compute"), scenario.nodes);

  const nlohmann::json task_raw =
      normalize_task_block(block_or_default(raw, "task", {{"kind", "consensus"}}), "task");
  const auto& task = find_plugin(task_raw, "task", task_registry(), "kind");
  out["task"] = resolve_params(task_raw, "task", task.info, "kind");

  const nlohmann::json compressor_raw = block_or_default(raw, "compressor", {{"kind", "none"}});
  const auto& compressor = find_plugin(compressor_raw, "compressor", compressor_registry(), "kind");
  out["compressor"] = resolve_params(compressor_raw, "compressor", compressor.info, "kind");
  // Left out when absent, so scenarios without it keep their hash.
  if (raw.contains("downlink")) {
    const nlohmann::json downlink_raw = block_or_default(raw, "downlink", {{"kind", "none"}});
    const auto& downlink = find_plugin(downlink_raw, "downlink", compressor_registry(), "kind");
    out["downlink"] = resolve_params(downlink_raw, "downlink", downlink.info, "kind");
    check_downlink_compressor(out["downlink"], scenario.link);
  }

  const nlohmann::json algorithm_raw = block_or_default(raw, "algorithm", {{"kind", "gossip"}});
  const auto& algorithm = find_plugin(algorithm_raw, "algorithm", algorithm_registry(), "kind");
  out["algorithm"] = resolve_params(algorithm_raw, "algorithm", algorithm.info, "kind");
  algorithm.make.check(Params(out["algorithm"], "algorithm"), out, *scenario.topology);
  const NetworkLayout layout = algorithm.make.layout(*scenario.topology);
  // Left out when absent, so scenarios without it keep their hash.
  if (raw.contains("link_overrides")) {
    out["link_overrides"] = resolve_link_overrides(
        raw.at("link_overrides"), out["link"], layout.nodes, layout.links, scenario.link_overrides);
  }
  // Left out when absent, so scenarios without faults keep their hash.
  if (raw.contains("faults"))
    out["faults"] = resolve_faults(raw.at("faults"), layout.nodes, layout.links);
  if (has_medium) {
    check_medium(out["network"], layout, scenario.nodes, scenario.link, scenario.link_overrides,
                 scenario.seed);
  }

  out["stop"] = resolve_stop(raw);
  if (out["stop"].contains("target")) {
    const std::string metric = out["stop"]["target"]["metric"];
    if ((metric == "consensus_error") != (task.info.name == "consensus")) {
      throw InputError("stop.target.metric", "got \"" + metric + "\", which task \"" +
                                                 task.info.name + "\" does not report");
    }
  }
  out["record"] = resolve_params(block_or_default(raw, "record", nlohmann::json::object()),
                                 "record", record_info(), "");
  return scenario;
}

}  // namespace commsim
