#include "models/compressors/collective.hpp"

#include <stdexcept>

namespace commsim {

Encoded CollectiveMethod::encode(std::span<const float> /*v*/, Rng& /*rng*/) const {
  throw std::logic_error(
      "compressor " + name_ +
      " is collective: it compresses a whole round (exchange), "
      "not one vector; the algorithm's check should have rejected this scenario");
}

const CollectiveMethod* as_collective(const Compressor* compressor) {
  return dynamic_cast<const CollectiveMethod*>(compressor);
}

}  // namespace commsim
