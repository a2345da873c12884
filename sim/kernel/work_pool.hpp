#pragma once
// Numerics off the event loop. A model submits a job (a pure computation,
// such as a minibatch gradient) when a simulated step starts and collects it
// when the step's completion event runs; in between, worker threads compute
// it while the event loop goes on. Jobs only change when the arithmetic
// happens on the host, never what it gives: a job may read only state that
// stays fixed until it is collected and write only what its collector reads,
// so every output is the same for any number of threads.
//
// With one thread (no workers) a job runs when it is collected, on the event
// loop's thread, exactly where the computation would run without a pool.
// While the loop waits for a job a worker is running, it runs queued jobs
// itself, so `threads` counts the loop's thread too.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace commsim {

class WorkPool {
 public:
  struct Job;
  using Ticket = std::shared_ptr<Job>;

  // threads >= 1: the event loop's thread plus threads - 1 workers.
  explicit WorkPool(unsigned threads = 1);
  // Jobs not yet started are dropped (nobody can collect them any more);
  // running ones are waited for.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  unsigned threads() const { return static_cast<unsigned>(workers_.size()) + 1; }

  Ticket submit(std::function<void()> work);
  // Returns once the job has run (running it here if no worker took it);
  // rethrows what the job threw. Collecting twice is allowed.
  void collect(const Ticket& ticket);

 private:
  void work_loop();
  // Runs `job` on this thread if nobody has started it; true if it ran here.
  static bool try_run(Job& job);

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<Ticket> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// Worker threads for a run: `requested` when > 0, else every core the
// machine reports, shared among `parallel_runs` runs of a sweep (at least 1).
unsigned default_threads(int requested, unsigned parallel_runs = 1);

}  // namespace commsim
