#pragma once
// Pending events ordered by (time, insertion sequence): simultaneous events run
// in the order they were scheduled, so a run is deterministic by construction.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/kernel/sim_time.hpp"

namespace commsim {

// A copyable, type-erased `void()` callable: a drop-in for std::function<void()>
// (same construction, copy, move, call and bool test), built for the event
// queue. std::function in libstdc++ keeps only 16 bytes inline, so nearly every
// lambda a model schedules cost a heap allocation, a free, and a cache miss at
// a random address when the event runs. Here callables up to kInlineSize bytes
// live inline: 120 bytes is exactly the network's unicast delivery lambda (two
// pointers, a LinkCost and a Message). Larger, over-aligned or throwing-move
// callables fall back to the heap. Trivially copyable callables (lambdas that
// capture pointers and plain values) move by a fixed-size memcpy, with no
// indirect call and nothing to destroy.
class EventCallback {
 public:
  static constexpr std::size_t kInlineSize = 120;

  EventCallback() noexcept = default;
  EventCallback(std::nullptr_t) noexcept {}  // NOLINT: like std::function

  template <
      class F, class D = std::decay_t<F>,
      class = std::enable_if_t<!std::is_same_v<D, EventCallback> &&
                               std::is_invocable_r_v<void, D&> && std::is_copy_constructible_v<D>>>
  EventCallback(F&& function) {  // NOLINT: implicit, like std::function
    if constexpr (std::is_pointer_v<D> || std::is_same_v<D, std::function<void()>>) {
      if (!function)
        return;  // an empty target makes an empty callback, as in std::function
    }
    if constexpr (kStoredInline<D>) {
      ::new (static_cast<void*>(storage_)) D(std::forward<F>(function));
    } else {
      D* on_heap = new D(std::forward<F>(function));
      std::memcpy(storage_, &on_heap, sizeof on_heap);
    }
    ops_ = &kOps<D>;
  }

  EventCallback(const EventCallback& other) {
    if (other.ops_ == nullptr)
      return;
    copy_buffer(other.ops_, other.storage_, storage_, kInlineSize);
    ops_ = other.ops_;
  }
  EventCallback(EventCallback&& other) noexcept { take(other); }
  EventCallback& operator=(const EventCallback& other) {
    if (this != &other)
      *this = EventCallback(other);
    return *this;
  }
  EventCallback& operator=(EventCallback&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  EventCallback& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }
  template <class F, class = std::enable_if_t<std::is_constructible_v<EventCallback, F&&> &&
                                              !std::is_same_v<std::decay_t<F>, EventCallback>>>
  EventCallback& operator=(F&& function) {
    return *this = EventCallback(std::forward<F>(function));
  }
  ~EventCallback() { reset(); }

  // Calling an empty callback throws std::bad_function_call, as std::function does.
  void operator()() const {
    if (ops_ == nullptr)
      throw std::bad_function_call();
    ops_->invoke(const_cast<unsigned char*>(storage_));
  }
  explicit operator bool() const noexcept { return ops_ != nullptr; }
  void swap(EventCallback& other) noexcept { std::swap(*this, other); }

 private:
  // One table per stored type. A null relocate/copy means "memcpy the buffer"
  // (trivially copyable inline callables, and heap pointers for relocation);
  // a null destroy means there is nothing to destroy.
  friend class EventQueue;  // keeps small callables in compact slots

  struct Ops {
    void (*invoke)(void* storage);
    void (*relocate)(void* from, void* to) noexcept;
    void (*copy)(const void* from, void* to);
    void (*destroy)(void* storage) noexcept;
    std::size_t footprint;  // bytes of the buffer in use: sizeof the callable, or of a pointer
  };
  // Move or copy a stored callable between buffers of `bytes` >= footprint bytes.
  static void relocate_buffer(const Ops* ops, void* from, void* to, std::size_t bytes) noexcept {
    if (ops->relocate == nullptr) {
      std::memcpy(to, from, bytes);
    } else {
      ops->relocate(from, to);
    }
  }
  static void copy_buffer(const Ops* ops, const void* from, void* to, std::size_t bytes) {
    if (ops->copy == nullptr) {
      std::memcpy(to, from, bytes);
    } else {
      ops->copy(from, to);
    }
  }

  template <class D>
  static constexpr bool kStoredInline = sizeof(D) <= kInlineSize &&
                                        alignof(D) <= 8 && std::is_nothrow_move_constructible_v<D>;
  template <class D>
  static constexpr bool kTrivial =
      kStoredInline<D>&& std::is_trivially_copyable_v<D>&& std::is_trivially_destructible_v<D>;

  template <class D>
  static D* target(void* storage) noexcept {
    if constexpr (kStoredInline<D>) {
      return std::launder(static_cast<D*>(storage));
    } else {
      D* on_heap;
      std::memcpy(&on_heap, storage, sizeof on_heap);
      return on_heap;
    }
  }
  template <class D>
  static void invoke_target(void* storage) {
    (*target<D>(storage))();
  }
  template <class D>
  static void relocate_target(void* from, void* to) noexcept {
    D* source = target<D>(from);
    ::new (to) D(std::move(*source));
    source->~D();
  }
  template <class D>
  static void copy_target(const void* from, void* to) {
    const D& source = *target<D>(const_cast<void*>(from));
    if constexpr (kStoredInline<D>) {
      ::new (to) D(source);
    } else {
      D* on_heap = new D(source);
      std::memcpy(to, &on_heap, sizeof on_heap);
    }
  }
  template <class D>
  static void destroy_target(void* storage) noexcept {
    if constexpr (kStoredInline<D>) {
      target<D>(storage)->~D();
    } else {
      delete target<D>(storage);
    }
  }
  template <class D>
  static constexpr Ops kOps{
      &invoke_target<D>,
      kStoredInline<D> && !kTrivial<D> ? &relocate_target<D> : nullptr,
      kTrivial<D> ? nullptr : &copy_target<D>,
      kTrivial<D> ? nullptr : &destroy_target<D>,
      kStoredInline<D> ? sizeof(D) : sizeof(D*),
  };

  void take(EventCallback& other) noexcept {
    ops_ = other.ops_;
    if (ops_ == nullptr)
      return;
    relocate_buffer(ops_, other.storage_, storage_, kInlineSize);
    other.ops_ = nullptr;
  }
  void reset() noexcept {
    if (ops_ != nullptr && ops_->destroy != nullptr)
      ops_->destroy(storage_);
    ops_ = nullptr;
  }

  // ops_ first: a small callable then shares the first cache line with it.
  // 8 + 120 bytes make 128, two whole cache lines in the queue's slot array.
  const Ops* ops_ = nullptr;
  alignas(8) unsigned char storage_[kInlineSize];
};
static_assert(sizeof(EventCallback) == 128, "two cache lines; see EventQueue::prefetch_callbacks");

class EventQueue {
 public:
  void push(SimTime at, EventCallback callback);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  // The earliest pending time; kSimTimeMax when empty. Logically const, but
  // may scan and cache (see cached_minimum_): not safe to call concurrently.
  SimTime next_time() const;
  // Removes the earliest event; returns its time and moves its callback out.
  SimTime pop(EventCallback& callback);

 private:
  friend struct EventQueueTestAccess;  // lets tests force a sequence wrap-around

  // A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) with 4-bit digits.
  // A discrete-event simulator pops times in non-decreasing order and never
  // schedules before the last popped time (Simulator::schedule_at refuses the
  // past). Under that monotone use a radix heap beats a d-ary heap by a wide
  // margin once the queue outgrows the caches: a push is an append, and a pop
  // streams through one small bucket, where a heap's sift-down is a chain of
  // dependent loads at random addresses (docs/performance.md has the numbers).
  //
  // Bucket 0 holds the keys equal to last_, the last popped time. Any other
  // key is filed under the highest 4-bit digit in which it differs from last_
  // (its level) and its value of that digit: bucket 1 + 16 * level + digit.
  // Bucket order is time order. When bucket 0 runs dry, the lowest non-empty
  // bucket is scanned for its minimum, which becomes last_, and its keys are
  // redistributed; they agree with the new last_ down to that bucket's level,
  // so each lands at a lower level. A key thus moves at most 16 times: push
  // and pop cost O(1) amortized, independent of the number pending.
  //
  // Ties: keys with equal times always share a bucket. Bucket 0 is consumed
  // in order; it is refilled only when empty, and then sorted by sequence, and
  // keys appended to it afterwards are newer than every key in it. So events
  // at equal times come out in insertion order, exactly as from a heap.
  //
  // Pushing earlier than the last popped time is still correct: the buckets
  // are rebuilt around the new time, in O(pending). The Simulator never does
  // that; only direct users of EventQueue can.
  //
  // Callbacks stay put in slots and buckets move only 16-byte keys. `order` is
  // (sequence << 32 | slot), so sorting by `order` is sorting by sequence.
  // `time` is the SimTime with its sign bit flipped, which orders as an
  // unsigned integer.
  //
  // Two slot sizes: callables of up to 56 bytes (pointer captures, and
  // anything kept on the heap) go to one-cache-line SmallSlots, larger ones to
  // two-line EventCallbacks; kLargeSlot in a slot number says which. Small
  // callables are the common case, and halving their slot halves the memory
  // the queue touches at random. Freed slot numbers are reused last freed,
  // first reused: that slot is still in cache.
  struct Key {
    std::uint64_t order;
    std::uint64_t time;
  };
  static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
  static std::uint64_t to_key_time(SimTime time) {
    return static_cast<std::uint64_t>(time) ^ kSignBit;
  }
  static SimTime from_key_time(std::uint64_t time) { return static_cast<SimTime>(time ^ kSignBit); }
  // The sequence occupies 32 bits; when it would wrap, pending events are
  // renumbered in order (rare: once per 2^32 pushes).
  static constexpr std::uint64_t kSequenceLimit = std::uint64_t{1} << 32;
  // 4-bit digits measured best among 1, 2, 4 and 8 bits: fewer moves per key
  // than binary digits, and buckets still small enough to prefetch from.
  static constexpr int kDigitBits = 4;
  static constexpr int kDigits = 1 << kDigitBits;
  static constexpr int kLevels = (64 + kDigitBits - 1) / kDigitBits;
  static constexpr int kBuckets = 1 + kLevels * kDigits;
  static constexpr int kWords = (kBuckets - 1 + 63) / 64;
  // Popping reads the callback from its slot, at random in an array far larger
  // than the caches when many events are pending; refill prefetches the slots
  // of the next events when they sit in a bucket at most this large.
  static constexpr std::size_t kPrefetchBatch = 32;

  // Cache-line aligned storage; arrays of 2 MiB and more are asked to be
  // backed by transparent huge pages, because with a million pending events
  // the small-slot array alone spans 64 MB touched at random, and with
  // 4 KiB pages nearly every such touch would also be a TLB miss.
  static void* allocate_storage(std::size_t bytes);
  static void deallocate_storage(void* pointer, std::size_t bytes) noexcept;
  template <class T>
  struct Allocator {
    using value_type = T;
    Allocator() = default;
    template <class U>
    Allocator(const Allocator<U>&) noexcept {}  // NOLINT: rebinding
    T* allocate(std::size_t n) { return static_cast<T*>(allocate_storage(n * sizeof(T))); }
    void deallocate(T* pointer, std::size_t n) noexcept {
      deallocate_storage(pointer, n * sizeof(T));
    }
    template <class U>
    bool operator==(const Allocator<U>&) const noexcept {
      return true;
    }
  };
  using Bucket = std::vector<Key, Allocator<Key>>;

  class SmallSlot {
   public:
    static constexpr std::size_t kBytes = 56;
    SmallSlot() = default;
    SmallSlot(const SmallSlot& other) { copy_from(other); }
    SmallSlot(SmallSlot&& other) noexcept { take(other); }
    SmallSlot& operator=(const SmallSlot& other) {
      if (this != &other) {
        SmallSlot copy(other);
        clear();
        take(copy);
      }
      return *this;
    }
    SmallSlot& operator=(SmallSlot&& other) noexcept {
      if (this != &other) {
        clear();
        take(other);
      }
      return *this;
    }
    ~SmallSlot() { clear(); }

    static bool fits(const EventCallback& callback) {
      return callback.ops_ == nullptr || callback.ops_->footprint <= kBytes;
    }
    void store(EventCallback& callback) noexcept {  // precondition: fits(callback), this empty
      ops_ = callback.ops_;
      if (ops_ == nullptr)
        return;
      EventCallback::relocate_buffer(ops_, callback.storage_, storage_, kBytes);
      callback.ops_ = nullptr;
    }
    void load(EventCallback& callback) noexcept {
      callback = nullptr;
      callback.ops_ = ops_;
      if (ops_ == nullptr)
        return;
      EventCallback::relocate_buffer(ops_, storage_, callback.storage_, kBytes);
      ops_ = nullptr;
    }

   private:
    void take(SmallSlot& other) noexcept {
      ops_ = other.ops_;
      if (ops_ == nullptr)
        return;
      EventCallback::relocate_buffer(ops_, other.storage_, storage_, kBytes);
      other.ops_ = nullptr;
    }
    void copy_from(const SmallSlot& other) {
      if (other.ops_ == nullptr)
        return;
      EventCallback::copy_buffer(other.ops_, other.storage_, storage_, kBytes);
      ops_ = other.ops_;
    }
    void clear() noexcept {
      if (ops_ != nullptr && ops_->destroy != nullptr)
        ops_->destroy(storage_);
      ops_ = nullptr;
    }

    const EventCallback::Ops* ops_ = nullptr;
    alignas(8) unsigned char storage_[kBytes];
  };
  static_assert(sizeof(SmallSlot) == 64, "one cache line; see prefetch_callbacks");
  static constexpr std::uint32_t kLargeSlot = std::uint32_t{1} << 31;

  std::uint32_t store(EventCallback& callback);
  void load(std::uint32_t slot, EventCallback& callback);
  int bucket_of(std::uint64_t time) const;
  void mark(int bucket) { occupied_[(bucket - 1) / 64] |= std::uint64_t{1} << ((bucket - 1) % 64); }
  void unmark(int bucket) {
    occupied_[(bucket - 1) / 64] &= ~(std::uint64_t{1} << ((bucket - 1) % 64));
  }
  int lowest_occupied() const;  // 0 if no bucket above 0 holds a key
  void place(const Key& key);
  void refill();
  // Always inlined: out of line, GCC's analysis finds this function has no
  // side effects (a prefetch has none) and deletes the calls.
  [[gnu::always_inline]] void prefetch_callbacks(const Bucket& bucket) const {
    if (bucket.size() > kPrefetchBatch)
      return;
    for (const Key& key : bucket) {
      const auto slot = static_cast<std::uint32_t>(key.order);
      if ((slot & kLargeSlot) == 0) {
        __builtin_prefetch(&small_slots_[slot]);  // one cache line
      } else {
        const auto* lines = reinterpret_cast<const char*>(&large_slots_[slot & ~kLargeSlot]);
        __builtin_prefetch(lines);  // two
        __builtin_prefetch(lines + 64);
      }
    }
  }
  std::uint64_t lowest_bucket_minimum() const;
  Bucket take_all();  // every pending key, in no particular order; empties the buckets
  void rebase(std::uint64_t time);
  void renumber();

  Bucket buckets_[kBuckets];
  std::size_t head_ = 0;                 // keys of buckets_[0] before head_ are popped
  std::uint64_t occupied_[kWords] = {};  // bit b - 1 set: buckets_[b] is non-empty
  std::uint64_t last_ = 0;               // key time of the last pop; 0 is the earliest SimTime
  std::size_t size_ = 0;
  // next_time() may have to scan the lowest bucket for its minimum; the result
  // is kept, and lowered by pushes, until the next refill, so that the pop
  // which follows need not scan again.
  mutable std::uint64_t cached_minimum_ = 0;
  mutable bool minimum_cached_ = false;
  std::vector<SmallSlot, Allocator<SmallSlot>> small_slots_;
  std::vector<EventCallback, Allocator<EventCallback>> large_slots_;
  std::vector<std::uint32_t> free_small_slots_;
  std::vector<std::uint32_t> free_large_slots_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace commsim
