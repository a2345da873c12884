#pragma once
// The compressor registry: none (default), top_k, rand_k, qsgd, terngrad,
// sign, scaled_sign, sq, wangni, cat, and the collective kinds clt_k, powersgd,
// count_sketch, dgc, double_quant (collective.hpp). See docs/compressors.md.
#include <cstddef>
#include <functional>
#include <memory>

#include "models/compressors/compressor.hpp"
#include "sim/net/link_model.hpp"
#include "sim/params/params.hpp"
#include "sim/params/registry.hpp"

namespace commsim {

// `link`: the model of the links the messages cross (null when unknown);
// adaptive compressors price their candidate messages with it.
using CompressorFactory = std::function<std::unique_ptr<Compressor>(
    const Params& params, std::size_t dimension, const std::shared_ptr<const LinkModel>& link)>;

const Registry<CompressorFactory>& compressor_registry();

// Validates `block` ({"kind": ..., params...}) at `path` and builds the
// compressor for vectors of `dimension` entries sent over `link`. Without a
// link, a cat compressor priced by the link is an input error.
std::unique_ptr<Compressor> make_compressor(const nlohmann::json& block, const std::string& path,
                                            std::size_t dimension,
                                            std::shared_ptr<const LinkModel> link = nullptr);

}  // namespace commsim
