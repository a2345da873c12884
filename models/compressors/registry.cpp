#include "models/compressors/registry.hpp"

namespace commsim {

const Registry<CompressorFactory>& compressor_registry() {
  static const Registry<CompressorFactory> registry(
      "compressor", {{{"none", "No compression: every value is sent as float32 (d x 32 bits)", {}, ""}, {}}});
  return registry;
}

}  // namespace commsim
