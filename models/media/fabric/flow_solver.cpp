#include "models/media/fabric/flow_solver.hpp"

#include <algorithm>
#include <limits>
#include <queue>

namespace commsim {

FlowSolver::FlowSolver(std::vector<double> capacities_bps)
    : links_(capacities_bps.size()),
      link_mark_(capacities_bps.size(), 0),
      residual_(capacities_bps.size(), 0.0),
      unfixed_(capacities_bps.size(), 0) {
  for (std::size_t l = 0; l < links_.size(); ++l)
    links_[l].capacity = capacities_bps[l];
}

std::int32_t FlowSolver::add(std::span<const std::int32_t> links) {
  std::int32_t id;
  if (free_flows_.empty()) {
    id = static_cast<std::int32_t>(flows_.size());
    flows_.emplace_back();
    flow_mark_.push_back(0);
  } else {
    id = free_flows_.back();
    free_flows_.pop_back();
  }
  Flow& f = flows_[static_cast<std::size_t>(id)];
  f.links.assign(links.begin(), links.end());
  f.rate = 0.0;
  f.live = true;
  for (const std::int32_t l : links) {
    links_[static_cast<std::size_t>(l)].flows.push_back(id);
    dirty_links_.push_back(l);
  }
  collected_ = false;
  return id;
}

void FlowSolver::remove(std::int32_t id) {
  Flow& f = flows_[static_cast<std::size_t>(id)];
  for (const std::int32_t l : f.links) {
    Link& link = links_[static_cast<std::size_t>(l)];
    link.flows.erase(std::find(link.flows.begin(), link.flows.end(), id));
    // Its load stays as it was until the next solve, so that the bits the
    // link carried until now can still be counted at it.
    dirty_links_.push_back(l);
  }
  f.live = false;
  free_flows_.push_back(id);
  collected_ = false;
}

void FlowSolver::collect() {
  // Breadth-first over links and flows from the touched links.
  ++epoch_;
  component_flows_.clear();
  component_links_.clear();
  for (const std::int32_t l : dirty_links_) {
    if (link_mark_[static_cast<std::size_t>(l)] == epoch_)
      continue;
    link_mark_[static_cast<std::size_t>(l)] = epoch_;
    component_links_.push_back(l);
  }
  for (std::size_t next = 0; next < component_links_.size(); ++next) {
    for (const std::int32_t f : links_[static_cast<std::size_t>(component_links_[next])].flows) {
      if (flow_mark_[static_cast<std::size_t>(f)] == epoch_)
        continue;
      flow_mark_[static_cast<std::size_t>(f)] = epoch_;
      component_flows_.push_back(f);
      for (const std::int32_t m : flows_[static_cast<std::size_t>(f)].links) {
        if (link_mark_[static_cast<std::size_t>(m)] == epoch_)
          continue;
        link_mark_[static_cast<std::size_t>(m)] = epoch_;
        component_links_.push_back(m);
      }
    }
  }
  collected_ = true;
}

const std::vector<std::int32_t>& FlowSolver::affected() {
  if (!collected_)
    collect();
  return component_flows_;
}

const std::vector<std::int32_t>& FlowSolver::solve() {
  if (!collected_)
    collect();
  changed_.clear();
  // Progressive filling over the component. Fair share of a link: its
  // residual capacity over its flows not yet fixed. Fixing flows at the
  // smallest share s can only raise the share of another link m (its
  // residual R and count n become R - s and n - 1, and s <= R / n), so a
  // heap entry is at most too small: when one comes up whose link's share
  // has grown since, it goes back in with the new share, and nothing needs to
  // be pushed when a share grows.
  using Entry = std::pair<double, std::int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (const std::int32_t l : component_links_) {
    Link& link = links_[static_cast<std::size_t>(l)];
    residual_[static_cast<std::size_t>(l)] = link.capacity;
    unfixed_[static_cast<std::size_t>(l)] = static_cast<std::int32_t>(link.flows.size());
    link.load = 0.0;
    if (!link.flows.empty())
      heap.emplace(link.capacity / static_cast<double>(link.flows.size()), l);
  }
  // Epoch + 1 marks a fixed flow (collect() used epoch_ for membership).
  const std::uint32_t fixed = ++epoch_;
  while (!heap.empty()) {
    const auto [share, l] = heap.top();
    heap.pop();
    const std::int32_t unfixed = unfixed_[static_cast<std::size_t>(l)];
    if (unfixed == 0)
      continue;
    const double current = std::max(0.0, residual_[static_cast<std::size_t>(l)]) / unfixed;
    if (current > share) {
      heap.emplace(current, l);  // grew since it was pushed
      continue;
    }
    for (const std::int32_t f : links_[static_cast<std::size_t>(l)].flows) {
      if (flow_mark_[static_cast<std::size_t>(f)] == fixed)
        continue;
      flow_mark_[static_cast<std::size_t>(f)] = fixed;
      Flow& flow = flows_[static_cast<std::size_t>(f)];
      if (flow.rate != current)
        changed_.push_back(f);
      flow.rate = current;
      for (const std::int32_t m : flow.links) {
        residual_[static_cast<std::size_t>(m)] -= current;
        links_[static_cast<std::size_t>(m)].load += current;
        --unfixed_[static_cast<std::size_t>(m)];
      }
    }
  }
  dirty_links_.clear();
  collected_ = false;
  return changed_;
}

}  // namespace commsim
