#include "app/medium_columns.hpp"

#include <functional>

#include "app/number_format.hpp"

namespace commsim {

namespace {

struct Column {
  std::string name;
  std::function<nlohmann::json(const TrafficCounters&)> value;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> all = {
      {"collisions", [](const TrafficCounters& t) { return t.collisions; }},
      {"cca_failures", [](const TrafficCounters& t) { return t.cca_failures; }},
      {"retransmissions", [](const TrafficCounters& t) { return t.retransmissions; }},
      {"relayed_frames", [](const TrafficCounters& t) { return t.relayed_frames; }},
      {"relayed_bytes", [](const TrafficCounters& t) { return t.relayed_bytes; }},
      {"hops", [](const TrafficCounters& t) { return t.hops; }},
      {"packets_dropped", [](const TrafficCounters& t) { return t.packets_dropped; }},
      {"queueing_s", [](const TrafficCounters& t) { return t.queueing_s; }},
      {"radio_tx_j", [](const TrafficCounters& t) { return t.radio.tx_j; }},
      {"radio_rx_j", [](const TrafficCounters& t) { return t.radio.rx_j; }},
      {"radio_listen_j", [](const TrafficCounters& t) { return t.radio.listen_j; }},
      {"radio_idle_j", [](const TrafficCounters& t) { return t.radio.idle_j; }},
      {"radio_sleep_j", [](const TrafficCounters& t) { return t.radio.sleep_j; }},
  };
  return all;
}

}  // namespace

const std::vector<std::string>& medium_column_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& column : columns())
      result.push_back(column.name);
    return result;
  }();
  return names;
}

std::string medium_columns_header() {
  std::string header;
  for (const auto& name : medium_column_names())
    header += "," + name;
  return header;
}

void write_medium_cells(std::ostream& out, const TrafficCounters& traffic) {
  for (const auto& column : columns()) {
    const nlohmann::json value = column.value(traffic);
    out << ',' << (value.is_number_float() ? format_double(value.get<double>()) : value.dump());
  }
}

void put_medium_fields(nlohmann::json& into, const TrafficCounters& traffic) {
  for (const auto& column : columns())
    into[column.name] = column.value(traffic);
}

}  // namespace commsim
