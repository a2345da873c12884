#pragma once
// Pending events ordered by (time, insertion sequence): simultaneous events run
// in the order they were scheduled, so a run is deterministic by construction.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/kernel/sim_time.hpp"

namespace commsim {

using EventCallback = std::function<void()>;

class EventQueue {
 public:
  void push(SimTime at, EventCallback callback);
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  SimTime next_time() const { return heap_.front().time; }
  // Removes the earliest event; returns its time and moves its callback out.
  SimTime pop(EventCallback& callback);

 private:
  // The heap moves only 24-byte keys; callbacks stay put in slots_ and their
  // slot indices are recycled through free_slots_.
  struct Key {
    SimTime time;
    std::uint64_t sequence;
    std::uint32_t slot;
  };
  static bool earlier(const Key& a, const Key& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }
  void sift_up(std::size_t index);
  void sift_down(std::size_t index);

  std::vector<Key> heap_;  // 4-ary implicit heap: shallower and cache-friendlier than binary
  std::vector<EventCallback> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace commsim
