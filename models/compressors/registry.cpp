#include "models/compressors/registry.hpp"

#include "models/compressors/catalog.hpp"
#include "models/compressors/collective_catalog.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

namespace {

// Fixed compressors do not look at the link.
CompressorFactory ignoring_link(std::unique_ptr<Compressor> (*make)(const Params&, std::size_t)) {
  return
      [make](const Params& params, std::size_t dimension,
             const std::shared_ptr<const LinkModel>& /*link*/) { return make(params, dimension); };
}

// Every kind accepts the error-feedback options; declaring them here keeps them
// in one place (the algorithms read them, the compressors never do).
std::vector<RegistryEntry<CompressorFactory>> with_error_feedback(
    std::vector<RegistryEntry<CompressorFactory>> entries) {
  for (auto& entry : entries)
    entry.info.params = concat_params({std::move(entry.info.params), error_feedback_params()});
  return entries;
}
}  // namespace

const Registry<CompressorFactory>& compressor_registry() {
  static const Registry<CompressorFactory> registry("compressor", [] {
    auto entries = with_error_feedback({
        {none_info(), ignoring_link(make_none)},
        {top_k_info(), ignoring_link(make_top_k)},
        {rand_k_info(), ignoring_link(make_rand_k)},
        {qsgd_info(), ignoring_link(make_qsgd)},
        {terngrad_info(), ignoring_link(make_terngrad)},
        {sign_info(), ignoring_link(make_sign)},
        {scaled_sign_info(), ignoring_link(make_scaled_sign)},
        {sq_info(), ignoring_link(make_sq)},
        {wangni_info(), ignoring_link(make_wangni)},
        {cat_info(), make_cat},
    });
    // The collective kinds keep their own memories (clt_k's beta, powersgd's
    // error), so the per-node error-feedback options do not apply to them.
    for (auto entry : std::vector<RegistryEntry<CompressorFactory>>{
             {clt_k_info(), ignoring_link(make_clt_k)},
             {powersgd_info(), ignoring_link(make_powersgd)},
             {count_sketch_info(), ignoring_link(make_count_sketch)},
             {dgc_info(), ignoring_link(make_dgc)},
             {double_quant_info(), ignoring_link(make_double_quant)},
         }) {
      entries.push_back(std::move(entry));
    }
    return entries;
  }());
  return registry;
}

std::unique_ptr<Compressor> make_compressor(const nlohmann::json& block, const std::string& path,
                                            std::size_t dimension,
                                            std::shared_ptr<const LinkModel> link) {
  if (!block.is_object() || !block.contains("kind") || !block.at("kind").is_string()) {
    throw InputError(path + ".kind", "missing or not a string; available: " +
                                         join_alternatives(compressor_registry().names()));
  }
  const auto& entry =
      compressor_registry().find(block.at("kind").get<std::string>(), path + ".kind");
  return entry.make(Params(resolve_params(block, path, entry.info, "kind"), path), dimension, link);
}

}  // namespace commsim
