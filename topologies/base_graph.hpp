#pragma once
// The Base-(k+1) graph B_k (Takezawa et al.): plain SB_k(n), or
// SB_k inside q groups of r = n/q nodes followed by H_k(q) across the columns.
#include <cstdint>

namespace commsim {

enum class BaseSplitRule {
  kPaper,  // q = the largest (k+1)-smooth divisor of n (the paper's rule)
  kBest,   // the shortest split over every smooth divisor (our extension)
};

struct BaseSplit {
  std::int64_t groups = 1;  // q; 1 means plain SB_k(n), no split
  int length = 1;           // period length m
};

BaseSplit choose_base_split(std::int64_t n, std::int64_t k, BaseSplitRule rule);

}  // namespace commsim
