#include "sim/kernel/work_pool.hpp"

#include <algorithm>
#include <atomic>

namespace commsim {

struct WorkPool::Job {
  enum State : int { kQueued, kRunning, kDone };

  explicit Job(std::function<void()> work_) : work(std::move(work_)) {}

  std::function<void()> work;
  std::atomic<int> state{kQueued};
  std::exception_ptr error;  // written before kDone, read after
  std::mutex mutex;
  std::condition_variable finished;
};

WorkPool::WorkPool(unsigned threads) {
  for (unsigned t = 1; t < threads; ++t)
    workers_.emplace_back([this] { work_loop(); });
}

WorkPool::~WorkPool() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  queued_.notify_all();
  for (auto& worker : workers_)
    worker.join();
}

WorkPool::Ticket WorkPool::submit(std::function<void()> work) {
  auto ticket = std::make_shared<Job>(std::move(work));
  if (workers_.empty())
    return ticket;  // runs when collected
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(ticket);
  }
  queued_.notify_one();
  return ticket;
}

bool WorkPool::try_run(Job& job) {
  int expected = Job::kQueued;
  if (!job.state.compare_exchange_strong(expected, Job::kRunning, std::memory_order_acq_rel))
    return false;
  try {
    job.work();
  } catch (...) {
    job.error = std::current_exception();
  }
  job.work = nullptr;  // free what the job captured on the thread that ran it
  {
    const std::lock_guard lock(job.mutex);
    job.state.store(Job::kDone, std::memory_order_release);
  }
  job.finished.notify_all();
  return true;
}

void WorkPool::collect(const Ticket& ticket) {
  Job& job = *ticket;
  try_run(job);
  while (job.state.load(std::memory_order_acquire) != Job::kDone) {
    // A worker runs it: help with the queue meanwhile, then wait.
    Ticket other;
    {
      const std::lock_guard lock(mutex_);
      if (!queue_.empty()) {
        other = std::move(queue_.front());
        queue_.pop_front();
      }
    }
    if (other) {
      try_run(*other);
      continue;
    }
    std::unique_lock lock(job.mutex);
    job.finished.wait(lock,
                      [&] { return job.state.load(std::memory_order_acquire) == Job::kDone; });
  }
  if (job.error)
    std::rethrow_exception(job.error);
}

void WorkPool::work_loop() {
  for (;;) {
    Ticket job;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_)
        return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    try_run(*job);
  }
}

unsigned default_threads(int requested, unsigned parallel_runs) {
  if (requested > 0)
    return static_cast<unsigned>(requested);
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  return std::max(1U, cores / std::max(1U, parallel_runs));
}

}  // namespace commsim
