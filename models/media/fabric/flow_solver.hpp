#pragma once
// Max-min fair rates for flows that share capacitated links (progressive
// filling, as SimGrid's LMM solves it without TCP corrections): the link
// with the smallest fair share fixes the rate of every flow through it, its
// capacity is taken off the other links those flows cross, and so on. After
// flows start or end, only the flows connected to them through shared links
// (transitively) are solved again: elsewhere nothing can change.
#include <cstdint>
#include <span>
#include <vector>

namespace commsim {

class FlowSolver {
 public:
  explicit FlowSolver(std::vector<double> capacities_bps);

  // A flow over `links` (rate 0 until the next solve); returns its id.
  std::int32_t add(std::span<const std::int32_t> links);
  void remove(std::int32_t flow);
  bool dirty() const { return !dirty_links_.empty(); }

  // The flows whose rates may change at the next solve: every flow connected
  // to a link touched since the last solve. Call before solve(), e.g. to
  // account for the bits they carried at their old rates.
  const std::vector<std::int32_t>& affected();
  // The links whose load may change at the next solve.
  const std::vector<std::int32_t>& affected_links() {
    affected();
    return component_links_;
  }
  // New rates for the affected flows; returns those whose rate changed.
  const std::vector<std::int32_t>& solve();

  double rate(std::int32_t flow) const { return flows_[static_cast<std::size_t>(flow)].rate; }
  // Bits per second the link carries now (the sum of its flows' rates).
  double load(std::int32_t link) const { return links_[static_cast<std::size_t>(link)].load; }
  std::span<const std::int32_t> links_of(std::int32_t flow) const {
    return flows_[static_cast<std::size_t>(flow)].links;
  }

 private:
  struct Flow {
    std::vector<std::int32_t> links;
    double rate = 0.0;
    bool live = false;
  };
  struct Link {
    double capacity = 0.0;
    double load = 0.0;
    std::vector<std::int32_t> flows;  // live flows through it
  };
  void collect();

  std::vector<Flow> flows_;
  std::vector<std::int32_t> free_flows_;
  std::vector<Link> links_;
  std::vector<std::int32_t> dirty_links_;
  // The component of the next solve, and scratch space reused across solves.
  std::vector<std::int32_t> component_flows_;
  std::vector<std::int32_t> component_links_;
  bool collected_ = false;
  std::vector<std::uint32_t> flow_mark_;
  std::vector<std::uint32_t> link_mark_;
  std::uint32_t epoch_ = 0;
  std::vector<double> residual_;
  std::vector<std::int32_t> unfixed_;
  std::vector<std::int32_t> changed_;
};

}  // namespace commsim
