#pragma once
// A size-only task (synthetic_model) carries no values, so a compressed message
// can only be charged when its size is a function of d and the compressor's
// parameters (Compressor::size_only_bits). This check, one wrapper around every
// algorithm's own, refuses the other compressors at compressor.kind (and a
// compressed downlink of such a kind at downlink.kind), naming the kinds that
// are allowed.
#include <string>
#include <vector>

#include "models/algorithms/registry.hpp"

namespace commsim {

// The compressor kinds a size-only task accepts (with their default
// parameters), in registry order.
const std::vector<std::string>& size_only_compressor_kinds();

// Adds the size-only check in front of every entry's check.
std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> with_size_only_check(
    std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> entries);

}  // namespace commsim
