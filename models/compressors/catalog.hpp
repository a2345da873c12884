#pragma once
// Every compressor's self-description and factory; registry.cpp lists them.
// Each pair is implemented in the file named after the compressor. Only the
// adaptive compressor (cat) takes the outgoing link's model.
#include <cstddef>
#include <memory>

#include "models/compressors/compressor.hpp"
#include "sim/net/link_model.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo none_info();
std::unique_ptr<Compressor> make_none(const Params& params, std::size_t dimension);

PluginInfo top_k_info();
std::unique_ptr<Compressor> make_top_k(const Params& params, std::size_t dimension);

PluginInfo rand_k_info();
std::unique_ptr<Compressor> make_rand_k(const Params& params, std::size_t dimension);

PluginInfo qsgd_info();
std::unique_ptr<Compressor> make_qsgd(const Params& params, std::size_t dimension);

PluginInfo terngrad_info();
std::unique_ptr<Compressor> make_terngrad(const Params& params, std::size_t dimension);

PluginInfo sign_info();
std::unique_ptr<Compressor> make_sign(const Params& params, std::size_t dimension);

PluginInfo scaled_sign_info();
std::unique_ptr<Compressor> make_scaled_sign(const Params& params, std::size_t dimension);

PluginInfo sq_info();
std::unique_ptr<Compressor> make_sq(const Params& params, std::size_t dimension);

PluginInfo wangni_info();
std::unique_ptr<Compressor> make_wangni(const Params& params, std::size_t dimension);

PluginInfo cat_info();
// `link` may be null when params.cost is "bits".
std::unique_ptr<Compressor> make_cat(const Params& params, std::size_t dimension,
                                     const std::shared_ptr<const LinkModel>& link);

}  // namespace commsim
