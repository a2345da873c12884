#include "sim/kernel/event_queue.hpp"

#include <utility>

namespace commsim {

namespace {
constexpr std::size_t kArity = 4;
}

void EventQueue::push(SimTime at, EventCallback callback) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(std::move(callback));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = std::move(callback);
  }
  heap_.push_back(Key{at, next_sequence_++, slot});
  sift_up(heap_.size() - 1);
}

SimTime EventQueue::pop(EventCallback& callback) {
  const Key top = heap_.front();
  callback = std::move(slots_[top.slot]);
  free_slots_.push_back(top.slot);
  heap_.front() = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0);
  return top.time;
}

void EventQueue::sift_up(std::size_t index) {
  const Key moving = heap_[index];
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!earlier(moving, heap_[parent])) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

void EventQueue::sift_down(std::size_t index) {
  const std::size_t count = heap_.size();
  const Key moving = heap_[index];
  for (;;) {
    const std::size_t first_child = index * kArity + 1;
    if (first_child >= count) break;
    std::size_t best = first_child;
    const std::size_t last_child = std::min(first_child + kArity, count);
    for (std::size_t child = first_child + 1; child < last_child; ++child) {
      if (earlier(heap_[child], heap_[best])) best = child;
    }
    if (!earlier(heap_[best], moving)) break;
    heap_[index] = heap_[best];
    index = best;
  }
  heap_[index] = moving;
}

}  // namespace commsim
