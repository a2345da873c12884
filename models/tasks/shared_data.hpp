#pragma once
// The data sets loaded in this process, shared read-only by every task that
// uses them. Each is kept under a key (what determines it) while a task holds
// it; decoded source data (Fashion-MNIST, LIBSVM files) also while a
// DataRetention lives, which a sweep holds for its duration, so its runs, in
// parallel or one after another, decode each source once. The loads are
// counted by how they were served, for provenance.json and for tests.
#include <cstdint>
#include <memory>
#include <string>

#include "models/datasets/dataset.hpp"

namespace commsim {

// How a task got its data: decoded from the source files, read from the
// on-disk data cache, already in memory in this process, or generated.
enum class DataOrigin { kDecoded, kFromCache, kShared, kGenerated };

// "decoded", "from cache", "shared", "generated"
const char* data_origin_name(DataOrigin origin);

// Loads of task data in this process so far, by origin.
struct DataLoadStatistics {
  std::uint64_t decoded = 0;
  std::uint64_t from_cache = 0;
  std::uint64_t shared = 0;
  std::uint64_t generated = 0;
};
DataLoadStatistics data_load_statistics();
void count_data_load(DataOrigin origin);

// While at least one lives, retained data stay in memory after their last
// task is gone; they are let go when the last retention ends.
class DataRetention {
 public:
  DataRetention();
  ~DataRetention();
  DataRetention(const DataRetention&) = delete;
  DataRetention& operator=(const DataRetention&) = delete;
};

// Bytes of the distinct data sets the process holds (used by a task or
// retained), each counted once however many tasks share it.
std::uint64_t loaded_data_bytes();

// Lets go of retained data that no task uses (to make room); returns how
// many data sets were let go.
std::size_t release_unused_data();

// The data kept under `key`, or null.
std::shared_ptr<const DataSplit> find_shared_data(const std::string& key);
// Keeps `data` under `key` while tasks use it, and also while a
// DataRetention lives when `retain`.
void share_data(const std::string& key, const std::shared_ptr<const DataSplit>& data, bool retain);

}  // namespace commsim
