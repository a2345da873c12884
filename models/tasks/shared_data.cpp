#include "models/tasks/shared_data.hpp"

#include <map>
#include <mutex>
#include <set>
#include <vector>

namespace commsim {

namespace {

struct Entry {
  std::weak_ptr<const DataSplit> used;
  std::shared_ptr<const DataSplit> retained;  // null unless retained
};

struct Registry {
  std::mutex mutex;
  std::map<std::string, Entry> entries;
  int retentions = 0;
  DataLoadStatistics statistics;
};

Registry& registry() {
  static Registry instance;
  return instance;
}

std::uint64_t bytes_of(const DataSplit& data) {
  return data.train.memory_bytes() + data.test.memory_bytes();
}

}  // namespace

const char* data_origin_name(DataOrigin origin) {
  switch (origin) {
    case DataOrigin::kDecoded:
      return "decoded";
    case DataOrigin::kFromCache:
      return "from cache";
    case DataOrigin::kShared:
      return "shared";
    case DataOrigin::kGenerated:
      return "generated";
  }
  return "";
}

DataLoadStatistics data_load_statistics() {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  return r.statistics;
}

void count_data_load(DataOrigin origin) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  switch (origin) {
    case DataOrigin::kDecoded:
      ++r.statistics.decoded;
      break;
    case DataOrigin::kFromCache:
      ++r.statistics.from_cache;
      break;
    case DataOrigin::kShared:
      ++r.statistics.shared;
      break;
    case DataOrigin::kGenerated:
      ++r.statistics.generated;
      break;
  }
}

DataRetention::DataRetention() {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  ++r.retentions;
}

DataRetention::~DataRetention() {
  std::vector<std::shared_ptr<const DataSplit>> released;  // freed after the lock is let go
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  if (--r.retentions > 0)
    return;
  for (auto& [key, entry] : r.entries) {
    if (entry.retained)
      released.push_back(std::move(entry.retained));
  }
}

std::uint64_t loaded_data_bytes() {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  std::set<const DataSplit*> seen;
  std::uint64_t bytes = 0;
  for (const auto& [key, entry] : r.entries) {
    if (const auto data = entry.used.lock(); data && seen.insert(data.get()).second)
      bytes += bytes_of(*data);
  }
  return bytes;
}

std::size_t release_unused_data() {
  std::vector<std::shared_ptr<const DataSplit>> released;  // freed after the lock is let go
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  for (auto& [key, entry] : r.entries) {
    // Only the registry holds it: no task can take a new reference without the lock.
    if (entry.retained && entry.retained.use_count() == 1)
      released.push_back(std::move(entry.retained));
  }
  return released.size();
}

std::shared_ptr<const DataSplit> find_shared_data(const std::string& key) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  const auto found = r.entries.find(key);
  return found == r.entries.end() ? nullptr : found->second.used.lock();
}

void share_data(const std::string& key, const std::shared_ptr<const DataSplit>& data, bool retain) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  std::erase_if(r.entries, [](const auto& item) { return item.second.used.expired(); });
  Entry& entry = r.entries[key];
  entry.used = data;
  entry.retained = retain && r.retentions > 0 ? data : nullptr;
}

}  // namespace commsim
