#pragma once
// One named stream per index (node, worker, link), each made on its first
// draw. A stream holds 2.5 KB of engine state, so a run of 10^5 nodes whose
// nodes never draw (plain gossip, deterministic compute) should not pay for
// 10^5 of them; the draws of the streams that are used do not change.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/kernel/rng.hpp"

namespace commsim {

class RngStreams {
 public:
  RngStreams() = default;
  RngStreams(std::uint64_t seed, std::string purpose, std::size_t count)
      : seed_(seed), purpose_(std::move(purpose)), streams_(count) {}

  // Stream (seed, purpose, index), made on first use.
  Rng& operator[](std::size_t index) {
    auto& stream = streams_[index];
    if (!stream)
      stream = std::make_unique<Rng>(seed_, purpose_, index);
    return *stream;
  }
  std::size_t size() const { return streams_.size(); }

 private:
  std::uint64_t seed_ = 0;
  std::string purpose_;
  std::vector<std::unique_ptr<Rng>> streams_;
};

}  // namespace commsim
