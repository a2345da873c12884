#pragma once
// Deep Gradient Compression, exact top-k. Per worker:
// u <- m u + g (momentum correction), v <- v + u; send the k largest |v| as
// (index, value) pairs, k*(b_idx + b_f) bits; zero u and v there (momentum
// factor masking). The messages are summed and divided by n: all-gathered
// around the ring, or on a server gathered and their sum sent back as one
// sparse message over the union of the supports.
#include <cstddef>
#include <vector>

#include "models/compressors/collective.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

class DeepGradientCompression final : public CollectiveCompressor {
 public:
  DeepGradientCompression(NodeId workers, std::size_t dimension, Fabric fabric, std::size_t k,
                          double momentum, BitWidths widths);
  CollectiveResult exchange(const std::vector<std::vector<float>>& inputs, std::int64_t round,
                            Rng& rng) override;
  const std::vector<float>& momentum(NodeId worker) const {
    return momentum_[static_cast<std::size_t>(worker)];
  }
  const std::vector<float>& accumulated(NodeId worker) const {
    return accumulated_[static_cast<std::size_t>(worker)];
  }

 private:
  Fabric fabric_;
  std::size_t k_;
  double momentum_factor_;
  BitWidths widths_;
  std::vector<std::vector<float>> momentum_;     // u
  std::vector<std::vector<float>> accumulated_;  // v
};

}  // namespace commsim
