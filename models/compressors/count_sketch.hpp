#pragma once
// Sketched-SGD (reference-code version). Per worker w:
// u_w <- rho u_w + g_w, v_w <- v_w + u_w; the workers' sketches S(v_w) are
// summed; the P2*k coordinates with the largest estimates are candidates; a
// second round collects the exact sum of v_w there and keeps its top-k; every
// worker applies that sum / n on the k coordinates and zeroes u_w and v_w there.
// Bits, server: up r*c*b_f, down P2*k*b_idx, up P2*k*b_f, down k*(b_idx+b_f).
// Ring: all-reduce of the r*c sketch, then all-reduce of the P2*k exact values
// (every node finds the candidates and the top-k itself).
#include <cstddef>
#include <vector>

#include "models/compressors/collective.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/count_sketch_table.hpp"

namespace commsim {

struct SketchedSgdSettings {
  std::size_t k = 1;
  std::size_t candidates = 1;  // P2*k, at most d
  double rho = 0.9;
  BitWidths widths;
};

class SketchedSgd final : public CollectiveCompressor {
 public:
  SketchedSgd(NodeId workers, std::size_t dimension, Fabric fabric, SketchedSgdSettings settings,
              SketchHashes hashes);
  CollectiveResult exchange(const std::vector<std::vector<float>>& inputs, std::int64_t round,
                            Rng& rng) override;
  const std::vector<float>& momentum(NodeId worker) const {
    return momentum_[static_cast<std::size_t>(worker)];
  }
  const std::vector<float>& accumulated(NodeId worker) const {
    return accumulated_[static_cast<std::size_t>(worker)];
  }
  // The last round's candidates, in increasing index order.
  const std::vector<std::size_t>& candidates() const { return candidates_; }

 private:
  Fabric fabric_;
  SketchedSgdSettings settings_;
  SketchHashes hashes_;
  std::vector<std::vector<float>> momentum_;     // u_w
  std::vector<std::vector<float>> accumulated_;  // v_w
  std::vector<std::size_t> candidates_;
};

}  // namespace commsim
