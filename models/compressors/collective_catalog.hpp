#pragma once
// The collective kinds' self-descriptions and factories (see collective.hpp);
// registry.cpp lists them next to the per-vector compressors. Each pair is
// implemented in the file named after the method.
#include <cstddef>
#include <memory>

#include "models/compressors/compressor.hpp"
#include "sim/params/params.hpp"

namespace commsim {

PluginInfo clt_k_info();
std::unique_ptr<Compressor> make_clt_k(const Params& params, std::size_t dimension);

PluginInfo powersgd_info();
std::unique_ptr<Compressor> make_powersgd(const Params& params, std::size_t dimension);

PluginInfo count_sketch_info();
std::unique_ptr<Compressor> make_count_sketch(const Params& params, std::size_t dimension);

PluginInfo dgc_info();
std::unique_ptr<Compressor> make_dgc(const Params& params, std::size_t dimension);

PluginInfo double_quant_info();
std::unique_ptr<Compressor> make_double_quant(const Params& params, std::size_t dimension);

}  // namespace commsim
