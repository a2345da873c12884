#include "app/memory_budget.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "sim/kernel/rng.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {
constexpr double kBytesPerFloat = 4.0;
// Besides its own vectors, a node's model is copied into each recorded
// round's snapshot and into the message it has in flight.
constexpr double kSharedVectorsPerNode = 2.0;
// A directed link: endpoints, cost model pointer, queue time, counters, index.
constexpr std::uint64_t kBytesPerLink = 160;
// Per node: counters, radio state, round progress, handlers.
constexpr std::uint64_t kBytesPerNode = 512;
}  // namespace

std::uint64_t MemoryEstimate::model_state_bytes() const {
  return static_cast<std::uint64_t>(static_cast<double>(nodes) * static_cast<double>(dimension) *
                                    (vectors_per_node + kSharedVectorsPerNode) * kBytesPerFloat);
}

std::uint64_t MemoryEstimate::network_bytes() const {
  const std::uint64_t per_link = kBytesPerLink + (link_streams ? sizeof(Rng) : 0);
  return static_cast<std::uint64_t>(links) * per_link +
         static_cast<std::uint64_t>(nodes) * kBytesPerNode;
}

std::uint64_t MemoryEstimate::run_bytes() const {
  return model_state_bytes() + network_bytes() + data_bytes + topology_bytes;
}

std::uint64_t MemoryEstimate::total_bytes() const {
  return run_bytes() * static_cast<std::uint64_t>(std::max<std::int64_t>(1, parallel_runs)) +
         shared_data_bytes;
}

std::string MemoryEstimate::describe() const {
  std::ostringstream text;
  text << "about " << format_bytes(total_bytes()) << ": " << nodes << " nodes x " << dimension
       << " floats x " << vectors_per_node + kSharedVectorsPerNode
       << " vectors = " << format_bytes(model_state_bytes()) << ", " << links
       << " links = " << format_bytes(network_bytes()) << ", data " << format_bytes(data_bytes)
       << ", topology " << format_bytes(topology_bytes);
  if (parallel_runs > 1)
    text << "; that per run, x " << parallel_runs << " runs at once";
  if (shared_data_bytes > 0)
    text << "; plus data sets in memory, each counted once " << format_bytes(shared_data_bytes);
  return text.str();
}

std::uint64_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0)
    return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

std::uint64_t default_memory_limit_bytes() {
  return physical_memory_bytes() / 4 * 3;
}

std::uint64_t parse_memory_size(const std::string& text, const std::string& option) {
  std::istringstream in(text);
  double value = 0.0;
  in >> value;
  const bool number_read = !in.fail();
  std::string unit, rest;
  if (number_read)
    in >> unit >> rest;
  double scale = 0.0;
  if (unit.empty() || unit == "B")
    scale = 1.0;
  if (unit == "K" || unit == "KiB")
    scale = 1024.0;
  if (unit == "M" || unit == "MiB")
    scale = 1024.0 * 1024.0;
  if (unit == "G" || unit == "GiB")
    scale = 1024.0 * 1024.0 * 1024.0;
  if (unit == "T" || unit == "TiB")
    scale = 1024.0 * 1024.0 * 1024.0 * 1024.0;
  if (!number_read || !rest.empty() || scale == 0.0 || !(value > 0.0) || !std::isfinite(value)) {
    throw InputError(option,
                     "got \"" + text +
                         "\", expected a positive size in bytes with an optional unit K, M, G or T "
                         "(powers of 1024), e.g. 512M or 8G");
  }
  return static_cast<std::uint64_t>(value * scale);
}

std::string format_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

void check_memory(const MemoryEstimate& estimate, std::uint64_t limit_bytes) {
  if (estimate.total_bytes() <= limit_bytes)
    return;
  throw InputError("--max-memory",
                   "the run needs " + estimate.describe() +
                       "; the limit (--max-memory, default 3/4 of physical memory) is " +
                       format_bytes(limit_bytes) +
                       ". Use fewer nodes or a smaller "
                       "model, or raise --max-memory if the machine has the room");
}

}  // namespace commsim
