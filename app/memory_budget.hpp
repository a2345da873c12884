#pragma once
// The resource guard: before a run allocates its per-node state, estimate
// what it will need and refuse (with the estimate in the message) a run that
// would not fit, instead of letting the machine swap or the OOM killer end
// a sweep half-way.
#include <cstdint>
#include <string>

namespace commsim {

// What a run will allocate, times the runs executing at once in the process,
// plus the data sets the process holds for all of them (counted once).
struct MemoryEstimate {
  std::int64_t nodes = 0;
  std::int64_t dimension = 0;     // floats per model
  double vectors_per_node = 0.0;  // dimension-sized vectors a node keeps
  std::int64_t links = 0;
  bool link_streams = false;  // the link model draws: one random stream per link
  // The run's own data: shards and row lists (Task::data_bytes less
  // Task::shared_data_bytes; all of it for a task that shares nothing).
  std::uint64_t data_bytes = 0;
  std::uint64_t topology_bytes = 0;  // every round's mixing matrix (Topology::memory_bytes)
  // Data sets held in memory for every run of the process, each once however
  // many runs use it (loaded_data_bytes in models/tasks/shared_data.hpp).
  std::uint64_t shared_data_bytes = 0;
  // Runs executing at once (a sweep's threads), each taken to need as much
  // as this one.
  std::int64_t parallel_runs = 1;

  std::uint64_t model_state_bytes() const;
  std::uint64_t network_bytes() const;
  std::uint64_t run_bytes() const;  // one run: model state, network, own data, topology
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
