#include "models/media/fabric/fabric_medium.hpp"

#include <cmath>
#include <stdexcept>

namespace commsim {

namespace {

std::vector<double> capacities(const FabricGraph& graph) {
  std::vector<double> result;
  for (const PhysicalLink& l : graph.links())
    result.push_back(l.bandwidth_bps);
  return result;
}

}  // namespace

FabricMedium::FabricMedium(Simulator& simulator, MediumListener& listener, FabricGraph graph,
                           std::shared_ptr<const LinkModel> link)
    : simulator_(simulator),
      listener_(listener),
      graph_(std::move(graph)),
      link_(std::move(link)),
      solver_(capacities(graph_)),
      carried_bits_(graph_.links().size(), 0.0),
      link_updated_(graph_.links().size(), 0) {}

void FabricMedium::add_link(LinkId link, NodeId from, NodeId to,
                            std::shared_ptr<const LinkModel> model) {
  // Unreachable hosts are refused when the scenario is checked; a program
  // that builds a network by hand gets this instead.
  if (graph_.route(from, to).empty()) {
    throw std::logic_error("FabricMedium: no route from host " + std::to_string(from) +
                           " to host " + std::to_string(to));
  }
  if (static_cast<std::size_t>(link) >= models_.size())
    models_.resize(link + 1);
  models_[static_cast<std::size_t>(link)] = std::move(model);
}

const LinkModel& FabricMedium::model_of(LinkId link) const {
  if (link >= 0 && static_cast<std::size_t>(link) < models_.size() && models_[link]) {
    return *models_[static_cast<std::size_t>(link)];
  }
  return *link_;
}

void FabricMedium::send(const Message& message, LinkId link) {
  std::int32_t id;
  if (free_transfers_.empty()) {
    id = static_cast<std::int32_t>(transfers_.size());
    transfers_.emplace_back();
  } else {
    id = free_transfers_.back();
    free_transfers_.pop_back();
  }
  Transfer& t = transfers_[static_cast<std::size_t>(id)];
  const std::uint32_t version = t.version;  // kept: stale finish entries must stay stale
  t = Transfer{};
  t.version = version;
  t.message = message;
  t.link = link;
  t.start = simulator_.now();
  t.remaining_bits = static_cast<double>(model_of(link).line_bits(message.payload_bits));
  listener_.transmission_started(message, link, t.start);
  // As SimGrid's CM02: the route's latency first, then the bits share the links.
  const SimTime latency = graph_.route_latency(graph_.route(message.from, message.to));
  simulator_.schedule_at(simulator_.now() + latency, [this, id] { activate(id); });
}

void FabricMedium::broadcast(const Message& message, std::span<const NodeId> receivers, LinkId) {
  for (const NodeId receiver : receivers) {
    Message copy = message;
    copy.to = receiver;
    send(copy, -1);
  }
}

void FabricMedium::activate(std::int32_t id) {
  Transfer& t = transfers_[static_cast<std::size_t>(id)];
  t.updated = simulator_.now();
  t.flow = solver_.add(graph_.route(t.message.from, t.message.to));
  if (static_cast<std::size_t>(t.flow) >= transfer_of_flow_.size()) {
    transfer_of_flow_.resize(static_cast<std::size_t>(t.flow) + 1, -1);
  }
  transfer_of_flow_[static_cast<std::size_t>(t.flow)] = id;
  request_solve();
}

void FabricMedium::request_solve() {
  if (solve_pending_)
    return;
  solve_pending_ = true;
  // Once per instant, after every flow that starts or ends now has done so.
  simulator_.schedule_at(simulator_.now(), [this] { solve(); });
}

void FabricMedium::advance_link(std::int32_t link, SimTime now) const {
  const auto l = static_cast<std::size_t>(link);
  carried_bits_[l] += solver_.load(link) * simtime_to_seconds(now - link_updated_[l]);
  link_updated_[l] = now;
}

void FabricMedium::solve() {
  solve_pending_ = false;
  const SimTime now = simulator_.now();
  // The bits every affected flow (and link) carried at its old rate.
  for (const std::int32_t flow : solver_.affected()) {
    Transfer& t =
        transfers_[static_cast<std::size_t>(transfer_of_flow_[static_cast<std::size_t>(flow)])];
    t.remaining_bits -= solver_.rate(flow) * simtime_to_seconds(now - t.updated);
    t.updated = now;
  }
  for (const std::int32_t l : solver_.affected_links())
    advance_link(l, now);
  for (const std::int32_t flow : solver_.solve()) {
    const std::int32_t id = transfer_of_flow_[static_cast<std::size_t>(flow)];
    Transfer& t = transfers_[static_cast<std::size_t>(id)];
    const double seconds = std::max(0.0, t.remaining_bits) / solver_.rate(flow);
    finishes_.push(Finish{now + static_cast<SimTime>(std::ceil(seconds * 1e9)), id, ++t.version});
  }
  arm_next_finish();
}

void FabricMedium::arm_next_finish() {
  while (!finishes_.empty()) {
    const Finish& top = finishes_.top();
    if (transfers_[static_cast<std::size_t>(top.transfer)].version == top.version)
      break;
    finishes_.pop();  // stale: rescheduled since, or finished
  }
  const SimTime at = finishes_.empty() ? kSimTimeMax : finishes_.top().at;
  if (at == next_finish_at_)
    return;
  simulator_.cancel(next_finish_);
  next_finish_at_ = at;
  if (at != kSimTimeMax)
    next_finish_ = simulator_.schedule_cancellable(at, [this] { finish_due(); });
}

void FabricMedium::finish_due() {
  next_finish_at_ = kSimTimeMax;
  const SimTime now = simulator_.now();
  while (!finishes_.empty() && finishes_.top().at <= now) {
    const Finish due = finishes_.top();
    finishes_.pop();
    if (transfers_[static_cast<std::size_t>(due.transfer)].version == due.version)
      finish(due.transfer);
  }
  arm_next_finish();
}

void FabricMedium::finish(std::int32_t id) {
  Transfer& t = transfers_[static_cast<std::size_t>(id)];
  const SimTime now = simulator_.now();
  t.remaining_bits -= solver_.rate(t.flow) * simtime_to_seconds(now - t.updated);
  t.updated = now;
  solver_.remove(t.flow);
  transfer_of_flow_[static_cast<std::size_t>(t.flow)] = -1;
  ++t.version;  // no finish entry of it is valid any more
  request_solve();
  const LinkCost cost =
      model_of(t.link).expected_cost(t.message.payload_bits, Transmission::kUnicast);
  const Message message = t.message;
  const NodeId receiver = message.to;
  const std::uint8_t delivered = 1;
  MediumReport report{message, {&receiver, 1}, {&delivered, 1}, t.start, t.link};
  report.frames = cost.frames;
  report.wire_bytes = cost.wire_bytes;
  report.sender_energy_j = cost.sender_energy_j;
  report.receiver_energy_j = cost.receiver_energy_j;
  free_transfers_.push_back(id);
  listener_.transmission_ended(report);
}

std::vector<PhysicalLinkUsage> FabricMedium::physical_links(SimTime now) const {
  std::vector<PhysicalLinkUsage> usage;
  for (std::int32_t l = 0; l < static_cast<std::int32_t>(graph_.links().size()); ++l) {
    advance_link(l, now);
    usage.push_back({graph_.link_name(l), graph_.links()[static_cast<std::size_t>(l)].bandwidth_bps,
                     carried_bits_[static_cast<std::size_t>(l)]});
  }
  return usage;
}

}  // namespace commsim
