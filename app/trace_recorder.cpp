#include "app/trace_recorder.hpp"

#include <algorithm>

namespace commsim {

namespace {
// Chrome trace timestamps are microseconds.
double microseconds(SimTime time) {
  return static_cast<double>(time) / 1000.0;
}

nlohmann::json span(const std::string& name, NodeId node, SimTime start, SimTime end) {
  return {{"name", name},
          {"ph", "X"},
          {"pid", 0},
          {"tid", node},
          {"ts", microseconds(start)},
          {"dur", microseconds(end - start)}};
}

nlohmann::json instant(const std::string& name, NodeId node, SimTime at) {
  return {{"name", name}, {"ph", "i"},   {"s", "t"},
          {"pid", 0},     {"tid", node}, {"ts", microseconds(at)}};
}
}  // namespace

TraceRecorder::TraceRecorder(Simulator& simulator, Network& network, ComputeModel& compute)
    : simulator_(simulator), network_(network) {
  // Each hook returns before building its event once the trace has stopped:
  // the rest of the run pays one test per event.
  compute.on_step([this](NodeId node, SimTime start, SimTime end, double flops) {
    if (stopped_)
      return;
    nlohmann::json event = span("compute", node, start, end);
    event["args"] = {{"flops", flops}};
    add(std::move(event));
  });
  network.hooks().on_transmission_ended([this](const TransmissionRecord& record) {
    if (stopped_)
      return;
    const MediumReport& report = record.report;
    const Message& message = report.message;
    nlohmann::json event = span("send round " + std::to_string(message.round), message.from,
                                report.start, simulator_.now());
    const auto lost = std::count_if(record.outcomes.begin(), record.outcomes.end(),
                                    [](const auto& outcome) { return outcome.has_value(); });
    event["args"] = {{"payload_bytes", message.payload_bits / 8},
                     {"to", std::vector<NodeId>(report.receivers.begin(), report.receivers.end())},
                     {"round", message.round},
                     {"lost", lost}};
    add(std::move(event));
  });
  network.hooks().on_delivered([this](const Message& message) {
    if (stopped_)
      return;
    nlohmann::json event = instant("receive", message.to, simulator_.now());
    event["args"] = {{"from", message.from}, {"round", message.round}};
    add(std::move(event));
  });
  network.hooks().on_lost([this](const Message& message, LossReason reason) {
    if (stopped_)
      return;
    nlohmann::json event = instant(std::string("lost (") + loss_reason_name(reason) + ")",
                                   message.to, simulator_.now());
    event["args"] = {{"from", message.from}, {"round", message.round}};
    add(std::move(event));
  });
}

void TraceRecorder::add(nlohmann::json event) {
  if (events_.size() >= kMaxEvents) {
    truncated_ = true;
    stopped_ = true;
    return;
  }
  events_.push_back(std::move(event));
}

std::string TraceRecorder::json(SimTime end) const {
  nlohmann::json trace = {{"displayTimeUnit", "ms"}, {"traceEvents", nlohmann::json::array()}};
  nlohmann::json& out = trace["traceEvents"];
  out.push_back(
      {{"name", "process_name"}, {"ph", "M"}, {"pid", 0}, {"args", {{"name", "commsim"}}}});
  for (NodeId node = 0; node < network_.nodes(); ++node) {
    out.push_back({{"name", "thread_name"},
                   {"ph", "M"},
                   {"pid", 0},
                   {"tid", node},
                   {"args", {{"name", "node " + std::to_string(node)}}}});
  }
  for (const auto& outage : network_.faults().config().node_outages) {
    if (outage.down >= end)
      continue;
    out.push_back(span("crashed", outage.node, outage.down, std::min(outage.up, end)));
  }
  for (const auto& event : events_)
    out.push_back(event);
  if (truncated_)
    trace["otherData"] = {{"truncated_after_events", kMaxEvents}};
  return trace.dump() + "\n";
}

}  // namespace commsim
