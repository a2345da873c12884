#pragma once
// A count sketch: r rows x c columns; row j hashes coordinate i to
// bucket h_j(i) with sign s_j(i), and S[j, h_j(i)] += s_j(i) v_i. It is
// linear, so summed worker sketches are the sketch of the summed vectors.
// The hashes are full random tables drawn from a shared seed (at least as
// independent as the 2-/4-wise families of the reference code); workers share
// them, so they cost no bits.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace commsim {

struct SketchHashes {
  std::vector<std::vector<std::uint32_t>> buckets;  // [row][coordinate] in [0, columns)
  std::vector<std::vector<float>> signs;            // [row][coordinate] in {-1, +1}
  std::size_t columns = 0;

  static SketchHashes random(std::size_t rows, std::size_t columns, std::size_t dimension,
                             std::uint64_t seed);
};

class CountSketchTable {
 public:
  explicit CountSketchTable(const SketchHashes& hashes);
  void add(const std::vector<float>& v);
  void add(const CountSketchTable& other);
  // median_j s_j(i) S[j, h_j(i)]; for an even row count the lower middle value.
  float estimate(std::size_t coordinate) const;
  const std::vector<std::vector<double>>& table() const { return table_; }

 private:
  const SketchHashes* hashes_;
  std::vector<std::vector<double>> table_;
};

}  // namespace commsim
