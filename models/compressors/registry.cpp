#include "models/compressors/registry.hpp"

#include "models/compressors/catalog.hpp"

namespace commsim {

namespace {

// Fixed compressors do not look at the link.
CompressorFactory ignoring_link(std::unique_ptr<Compressor> (*make)(const Params&, std::size_t)) {
  return
      [make](const Params& params, std::size_t dimension,
             const std::shared_ptr<const LinkModel>& /*link*/) { return make(params, dimension); };
}

}  // namespace

const Registry<CompressorFactory>& compressor_registry() {
  static const Registry<CompressorFactory> registry(
      "compressor", {
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
