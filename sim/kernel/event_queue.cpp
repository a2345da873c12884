#include "sim/kernel/event_queue.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace commsim {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::align_val_t kCacheLine{64};
}  // namespace

void* EventQueue::allocate_storage(std::size_t bytes) {
  if (bytes < kHugePage)
    return ::operator new(bytes, kCacheLine);
  // Round up so that the advised range is whole huge pages.
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* pointer = ::operator new (rounded, std::align_val_t{kHugePage});
#if defined(MADV_HUGEPAGE)
  ::madvise(pointer, rounded, MADV_HUGEPAGE);  // advice only: failure just means 4 KiB pages
#endif
  return pointer;
}

void EventQueue::deallocate_storage(void* pointer, std::size_t bytes) noexcept {
  if (bytes < kHugePage) {
    ::operator delete(pointer, kCacheLine);
  } else {
    ::operator delete (pointer, std::align_val_t{kHugePage});
  }
}

std::uint32_t EventQueue::store(EventCallback& callback) {
  if (SmallSlot::fits(callback)) {
    std::uint32_t index;
    if (free_small_slots_.empty()) {
      index = static_cast<std::uint32_t>(small_slots_.size());
      small_slots_.emplace_back();
    } else {
      index = free_small_slots_.back();
      free_small_slots_.pop_back();
    }
    small_slots_[index].store(callback);
    return index;
  }
  std::uint32_t index;
  if (free_large_slots_.empty()) {
    index = static_cast<std::uint32_t>(large_slots_.size());
    large_slots_.push_back(std::move(callback));
  } else {
    index = free_large_slots_.back();
    free_large_slots_.pop_back();
    large_slots_[index] = std::move(callback);
  }
  return index | kLargeSlot;
}

void EventQueue::load(std::uint32_t slot, EventCallback& callback) {
  if ((slot & kLargeSlot) == 0) {
    small_slots_[slot].load(callback);
    free_small_slots_.push_back(slot);
  } else {
    const std::uint32_t index = slot & ~kLargeSlot;
    callback = std::move(large_slots_[index]);
    free_large_slots_.push_back(index);
  }
}

int EventQueue::bucket_of(std::uint64_t time) const {
  const std::uint64_t differ = time ^ last_;
  if (differ == 0)
    return 0;
  const int level = (63 - std::countl_zero(differ)) / kDigitBits;
  const int digit = static_cast<int>((time >> (level * kDigitBits)) & (kDigits - 1));
  return 1 + level * kDigits + digit;
}

int EventQueue::lowest_occupied() const {
  for (int word = 0; word < kWords; ++word) {
    if (occupied_[word] != 0)
      return 1 + word * 64 + std::countr_zero(occupied_[word]);
  }
  return 0;
}

void EventQueue::place(const Key& key) {
  const int bucket = bucket_of(key.time);
  buckets_[bucket].push_back(key);
  if (bucket != 0)
    mark(bucket);
}

void EventQueue::push(SimTime at, EventCallback callback) {
  const std::uint64_t time = to_key_time(at);
  if (time < last_) [[unlikely]]
    rebase(time);
  if (next_sequence_ == kSequenceLimit) [[unlikely]]
    renumber();
  const std::uint32_t slot = store(callback);
  const Key key{next_sequence_++ << 32 | slot, time};
  const int bucket = bucket_of(time);
  buckets_[bucket].push_back(key);
  if (bucket != 0) {
    mark(bucket);
    if (minimum_cached_ && time < cached_minimum_)
      cached_minimum_ = time;
  }
  ++size_;
}

std::uint64_t EventQueue::lowest_bucket_minimum() const {
  const Bucket& bucket = buckets_[lowest_occupied()];
  std::uint64_t minimum = ~std::uint64_t{0};
  for (const Key& key : bucket)
    minimum = std::min(minimum, key.time);
  return minimum;
}

SimTime EventQueue::next_time() const {
  if (head_ < buckets_[0].size())
    return from_key_time(last_);
  if (size_ == 0)
    return kSimTimeMax;
  if (!minimum_cached_) {
    cached_minimum_ = lowest_bucket_minimum();
    minimum_cached_ = true;
  }
  return from_key_time(cached_minimum_);
}

void EventQueue::refill() {
  // Precondition: bucket 0 is empty (pop clears it when exhausted) and some
  // other bucket is not.
  const int lowest = lowest_occupied();
  const std::uint64_t minimum = minimum_cached_ ? cached_minimum_ : lowest_bucket_minimum();
  minimum_cached_ = false;
  last_ = minimum;
  // Every key of the lowest bucket agrees with the new last_ on every digit
  // down to and including that bucket's level, so each lands at a lower level
  // (or in bucket 0), and the loop never appends to the bucket it reads.
  Bucket& from = buckets_[lowest];
  unmark(lowest);
  for (const Key& key : from)
    place(key);
  from.clear();
  Bucket& now = buckets_[0];
  if (now.size() > 1) {
    std::sort(now.begin(), now.end(), [](const Key& a, const Key& b) { return a.order < b.order; });
  }
  prefetch_callbacks(now);
  // The lowest non-empty bucket now holds exactly the events that come after
  // bucket 0 (unless earlier ones are pushed meanwhile). Once it is small,
  // fetch their callbacks too, several pops ahead of need.
  if (const int next = lowest_occupied(); next != 0)
    prefetch_callbacks(buckets_[next]);
}

SimTime EventQueue::pop(EventCallback& callback) {
  // Precondition, as for any priority queue: not empty.
  if (buckets_[0].empty())
    refill();
  Bucket& now = buckets_[0];
  const Key key = now[head_++];
  // Drop popped keys of bucket 0 once they are the larger part, so that a
  // chain of zero-delay events cannot grow it without bound.
  if (head_ == now.size()) {
    now.clear();
    head_ = 0;
  } else if (head_ >= 1024 && 2 * head_ >= now.size()) {
    now.erase(now.begin(), now.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  load(static_cast<std::uint32_t>(key.order), callback);
  --size_;
  return from_key_time(key.time);
}

EventQueue::Bucket EventQueue::take_all() {
  Bucket all;
  all.reserve(size_);
  all.insert(all.end(), buckets_[0].begin() + static_cast<std::ptrdiff_t>(head_),
             buckets_[0].end());
  buckets_[0].clear();
  head_ = 0;
  for (int bucket = 1; bucket < kBuckets; ++bucket) {
    all.insert(all.end(), buckets_[bucket].begin(), buckets_[bucket].end());
    buckets_[bucket].clear();
  }
  for (auto& word : occupied_)
    word = 0;
  minimum_cached_ = false;
  return all;
}

void EventQueue::rebase(std::uint64_t time) {
  // Every pending key is at or after last_ > time, so none lands in bucket 0
  // and the order of bucket 0 needs no care.
  const Bucket all = take_all();
  last_ = time;
  for (const Key& key : all)
    place(key);
}

void EventQueue::renumber() {
  // Renumbering in (time, sequence) order keeps every pending pair in order;
  // new events then number from size_. Placing the keys back in that order
  // also leaves bucket 0 sorted by sequence.
  Bucket all = take_all();
  std::sort(all.begin(), all.end(), [](const Key& a, const Key& b) {
    return a.time != b.time ? a.time < b.time : a.order < b.order;
  });
  std::uint64_t sequence = 0;
  for (Key& key : all) {
    key.order = sequence++ << 32 | (key.order & 0xFFFF'FFFFu);
    place(key);
  }
  next_sequence_ = sequence;
}

}  // namespace commsim
