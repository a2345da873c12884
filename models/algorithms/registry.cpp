#include "models/algorithms/registry.hpp"

#include "models/algorithms/choco_pairwise.hpp"
#include "models/algorithms/choco_sgd.hpp"
#include "models/algorithms/collective_dispatch.hpp"
#include "models/algorithms/decentralized_sgd.hpp"
#include "models/algorithms/lazy_aggregation.hpp"
#include "models/algorithms/parameter_server_sgd.hpp"
#include "models/algorithms/replica_sgd.hpp"
#include "models/algorithms/ring_allreduce_sgd.hpp"
#include "models/algorithms/size_only_check.hpp"
#include "models/compressors/registry.hpp"
#include "models/links/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

std::shared_ptr<const Compressor> scenario_compressor(const nlohmann::json& scenario) {
  // A cost-aware compressor (cat) prices its levels on the link when built.
  return make_compressor(scenario["compressor"], "compressor", 64,
                         make_link_model(scenario["link"], "link"));
}

NetworkLayout topology_layout(const Topology& topology) {
  return {topology.nodes(), topology.directed_links()};
}

namespace {
using Mode = DecentralizedSgd::Mode;

// One rule per helper; each throws an InputError naming the bad value and the way out.

std::string compressor_kind(const nlohmann::json& scenario) {
  return scenario["compressor"]["kind"];
}

// Algorithms with a quantizer of their own take no second one.
void reject_compressor(const nlohmann::json& scenario, const std::string& algorithm,
                       const std::string& reason) {
  if (compressor_kind(scenario) == "none")
    return;
  throw InputError("compressor.kind", "got \"" + compressor_kind(scenario) + "\", but algorithm " +
                                          algorithm + " " + reason + "; use \"none\"");
}

void require_unbiased_compressor(const nlohmann::json& scenario, const std::string& algorithm) {
  if (scenario_compressor(scenario)->unbiased())
    return;
  throw InputError("compressor.kind",
                   "got \"" + compressor_kind(scenario) + "\", a biased compressor; " + algorithm +
                       " needs an unbiased one (none, qsgd, terngrad, wangni, rand_k with "
                       "unbiased: true); use choco for biased compressors");
}

// CAT's common_T needs a server that closes synchronous rounds to pick the level.
bool common_level(const nlohmann::json& scenario) {
  const nlohmann::json& block = scenario["compressor"];
  return block.value("kind", "") == "cat" && block.value("common_T", false);
}

void reject_common_level(const nlohmann::json& scenario, const std::string& algorithm) {
  if (!common_level(scenario))
    return;
  throw InputError("compressor.common_T",
                   "got true, but algorithm " + algorithm +
                       " has no server to pick one T for every sender; common_T "
                       "needs algorithm ps_sgd with mode \"sync\" (or set it to false)");
}

// A compressed model broadcast needs a server whose workers all hold one model version.
void reject_downlink(const nlohmann::json& scenario, const std::string& algorithm) {
  if (!has_compressed_downlink(scenario))
    return;
  throw InputError("downlink.kind",
                   "got \"" + scenario["downlink"]["kind"].get<std::string>() +
                       "\", but algorithm " + algorithm +
                       " sends no model from a server to its workers in rounds; the "
                       "downlink needs algorithm ps_sgd with mode \"sync\" (or kind \"none\")");
}

void require_trainable(const nlohmann::json& scenario, const std::string& algorithm) {
  if (scenario["task"]["kind"] == "consensus") {
    throw InputError("task.kind", "got \"consensus\", which has no gradient; algorithm " +
                                      algorithm +
                                      " needs a trainable task (or use algorithm gossip)");
  }
}

void require_consensus(const nlohmann::json& scenario) {
  const std::string task_kind = scenario["task"]["kind"];
  if (task_kind == "consensus")
    return;
  throw InputError("task.kind", "got \"" + task_kind +
                                    "\", but algorithm gossip only averages: it needs task "
                                    "\"consensus\" (use dsgd or dpsgd to train)");
}

// DCD and ECD replicate each neighbour's model from the differences (or
// extrapolations) it broadcasts; their analysis needs one fixed W, and a
// replica of a node met only every few rounds would miss its updates.
void require_static(const nlohmann::json& scenario, const Topology& topology,
                    const std::string& algorithm) {
  if (topology.period() != 1) {
    throw InputError("topology.kind",
                     "got " + scenario["topology"]["kind"].dump() + ", a time-varying topology; " +
                         algorithm +
                         " keeps replicas of its neighbours' models and needs a static one; use "
                         "choco (one estimate per partner on time-varying graphs) or dsgd");
  }
}

void require_ring(const nlohmann::json& scenario) {
  if (scenario["topology"]["kind"] == "ring")
    return;
  throw InputError("topology.kind", "got " + scenario["topology"]["kind"].dump() +
                                        ", but algorithm allreduce runs on the ring of its "
                                        "all-reduce: set topology.kind to \"ring\"");
}

void require_real_gradients(const nlohmann::json& scenario, const std::string& algorithm) {
  if (scenario["task"]["kind"] == "synthetic_model") {
    throw InputError("task.kind", "got \"synthetic_model\", but " + algorithm +
                                      "'s trigger needs real gradients");
  }
}

AlgorithmFactoryWithCheck decentralized(Mode mode, const std::string& name) {
  return {[mode](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<DecentralizedSgd>(mode, params, std::move(context));
          },
          [mode, name](const Params&, const nlohmann::json& scenario, const Topology&) {
            // Any compressor: naive compressed gossip/DSGD (exchange Q(x_j)).
            reject_common_level(scenario, name);
            reject_downlink(scenario, name);
            if (mode == Mode::kAverageOnly) {
              require_consensus(scenario);
            } else {
              require_trainable(scenario, name);
            }
          }};
}

// On a time-varying graph CHOCO compresses a different difference for each
// partner; one error memory per node would mix their residuals.
void reject_pairwise_error_feedback(const nlohmann::json& scenario, const Topology& topology) {
  if (topology.period() == 1 || !scenario["compressor"].value("error_feedback", false))
    return;
  throw InputError("compressor.error_feedback",
                   "got true, but choco on a time-varying topology compresses a different "
                   "difference for each partner, and one error memory per node would mix them; "
                   "CHOCO's estimates already keep what compression left out: set it to false");
}

// One estimate per node on a static graph, one per partner on a time-varying one.
AlgorithmFactoryWithCheck choco() {
  AlgorithmFactoryWithCheck entry{
      [](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
        if (context.topology.period() > 1)
          return std::make_unique<ChocoPairwise>(params, std::move(context));
        return std::make_unique<ChocoSgd>(params, std::move(context));
      },
      [](const Params&, const nlohmann::json& scenario, const Topology& topology) {
        // A trainable task, or consensus: CHOCO-Gossip.
        reject_common_level(scenario, "choco");
        reject_downlink(scenario, "choco");
        reject_pairwise_error_feedback(scenario, topology);
      }};
  // model, momentum, gradient, x_hat and the mixture (doubles), error memory
  entry.vectors_per_node = [](const Topology& topology) {
    return topology.period() > 1 ? choco_pairwise_vectors_per_node(topology) : 8.0;
  };
  return entry;
}

AlgorithmFactoryWithCheck replica(ReplicaSgd::Mode mode, const std::string& name) {
  return {[mode](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<ReplicaSgd>(mode, params, std::move(context));
          },
          [name](const Params&, const nlohmann::json& scenario, const Topology& topology) {
            require_trainable(scenario, name);
            require_static(scenario, topology, name);
            reject_common_level(scenario, name);
            reject_downlink(scenario, name);
            require_unbiased_compressor(scenario, name);
          }};
}

AlgorithmFactoryWithCheck ring_allreduce() {
  return {[](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<RingAllreduceSgd>(params, std::move(context));
          },
          [](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, "allreduce");
            require_ring(scenario);
            reject_common_level(scenario, "allreduce");
            reject_downlink(scenario, "allreduce");
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
          [](const Params& params, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, "ps_sgd");
            const bool needs_sync = common_level(scenario) || has_compressed_downlink(scenario);
            if (needs_sync && params.text("mode") != "sync") {
              reject_common_level(scenario, "ps_sgd with mode \"async\"");
              reject_downlink(scenario, "ps_sgd with mode \"async\"");
            }
          },
          server_layout};
}

AlgorithmFactoryWithCheck lazy(LazyAggregation::Rule rule, const std::string& name) {
  return {[rule](const Params& params, AlgorithmContext context) -> std::unique_ptr<Algorithm> {
            return std::make_unique<LazyAggregation>(rule, params, std::move(context));
          },
          [name](const Params&, const nlohmann::json& scenario, const Topology&) {
            require_trainable(scenario, name);
            require_real_gradients(scenario, name);
            reject_downlink(scenario, name);
            reject_compressor(
                scenario, name,
                "quantizes its uploads itself (lag sends exact gradients, laq its own b-bit "
                "innovation, set by algorithm.bits)");
          },
          server_layout};
}
// Sets an entry's memory figure: `fixed` vectors plus `per_neighbour` for each
// in-neighbour a node keeps state for.
AlgorithmFactoryWithCheck keeping(AlgorithmFactoryWithCheck entry, double fixed,
                                  double per_neighbour = 0.0) {
  entry.vectors_per_node = [fixed, per_neighbour](const Topology& topology) {
    return fixed + per_neighbour * static_cast<double>(topology.max_degree());
  };
  return entry;
}
}  // namespace

const Registry<AlgorithmFactoryWithCheck>& algorithm_registry() {
  static const Registry<AlgorithmFactoryWithCheck> registry(
      "algorithm",
      with_size_only_check(with_collective_dispatch({
          // model, momentum, gradient, the mixing sum (double), error memory
          {gossip_info(), keeping(decentralized(Mode::kAverageOnly, "gossip"), 6)},
          {dsgd_info(), keeping(decentralized(Mode::kAdaptThenCombine, "dsgd"), 6)},
          {dpsgd_info(), keeping(decentralized(Mode::kCombineThenAdapt, "dpsgd"), 6)},
          // model, momentum, gradient, the all-reduce sum (double), error memory
          {allreduce_info(), keeping(ring_allreduce(), 6)},
          // a worker: its model copy, gradient, error memory
          {ps_sgd_info(), keeping(parameter_server(), 3)},
          {choco_info(), choco()},
          // model, gradient, error memory, a double replica per neighbour and itself
          {dcd_info(), keeping(replica(ReplicaSgd::Mode::kDifference, "dcd"), 5, 2)},
          {ecd_info(), keeping(replica(ReplicaSgd::Mode::kExtrapolation, "ecd"), 5, 2)},
          // a worker: its model copy, gradient, last upload (double)
          {lag_info(), keeping(lazy(LazyAggregation::Rule::kLag, "lag"), 4)},
          {laq_info(), keeping(lazy(LazyAggregation::Rule::kLaq, "laq"), 4)},
      })));
  return registry;
}

}  // namespace commsim
