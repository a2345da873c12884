#pragma once
// The counters a shared medium adds to every output (series.csv, nodes.csv,
// summary.json, a sweep's summary.csv), named once, in one order, with their
// units: frames lost to overlap, channel access failures, retransmissions,
// relayed frames and bytes, radio hops of delivered copies, packets dropped
// at full switch buffers and seconds packets waited in queues, and the
// radios' energy by state. On point_to_point the counts are 0 (hops: one per
// delivered copy) and the radio energy is 0 (energy is charged per message).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/net/traffic_counters.hpp"

namespace commsim {

const std::vector<std::string>& medium_column_names();
// ",name,name,..." for a CSV header.
std::string medium_columns_header();
// ",value,value,..." in the same order.
void write_medium_cells(std::ostream& out, const TrafficCounters& traffic);
void put_medium_fields(nlohmann::json& into, const TrafficCounters& traffic);

}  // namespace commsim
