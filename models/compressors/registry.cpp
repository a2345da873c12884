#include "models/compressors/registry.hpp"

#include "models/compressors/catalog.hpp"
#include "models/compressors/collective_catalog.hpp"

namespace commsim {

const Registry<CompressorFactory>& compressor_registry() {
  static const Registry<CompressorFactory> registry("compressor",
                                                    {
                                                        {none_info(), make_none},
                                                        {top_k_info(), make_top_k},
                                                        {rand_k_info(), make_rand_k},
                                                        {qsgd_info(), make_qsgd},
                                                        {terngrad_info(), make_terngrad},
                                                        {sign_info(), make_sign},
                                                        {scaled_sign_info(), make_scaled_sign},
                                                        {sq_info(), make_sq},
                                                        {wangni_info(), make_wangni},
                                                        {clt_k_info(), make_clt_k},
                                                        {powersgd_info(), make_powersgd},
                                                        {count_sketch_info(), make_count_sketch},
                                                        {dgc_info(), make_dgc},
                                                        {double_quant_info(), make_double_quant},
                                                    });
  return registry;
}

std::unique_ptr<Compressor> make_compressor(const nlohmann::json& block, const std::string& path,
                                            std::size_t dimension) {
  if (!block.is_object() || !block.contains("kind") || !block.at("kind").is_string()) {
    throw InputError(path + ".kind", "missing or not a string; available: " +
                                         join_alternatives(compressor_registry().names()));
  }
  const auto& entry =
      compressor_registry().find(block.at("kind").get<std::string>(), path + ".kind");
  return entry.make(Params(resolve_params(block, path, entry.info, "kind"), path), dimension);
}

}  // namespace commsim
