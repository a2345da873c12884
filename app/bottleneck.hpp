#pragma once
// The busiest physical link between two recorded rows: the link whose
// carried bits over the interval were the largest share of its capacity.
// Only media with physical links (fabric) have one.
#include <optional>
#include <string>
#include <vector>

#include "sim/net/medium.hpp"

namespace commsim {

struct Bottleneck {
  std::string link;
  double utilisation = 0.0;  // 0..1 over the interval
};

class BottleneckTracker {
 public:
  // The bottleneck since the previous call (or since time 0).
  std::optional<Bottleneck> next(const Medium& medium, SimTime now);

 private:
  std::vector<double> previous_bits_;
  SimTime previous_time_ = 0;
};

}  // namespace commsim
