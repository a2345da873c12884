#pragma once
// Routes collective compressors (models/compressors/collective.hpp): ps_sgd
// (mode sync) and allreduce run them with CollectiveSgd; every other
// algorithm rejects them at compressor.kind, saying which algorithms can.
#include <vector>

#include "models/algorithms/registry.hpp"

namespace commsim {

// Wraps the registry's table: ps_sgd and allreduce get the collective engine
// and its checks, the others a check that refuses collective kinds.
std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> with_collective_dispatch(
    std::vector<RegistryEntry<AlgorithmFactoryWithCheck>> entries);

}  // namespace commsim
