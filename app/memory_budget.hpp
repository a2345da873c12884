#pragma once
// The resource guard: before a run allocates its per-node state, estimate
// what it will need and refuse (with the estimate in the message) a run that
// would not fit, instead of letting the machine swap or the OOM killer end
// a sweep half-way.
#include <cstdint>
#include <string>

namespace commsim {

// What a run will allocate beyond what the process holds already.
struct MemoryEstimate {
  std::int64_t nodes = 0;
  std::int64_t dimension = 0;     // floats per model
  double vectors_per_node = 0.0;  // dimension-sized vectors a node keeps
  std::int64_t links = 0;
  bool link_streams = false;         // the link model draws: one random stream per link
  std::uint64_t data_bytes = 0;      // the task's data set and shards (Task::data_bytes)
  std::uint64_t topology_bytes = 0;  // every round's mixing matrix (Topology::memory_bytes)

  std::uint64_t model_state_bytes() const;
  std::uint64_t network_bytes() const;
  std::uint64_t total_bytes() const;
  // "about 3.1 GiB: 10000 nodes x 10000 floats x 8 vectors = ..., ..."
  std::string describe() const;
};

std::uint64_t physical_memory_bytes();
// Three quarters of physical memory: room for the OS and the page cache.
std::uint64_t default_memory_limit_bytes();

// "512M", "8G", "1.5GiB", "4000000000" (bytes); InputError at `option` otherwise.
std::uint64_t parse_memory_size(const std::string& text, const std::string& option);
std::string format_bytes(std::uint64_t bytes);

// Throws InputError("--max-memory", ...) naming the estimate when it exceeds the limit.
void check_memory(const MemoryEstimate& estimate, std::uint64_t limit_bytes);

}  // namespace commsim
