#include "sim/net/traffic_recorder.hpp"

namespace commsim {

TrafficRecorder::TrafficRecorder(NetworkHooks& hooks, NodeId nodes)
    : node_counters_(static_cast<std::size_t>(nodes)) {
  hooks.on_transmission_ended([this](const TransmissionRecord& r) { record(r); });
  hooks.on_count([this](NodeId node, const TrafficCounters& delta) { count(node, delta); });
}

void TrafficRecorder::record(const TransmissionRecord& record) {
  const MediumReport& report = record.report;
  TrafficCounters sent;
  sent.messages = 1;
  for (const auto& outcome : record.outcomes) {
    if (outcome) {
      sent.count_loss(*outcome);
    } else {
      sent.hops += report.hops;
    }
  }
  sent.payload_bits = report.transmitted ? report.message.payload_bits : 0;
  sent.wire_bits = report.wire_bytes * 8;
  sent.frames = report.frames;
  sent.sender_energy_j = report.sender_energy_j;
  sent.receiver_energy_j = report.receiver_energy_j * static_cast<double>(report.receivers.size());

  totals_.add(sent);
  if (report.link >= 0)
    link_counters_[static_cast<std::size_t>(report.link)].add(sent);
  TrafficCounters as_sender = sent;
  as_sender.receiver_energy_j = 0.0;
  node_counters_[static_cast<std::size_t>(report.message.from)].add(as_sender);
  for (const NodeId receiver : report.receivers) {
    node_counters_[static_cast<std::size_t>(receiver)].receiver_energy_j +=
        report.receiver_energy_j;
  }
}

void TrafficRecorder::count(NodeId node, const TrafficCounters& delta) {
  totals_.add(delta);
  node_counters_[static_cast<std::size_t>(node)].add(delta);
}

}  // namespace commsim
