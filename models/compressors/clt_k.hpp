#pragma once
// ScaleCom's cyclic local top-k (CLT-k) with low-pass-filtered error feedback.
// Round t: every worker accumulates m_i = e_i + g_i (the learning
// rate is applied later, by the algorithm's step); the leader l = t mod n
// broadcasts the indices I of top_k(m_l) (k*b_idx bits); all workers
// all-reduce their k values on I (dense, since the supports coincide); every
// worker applies the average; e_i <- (1 - beta) e_i + beta (m_i - m_i|_I).
#include <cstddef>
#include <vector>

#include "models/compressors/collective.hpp"
#include "models/compressors/compressor_params.hpp"

namespace commsim {

class CyclicLocalTopK final : public CollectiveCompressor {
 public:
  CyclicLocalTopK(NodeId workers, std::size_t dimension, std::size_t k, double beta,
                  BitWidths widths);
  CollectiveResult exchange(const std::vector<std::vector<float>>& inputs, std::int64_t round,
                            Rng& rng) override;
  const std::vector<float>& error(NodeId worker) const {
    return errors_[static_cast<std::size_t>(worker)];
  }

 private:
  std::size_t k_;
  double beta_;
  BitWidths widths_;
  std::vector<std::vector<float>> errors_;  // e_i
};

}  // namespace commsim
