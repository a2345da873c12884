#pragma once
// Shared helpers of the topology tests: dense matrices for n <= a few hundred,
// a clique/star notation for expected rounds, and builders.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "topologies/registry.hpp"

namespace commsim::testing {

using Dense = std::vector<std::vector<double>>;

inline Topology build(const std::string& kind, NodeId nodes,
                      nlohmann::json params = nlohmann::json::object()) {
  params["kind"] = kind;
  return make_topology(params, nodes, "topology");
}

inline Dense dense(const MixingMatrix& w) {
  Dense m(static_cast<std::size_t>(w.nodes()),
          std::vector<double>(static_cast<std::size_t>(w.nodes()), 0.0));
  for (const auto& e : w.triplets())
    m[e.row][e.column] = e.weight;
  return m;
}

// W_m ... W_1 (W_1 applied first), as sparse-times-dense products.
inline Dense period_product(const Topology& topology) {
  const auto n = static_cast<std::size_t>(topology.nodes());
  Dense product(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    product[i][i] = 1.0;
  for (int r = 0; r < topology.period(); ++r) {
    const MixingMatrix& w = topology.round(r);
    Dense next(n, std::vector<double>(n, 0.0));
    for (NodeId i = 0; i < w.nodes(); ++i) {
      for (const auto& e : w.row(i)) {
        for (std::size_t c = 0; c < n; ++c)
          next[i][c] += e.weight * product[e.from][c];
      }
    }
    product = std::move(next);
  }
  return product;
}

inline double distance_to_average(const Dense& m) {
  double worst = 0.0;
  for (const auto& row : m) {
    for (const double v : row)
      worst = std::max(worst, std::abs(v - 1.0 / static_cast<double>(m.size())));
  }
  return worst;
}

inline double max_difference(const Dense& a, const Dense& b) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < a.size(); ++j)
      worst = std::max(worst, std::abs(a[i][j] - b[i][j]));
  }
  return worst;
}

struct StochasticError {
  double negative = 0.0;  // most negative entry, as a positive number
  double row_sum = 0.0;   // worst |row sum - 1|
  double column_sum = 0.0;
  double asymmetry = 0.0;  // worst |W_ij - W_ji|
};

inline StochasticError stochastic_error(const MixingMatrix& w) {
  const auto n = static_cast<std::size_t>(w.nodes());
  StochasticError error;
  std::vector<double> rows(n, 0.0), columns(n, 0.0);
  for (const auto& e : w.triplets()) {
    error.negative = std::max(error.negative, -e.weight);
    rows[e.row] += e.weight;
    columns[e.column] += e.weight;
    error.asymmetry = std::max(error.asymmetry, std::abs(e.weight - w.weight(e.column, e.row)));
  }
  for (std::size_t i = 0; i < n; ++i) {
    error.row_sum = std::max(error.row_sum, std::abs(rows[i] - 1.0));
    error.column_sum = std::max(error.column_sum, std::abs(columns[i] - 1.0));
  }
  return error;
}

// Non-negative, doubly stochastic and (when asked) symmetric, to 1e-12.
inline bool is_good_mixing(const MixingMatrix& w, bool symmetric) {
  const StochasticError e = stochastic_error(w);
  return e.negative <= 0.0 && e.row_sum <= 1e-12 && e.column_sum <= 1e-12 &&
         (!symmetric || e.asymmetry <= 1e-12);
}

// Parses the clique/star notation: "K{0,1} S(2|1,3; 2/3)". Nodes not named keep 1.
class NotationParser {
 public:
  NotationParser(NodeId n, std::string text) : text_(std::move(text)) {
    const auto size = static_cast<std::size_t>(n);
    m_.assign(size, std::vector<double>(size, 0.0));
    for (std::size_t i = 0; i < size; ++i)
      m_[i][i] = 1.0;
  }

  Dense parse() {
    for (skip(); pos_ < text_.size(); skip()) {
      const char c = text_[pos_++];
      if (c == 'K')
        clique();
      else if (c == 'S')
        star();
      else
        FAIL("bad notation at " << pos_ << " in " << text_);
    }
    return m_;
  }

 private:
  void skip() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == ','))
      ++pos_;
  }
  void expect(char c) {
    skip();
    REQUIRE(text_.at(pos_) == c);
    ++pos_;
  }
  std::int64_t number() {
    skip();
    std::size_t used = 0;
    const auto value = std::stoll(text_.substr(pos_), &used);
    pos_ += used;
    return value;
  }
  std::vector<std::size_t> list(char end) {
    std::vector<std::size_t> nodes;
    for (skip(); text_.at(pos_) != end; skip())
      nodes.push_back(static_cast<std::size_t>(number()));
    ++pos_;
    return nodes;
  }
  void clique() {
    expect('{');
    const auto members = list('}');
    for (const auto a : members) {
      for (const auto b : members)
        m_[a][b] = 1.0 / static_cast<double>(members.size());
    }
  }
  void star() {
    expect('(');
    const auto centre = static_cast<std::size_t>(number());
    expect('|');
    const auto leaves = list(';');
    const double numerator = static_cast<double>(number());
    expect('/');
    const double w = numerator / static_cast<double>(number());
    expect(')');
    m_[centre][centre] = 1.0 - static_cast<double>(leaves.size()) * w;
    for (const auto leaf : leaves) {
      m_[centre][leaf] = m_[leaf][centre] = w;
      m_[leaf][leaf] = 1.0 - w;
    }
  }

  std::string text_;
  std::size_t pos_ = 0;
  Dense m_;
};

inline Dense notation(NodeId n, const std::string& text) {
  return NotationParser(n, text).parse();
}

// Checks every round of `topology` against the notation, entry by entry.
inline void check_rounds(const Topology& topology, const std::vector<std::string>& rounds) {
  REQUIRE(topology.period() == static_cast<int>(rounds.size()));
  for (int r = 0; r < topology.period(); ++r) {
    CAPTURE(r + 1);
    CAPTURE(rounds[r]);
    CHECK(max_difference(dense(topology.round(r)), notation(topology.nodes(), rounds[r])) <= 1e-15);
  }
}

}  // namespace commsim::testing
