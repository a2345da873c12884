#include "models/algorithms/collective_dispatch.hpp"

#include "models/algorithms/collective_sgd.hpp"
#include "models/algorithms/compression_settings.hpp"
#include "models/compressors/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

constexpr const char* kWhere = "ps_sgd (mode \"sync\") or allreduce";

void check_collective(const CollectiveMethod& method, Fabric fabric, const Params& params,
                      const nlohmann::json& scenario, const std::string& algorithm) {
  const std::string kind = method.name();
  const std::string task = scenario["task"]["kind"];
  // (A size-only task is refused earlier, at compressor.kind: size_only_check.hpp.)
  if (task == "consensus") {
    throw InputError("task.kind", "got \"" + task + "\", but compressor " + kind +
                                      " compresses real gradients; use a trainable task with data");
  }
  const CollectiveTraits& traits = method.traits();
  if (fabric == Fabric::kServer && !traits.runs_on_server) {
    throw InputError("compressor.kind",
                     "got \"" + kind + "\", which algorithm " + algorithm + " cannot run");
  }
  if (fabric == Fabric::kRing && !traits.runs_on_ring) {
    throw InputError("compressor.kind", "got \"" + kind + "\", which needs a parameter server (" +
                                            traits.why +
                                            "): use algorithm ps_sgd with mode \"sync\"");
  }
  if (fabric == Fabric::kServer && params.text("mode") != "sync") {
    throw InputError("algorithm.mode", "got \"" + params.text("mode") + "\", but compressor " +
                                           kind +
                                           " compresses synchronous rounds: use mode \"sync\"");
  }
  if (fabric == Fabric::kRing && scenario["topology"]["kind"] != "ring") {
    throw InputError("topology.kind",
                     "got " + scenario["topology"]["kind"].dump() +
                         ", but algorithm allreduce runs on the ring of its all-reduce: set "
                         "topology.kind to \"ring\"");
  }
  if (traits.has_own_momentum && params.real("momentum") != 0.0) {
    throw InputError("algorithm.momentum",
                     "got " + params.json()["momentum"].dump() + ", but compressor " + kind +
                         " applies its own momentum (compressor parameter); set "
                         "algorithm.momentum to 0");
  }
}

AlgorithmFactoryWithCheck with_engine(AlgorithmFactoryWithCheck plain, Fabric fabric,
                                      const std::string& name) {
  AlgorithmFactoryWithCheck wrapped = plain;
  wrapped.make = [plain, fabric](const Params& params,
                                 AlgorithmContext context) -> std::unique_ptr<Algorithm> {
    if (const CollectiveMethod* method = as_collective(context.compressor.get())) {
      return std::make_unique<CollectiveSgd>(*method, fabric, params, std::move(context));
    }
    return plain.make(params, std::move(context));
  };
  wrapped.check = [plain, fabric, name](const Params& params, const nlohmann::json& scenario,
                                        const Topology& topology) {
    const auto compressor = scenario_compressor(scenario);
    if (const CollectiveMethod* method = as_collective(compressor.get())) {
      check_collective(*method, fabric, params, scenario, name);
      if (has_compressed_downlink(scenario)) {
        throw InputError("downlink.kind",
                         "got \"" + scenario["downlink"]["kind"].get<std::string>() +
                             "\", but compressor " + method->name() +
                             " runs its own synchronous rounds, whose model goes down as float32 "
                             "(double_quant quantizes it itself): use kind \"none\"");
      }
      return;
    }
    plain.check(params, scenario, topology);
  };
  return wrapped;
}

AlgorithmFactoryWithCheck per_vector_only(AlgorithmFactoryWithCheck plain,
                                          const std::string& name) {
  AlgorithmFactoryWithCheck wrapped = plain;
  wrapped.check = [plain, name](const Params& params, const nlohmann::json& scenario,
                                const Topology& topology) {
    const auto compressor = scenario_compressor(scenario);
    if (const CollectiveMethod* method = as_collective(compressor.get())) {
      throw InputError("compressor.kind",
                       "got \"" + method->name() + "\", a collective compressor: " +
                           method->traits().why + ", so it cannot compress one message of " + name +
                           "; it runs only under algorithm " + kWhere);
    }
    plain.check(params, scenario, topology);
  };
  return wrapped;
}

}  // namespace

std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> with_collective_dispatch(
    std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> entries) {
  for (auto& entry : entries) {
    const std::string& name = entry.info.name;
    if (name == "ps_sgd") {
      entry.make = with_engine(entry.make, Fabric::kServer, name);
    } else if (name == "allreduce") {
      entry.make = with_engine(entry.make, Fabric::kRing, name);
    } else {
      entry.make = per_vector_only(entry.make, name);
    }
  }
  return entries;
}

}  // namespace commsim
