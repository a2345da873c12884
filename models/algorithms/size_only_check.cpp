#include "models/algorithms/size_only_check.hpp"

#include "models/algorithms/compression_settings.hpp"
#include "models/compressors/collective.hpp"
#include "models/compressors/registry.hpp"
#include "models/links/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {

// Whether a size formula exists does not depend on d; any small d will do.
constexpr std::size_t kProbeDimension = 64;

bool has_size_formula(const Compressor& compressor) {
  return compressor.size_only_bits(static_cast<std::int64_t>(kProbeDimension)).has_value();
}

// The block at `path` ("compressor" or "downlink") must have a size formula.
void require_size_formula(const nlohmann::json& block, const std::string& path,
                          const std::shared_ptr<const LinkModel>& link) {
  const auto compressor = make_compressor(block, path, kProbeDimension, link);
  if (has_size_formula(*compressor))
    return;
  const std::string why = as_collective(compressor.get()) != nullptr
                              ? "a collective compressor, which exchanges a round's real gradients"
                              : "whose message size depends on the values it compresses";
  throw InputError(path + ".kind",
                   "got \"" + compressor->name() + "\", " + why +
                       "; task \"synthetic_model\" carries no values, so it takes only "
                       "compressors whose size is a function of d and their parameters: " +
                       join_alternatives(size_only_compressor_kinds()));
}

void check_size_only(const nlohmann::json& scenario) {
  if (scenario["task"]["kind"] != "synthetic_model")
    return;
  const auto link = make_link_model(scenario["link"], "link");
  require_size_formula(scenario["compressor"], "compressor", link);
  if (has_compressed_downlink(scenario))
    require_size_formula(scenario["downlink"], "downlink", link);
}

}  // namespace

const std::vector<std::string>& size_only_compressor_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> accepted;
    for (const std::string& kind : compressor_registry().names()) {
      try {
        if (has_size_formula(*make_compressor({{"kind", kind}}, "compressor", kProbeDimension)))
          accepted.push_back(kind);
      } catch (const InputError&) {
        // A kind that needs more than its defaults (a link) has no fixed size either.
      }
    }
    return accepted;
  }();
  return kinds;
}

std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> with_size_only_check(
    std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> entries) {
  for (auto& entry : entries) {
    AlgorithmCheck own = entry.make.check;
    entry.make.check = [own](const Params& params, const nlohmann::json& scenario,
                             const Topology& topology) {
      check_size_only(scenario);
      own(params, scenario, topology);
    };
  }
  return entries;
}

}  // namespace commsim
