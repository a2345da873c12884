#include "app/trace_recorder.hpp"

#include <algorithm>

namespace commsim {

namespace {
// Chrome trace timestamps are microseconds.
double trace_us(SimTime time) {
  return static_cast<double>(time) / 1000.0;
}

nlohmann::json span(const std::string& name, NodeId node, SimTime start, SimTime end) {
  return {{"name", name},
          {"ph", "X"},
          {"pid", 0},
          {"tid", node},
          {"ts", trace_us(start)},
          {"dur", trace_us(end - start)}};
}

nlohmann::json instant(const std::string& name, NodeId node, SimTime at) {
  return {{"name", name}, {"ph", "i"},   {"s", "t"},
          {"pid", 0},     {"tid", node}, {"ts", trace_us(at)}};
}

const char* cause_name(RetryCause cause) {
  switch (cause) {
    case RetryCause::kNoAck:
      return "no_ack";
    case RetryCause::kAccessFailure:
      return "channel_access_failure";
    case RetryCause::kNodeDown:
      return "node_down";
  }
  return "";
}

// The round and the addressee of the frame or message, when the medium knows them.
void add_message_args(nlohmann::json& args, const MediumEvent& event) {
  if (event.round >= 0)
    args["round"] = event.round;
  if (event.peer >= 0)
    args["to"] = event.peer;
}
}  // namespace

TraceRecorder::TraceRecorder(Simulator& simulator, Network& network, ComputeModel& compute,
                             AlgorithmHooks& algorithm)
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
  network.hooks().on_medium_event([this](const MediumEvent& event) {
    if (stopped_)
      return;
    add_medium_event(event);
  });
  algorithm.on_timeout([this](const RoundTimeout& timeout) {
    if (stopped_)
      return;
    nlohmann::json event = instant("timeout", timeout.node, simulator_.now());
    event["args"] = {{"round", timeout.round}, {"missing_messages", timeout.missing_messages}};
    if (timeout.waited_for >= 0)
      event["args"]["waited_for"] = timeout.waited_for;
    add(std::move(event));
  });
}

void TraceRecorder::add_medium_event(const MediumEvent& event) {
  nlohmann::json out;
  nlohmann::json args = nlohmann::json::object();
  switch (event.kind) {
    case MediumEventKind::kBackoff:
      out = span("backoff", event.node, event.start, event.end);
      args = {{"NB", event.backoffs}, {"BE", event.exponent}};
      if (event.interrupted)
        args["interrupted"] = true;
      break;
    case MediumEventKind::kCcaBusy:
      out = instant("CCA busy", event.node, event.start);
      args["NB"] = event.backoffs;
      break;
    case MediumEventKind::kAccessFailure:
      out = instant("channel access failure", event.node, event.start);
      args["NB"] = event.backoffs;
      break;
    case MediumEventKind::kRetry:
      out = instant("retry", event.node, event.start);
      args = {{"attempt", event.attempt}, {"cause", cause_name(event.cause)}};
      break;
    case MediumEventKind::kGiveUp:
      out = instant("frame given up", event.node, event.start);
      args = {{"attempts", event.attempt}, {"cause", cause_name(event.cause)}};
      break;
    case MediumEventKind::kCollision:
      out = instant(event.ack ? "collision (ACK)" : "collision", event.node, event.start);
      break;
    case MediumEventKind::kQueueLength:
      // A counter track per port (Chrome counters belong to the process).
      out = {{"name", "queue " + std::string(event.port)},
             {"ph", "C"},
             {"pid", 0},
             {"ts", trace_us(event.start)},
             {"args", {{"packets", event.queue_packets}, {"bytes", event.queue_bytes}}}};
      add(std::move(out));
      return;
    case MediumEventKind::kPacketDropped:
      out = instant("packet dropped", event.node, event.start);
      args = {{"port", std::string(event.port)}, {"queue_packets", event.queue_packets}};
      break;
  }
  add_message_args(args, event);
  out["args"] = std::move(args);
  add(std::move(out));
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
