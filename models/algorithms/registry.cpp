#include "models/algorithms/registry.hpp"

#include "models/algorithms/choco_sgd.hpp"
#include "models/algorithms/collective_dispatch.hpp"
#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/lazy_aggregation.hpp"
#include "models/algorithms/parameter_server_sgd.hpp"
#include "models/algorithms/replica_sgd.hpp"
#include "models/algorithms/ring_allreduce_sgd.hpp"
#include "models/compressors/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

NetworkLayout topology_layout(const Topology& topology) {
  return {topology.nodes(), topology.directed_links()};
}

namespace {
using Mode = DecentralizedSgd::Mode;

// Only CHOCO compresses its messages so far; the others send float32.
void require_uncompressed(const nlohmann::json& scenario, const std::string& algorithm) {
  if (scenario["compressor"]["kind"] != "none") {
    throw InputError("compressor.kind", "got " + scenario["compressor"]["kind"].dump() + ", but algorithm " +
                                            algorithm + " sends uncompressed float32 messages; use "
                                            "\"none\", or algorithm \"choco\" for compressed gossip");
  }
}


AlgorithmFactoryWithCheck decentralized(Mode mode) {
  return {[mode](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<DecentralizedSgd>(mode, params, std::move(context));
          },
          [mode](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_uncompressed(scenario, mode == Mode::kAverageOnly ? "gossip" : "dsgd/dpsgd");
            const std::string task_kind = scenario["task"]["kind"];
            const std::string task_path = "task.kind";
            const bool trainable = task_kind != "consensus";
            if (mode == Mode::kAverageOnly && trainable) {
              throw InputError(task_path, "got \"" + task_kind +
                                              "\", but algorithm gossip only averages: it needs task "
                                              "\"consensus\" (use dsgd or dpsgd to train)");
            }
            if (mode != Mode::kAverageOnly && !trainable) {
              throw InputError(task_path, "got \"" + task_kind +
                                              "\", which has no gradient; a learning algorithm needs a "
                                              "trainable task (or use algorithm gossip)");
            }
          }};
}
void require_trainable(const nlohmann::json& scenario, const std::string& algorithm) {
  if (scenario["task"]["kind"] == "consensus") {
    throw InputError("task.kind", "got \"consensus\", which has no gradient; algorithm " + algorithm +
                                      " needs a trainable task");
  }
}

void require_static(const nlohmann::json& scenario, const Topology& topology, const std::string& algorithm) {
  if (topology.period() != 1) {
    throw InputError("topology.kind", "got " + scenario["topology"]["kind"].dump() + ", a time-varying topology; " +
                                          algorithm + " keeps its neighbours' models and needs a static one");
  }
}

AlgorithmFactoryWithCheck choco() {
  return {[](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<ChocoSgd>(params, std::move(context));
          },
          [](const Params&, const nlohmann::json& scenario, const Topology& topology) {
            require_trainable(scenario, "choco");
            require_static(scenario, topology, "choco");
          }};
}

AlgorithmFactoryWithCheck replica(ReplicaSgd::Mode mode, const std::string& name) {
  return {[mode](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<ReplicaSgd>(mode, params, std::move(context));
          },
          [name](const Params&, const nlohmann::json& scenario, const Topology& topology) {
            require_trainable(scenario, name);
            require_static(scenario, topology, name);
            // Unbiasedness does not depend on the dimension; any d serves for the check.
            if (!make_compressor(scenario["compressor"], "compressor", 64)->unbiased()) {
              throw InputError("compressor.kind",
                               "got " + scenario["compressor"]["kind"].dump() + ", a biased compressor; " + name +
                                   " needs an unbiased one (none, qsgd, terngrad, wangni, rand_k with "
                                   "unbiased: true); use choco for biased compressors");
            }
          }};
}

AlgorithmFactoryWithCheck ring_allreduce() {
  return {[](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<RingAllreduceSgd>(params, std::move(context));
          },
          [](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, "allreduce");
            require_uncompressed(scenario, "allreduce");
            if (scenario["topology"]["kind"] != "ring") {
              throw InputError("topology.kind", "got " + scenario["topology"]["kind"].dump() +
                                                    ", but algorithm allreduce runs on the ring of its "
                                                    "all-reduce: set topology.kind to \"ring\"");
            }
          }};
}
// Workers 0..n-1 and a server n, linked both ways.
NetworkLayout server_layout(const Topology& topology) {
  NetworkLayout layout{topology.nodes() + 1, {}};
  for (NodeId worker = 0; worker < topology.nodes(); ++worker) {
    layout.links.emplace_back(worker, topology.nodes());
    layout.links.emplace_back(topology.nodes(), worker);
  }
  return layout;
}

AlgorithmFactoryWithCheck parameter_server() {
  return {[](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<ParameterServerSgd>(params, std::move(context));
          },
          [](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, "ps_sgd");
            require_uncompressed(scenario, "ps_sgd");
          },
          server_layout};
}

AlgorithmFactoryWithCheck lazy(LazyAggregation::Rule rule, const std::string& name) {
  return {[rule](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<LazyAggregation>(rule, params, std::move(context));
          },
          [name](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, name);
            require_uncompressed(scenario, name);
            if (scenario["task"]["kind"] == "synthetic_model") {
              throw InputError("task.kind", "got \"synthetic_model\", but " + name +
                                                "'s trigger needs real gradients");
            }
          },
          server_layout};
}
}  // namespace

const Registry<AlgorithmFactoryWithCheck>& algorithm_registry() {
  static const Registry<AlgorithmFactoryWithCheck> registry(
      "algorithm", with_collective_dispatch({{gossip_info(), decentralized(Mode::kAverageOnly)},
                    {dsgd_info(), decentralized(Mode::kAdaptThenCombine)},
                    {dpsgd_info(), decentralized(Mode::kCombineThenAdapt)},
                    {allreduce_info(), ring_allreduce()},
                    {ps_sgd_info(), parameter_server()},
                    {choco_info(), choco()},
                    {dcd_info(), replica(ReplicaSgd::Mode::kDifference, "dcd")},
                    {ecd_info(), replica(ReplicaSgd::Mode::kExtrapolation, "ecd")},
                    {lag_info(), lazy(LazyAggregation::Rule::kLag, "lag")},
                    {laq_info(), lazy(LazyAggregation::Rule::kLaq, "laq")}}));
  return registry;
}

}  // namespace commsim
