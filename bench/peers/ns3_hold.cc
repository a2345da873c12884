// The hold model of bench/event_queue_bench.cpp on ns-3 (Debian's libns3-dev),
// written the way an ns-3 user would: a plain function scheduled with
// Simulator::Schedule from inside itself. Same delays (commsim's Rng, the same
// table), same counts, same warm-up. Prints one JSON object per line:
//   {"simulator":"ns-3","scheduler":...,"pending":P,"holds":N,
//    "events_per_second":[...],"median":...}
// Usage: ns3_hold [--reps=R] [--holds=N] [--pending=P1,P2,...]
//                 [--schedulers=PriorityQueue,Map,Heap,Calendar]
//                 [--calendar-max-pending=P]
// Rates are per CPU second of this thread, as Google Benchmark's
// items_per_second on the commsim side: on a shared machine, time spent
// descheduled would otherwise count against whichever side ran then.
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "bench/hold_workload.hpp"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"

namespace commsim::bench {
namespace {

// Global because an ns-3 event handler is most naturally a free function with
// no bound state; the commsim side captures a pointer instead.
HoldDelays* g_delays = nullptr;
std::int64_t g_remaining = 0;

void hold() {
  ns3::Simulator::Schedule(ns3::TimeStep(static_cast<std::uint64_t>(g_delays->next())), &hold);
  if (--g_remaining == 0) ns3::Simulator::Stop();
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

double run_holds(std::int64_t holds) {
  g_remaining = holds;
  const double start = thread_cpu_seconds();
  ns3::Simulator::Run();
  return static_cast<double>(holds) / (thread_cpu_seconds() - start);
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

int run(int argc, char** argv) {
  int reps = 7;
  std::int64_t holds = kHoldsPerRun;
  std::vector<std::int64_t> pendings{1'000, 100'000, 1'000'000};
  std::vector<std::string> schedulers{"PriorityQueue", "Map", "Heap", "Calendar"};
  // ns-3.37's CalendarScheduler degrades to ~1e4 events/s at a million
  // pending (a run of 1e6 holds takes minutes), so by default it stops here.
  std::int64_t calendar_max_pending = 100'000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = arg.substr(arg.find('=') + 1);
    if (arg.rfind("--reps=", 0) == 0) {
      reps = std::stoi(value);
    } else if (arg.rfind("--holds=", 0) == 0) {
      holds = std::stoll(value);
    } else if (arg.rfind("--pending=", 0) == 0) {
      pendings.clear();
      for (const auto& p : split(value)) pendings.push_back(std::stoll(p));
    } else if (arg.rfind("--schedulers=", 0) == 0) {
      schedulers = split(value);
    } else if (arg.rfind("--calendar-max-pending=", 0) == 0) {
      calendar_max_pending = std::stoll(value);
    } else {
      std::fprintf(stderr, "unknown argument: %s\n", arg.c_str());
      return 2;
    }
  }
  for (const auto& scheduler : schedulers) {
    for (const std::int64_t pending : pendings) {
      if (scheduler == "Calendar" && pending > calendar_max_pending) continue;
      ns3::Simulator::Destroy();
      ns3::ObjectFactory factory;
      factory.SetTypeId("ns3::" + scheduler + "Scheduler");
      ns3::Simulator::SetScheduler(factory);
      HoldDelays delays;
      g_delays = &delays;
      for (std::int64_t i = 0; i < pending; ++i) {
        ns3::Simulator::Schedule(ns3::TimeStep(static_cast<std::uint64_t>(delays.next())), &hold);
      }
      run_holds(holds);  // warm-up, as on the commsim side
      std::vector<double> rates;
      for (int r = 0; r < reps; ++r) rates.push_back(run_holds(holds));
      std::vector<double> sorted = rates;
      std::sort(sorted.begin(), sorted.end());
      const double median = sorted.size() % 2 == 1
                                ? sorted[sorted.size() / 2]
                                : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
      std::printf("{\"simulator\":\"ns-3\",\"scheduler\":\"%s\",\"pending\":%lld,\"holds\":%lld,"
                  "\"events_per_second\":[",
                  scheduler.c_str(), static_cast<long long>(pending), static_cast<long long>(holds));
      for (std::size_t r = 0; r < rates.size(); ++r) {
        std::printf("%s%.0f", r == 0 ? "" : ",", rates[r]);
      }
      std::printf("],\"median\":%.0f}\n", median);
      std::fflush(stdout);
    }
  }
  ns3::Simulator::Destroy();
  return 0;
}

}  // namespace
}  // namespace commsim::bench

int main(int argc, char** argv) { return commsim::bench::run(argc, argv); }
