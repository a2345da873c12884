#pragma once
// The compressor interface. A compressor turns a vector into a
// message: the simulator carries the values the receiver reconstructs and
// charges exactly `payload_bits` on the link. One object serves every node, so
// compressors are stateless; error feedback belongs to the algorithms.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim {

struct Encoded {
  std::int64_t payload_bits = 0;  // application payload (no link headers)
  std::vector<float> decoded;     // dense vector the receiver reconstructs
  std::int64_t nonzeros = 0;      // entries carried by the message (sparse) or non-zero (dense)
  std::int64_t level = 0;         // level an adaptive compressor chose (CAT's T); 0 when fixed
};

class Compressor {
 public:
  virtual ~Compressor() = default;
  virtual std::string name() const = 0;
  virtual Encoded encode(std::span<const float> v, Rng& rng) const = 0;
  // E[decoded] == v for every v.
  virtual bool unbiased() const = 0;
  // The payload of a message for a vector of d entries when that size depends
  // on d and the parameters alone (exactly encode()'s count, or for qsgd's
  // Elias coding its expected-size bound); nullopt when it depends on the
  // values. Size-only tasks (synthetic_model) charge this without encoding.
  virtual std::optional<std::int64_t> size_only_bits(std::int64_t /*d*/) const {
    return std::nullopt;
  }
  // Adaptive compressors (cat) hold their own cost probe, built from the link
  // model at construction (registry.hpp), so the interface stays one call.
};

// A compressor that picks its level per message (cat). With a common level
// (CAT's common_T) a server picks one level for all senders from
// the previous round's aggregate, and the senders encode at that level.
class AdaptiveCompressor : public Compressor {
 public:
  // The scenario asked for one level for all senders.
  virtual bool common_level() const = 0;
  // The level encode() would choose for v (>= 1).
  virtual std::size_t best_level(std::span<const float> v) const = 0;
  // The message at a given level, clamped to the levels v has.
  virtual Encoded encode_at(std::span<const float> v, std::size_t level, Rng& rng) const = 0;
};

}  // namespace commsim
