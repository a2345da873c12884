// Flows sharing directed links by max-min fairness, on SimGrid 3.32 (Debian's
// libsimgrid-dev), as the validation peer of commsim's switched wired fabric:
// the very same messages on the very same links and routes, so that both
// simulators can be compared message by message and side by side for speed.
//
// What it simulates: every input link is ONE direction of a physical link, a
// SimGrid link of its own with the SHARED policy (a full-duplex cable is two
// entries). All hosts sit in one Full zone whose routes are exactly the input
// routes (added one way only, since a message gives the route from src to
// dst). Each message is a communication of `bytes` bytes: one actor on src
// sleeps, then puts on a mailbox of that message alone; one actor on dst
// posts its get at time 0, so the communication starts when the put does;
// the receiver records the date its get returns.
//
// Configuration, set from the program so that no command line can forget it:
// network/model CM02 with latency-factor 1, bandwidth-factor 1, weight-S 0
// (no bandwidth term in the sharing penalty), TCP-gamma 0 (no window bound:
// the solver reads a bound of 0 as none) and crosstraffic off (no 5% reverse
// flow): plain max-min sharing. surf/precision is 1e-12 s instead of 1e-9 s,
// since SimGrid treats events less than surf/precision apart as simultaneous
// and would shift finish dates by up to 1e-9 s. Hosts have 1 Gf and never
// compute; actor stacks are 128 KiB instead of 8 MiB so that 10^5 messages
// (2x10^5 actors) fit in memory.
//
// Who pays the route latency (the sum of the route's link latencies):
// --latency=network (default): SimGrid's CM02 does. A flow then takes no
//   bandwidth until its latency is paid, and shares in proportion to
//   1/route latency (its sharing penalty is the route latency; 1 when that is
//   0): flows get equal shares only when their routes have equal latencies.
//   This needs network/optim:Full: with SimGrid's default, Lazy, the selective
//   update of 3.32 re-solves only the first link of a flow whose latency
//   ends, when that link was already marked for the same solve (flows whose
//   latencies end together), and the flow's other links then go unchecked.
// --latency=sleep: the links have no latency in SimGrid, the sender sleeps
//   until start_s + route latency, every flow has weight 1 (plain max-min
//   whatever the latencies) and the default Lazy update is kept.
// `--cfg=NAME:VALUE` and `--log=SETTING` arguments are applied after all of
// this, in order, to every case.
//
// Usage: simgrid_flows [--latency=network|sleep] [--cfg=NAME:VALUE ...]
//                      [--log=SETTING ...] CASE.json [CASE2.json ...]
//
// Input, one JSON file per case:
//   {"case": "single_switch/ring_step", "hosts": 4,
//    "links": [{"name": "L0", "bandwidth_bps": 1e10, "latency_s": 1e-6}, ...],
//    "messages": [{"id": 0, "src": 0, "dst": 1, "bytes": 1000000, "start_s": 0.0,
//                  "route": ["L0", "L5"]}, ...]}
// Hosts are 0..hosts-1; ids are distinct; bytes is a whole number; src and
// dst differ; route is the non-empty ordered list of links from src to dst,
// the same for every message with the same (src, dst).
//
// Output, one JSON object per case and line, messages in id order, dates in
// simulated seconds at full double precision:
//   {"simulator":"simgrid","case":"...","messages":[{"id":0,"finish_s":...},...],
//    "cpu_s":...,"events":...}
// cpu_s is the CPU time of this thread (CLOCK_THREAD_CPUTIME_ID) in
// Engine::run() alone: neither reading the file nor building the platform.
// events is the number of times SimGrid's clock advanced (distinct simulated
// dates at which something happened: a sleep ended, a latency was paid, a
// flow finished). Each case runs in a child process of its own, because
// SimGrid's engine is a singleton that cannot be rebuilt within a process.
// Bad input or a failed case: a message on stderr and exit status 2 (1 when a
// case's child process dies).
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xbt/log.h>
#include <nlohmann/json.hpp>
#include <simgrid/s4u.hpp>

namespace {

struct LinkSpec {
  std::string name;
  double bandwidth_bps = 0;
  double latency_s = 0;
};

struct MessageSpec {
  std::int64_t id = 0;
  int src = 0;
  int dst = 0;
  std::uint64_t bytes = 0;
  double start_s = 0;
  std::vector<std::string> route;
  double route_latency_s = 0;  // summed from src to dst, as SimGrid does
  double finish_s = -1;        // written by the receiving actor
};

// How the run is set up, the same for every case.
struct Options {
  // --latency=network (true) or --latency=sleep (false); see the top comment.
  bool latency_in_network = true;
  std::vector<std::string> simgrid_options;  // "--cfg=..." and "--log=...", in order
};

struct CaseSpec {
  std::string name;
  int hosts = 0;
  std::vector<LinkSpec> links;
  std::vector<MessageSpec> messages;  // sorted by id
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

CaseSpec read_case(const std::string& path) {
  std::ifstream file(path);
  if (!file)
    fail(path, "cannot open");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& error) {
    fail(path, error.what());
  }
  CaseSpec spec;
  try {
    spec.name = doc.at("case").get<std::string>();
    spec.hosts = doc.at("hosts").get<int>();
    if (spec.hosts < 1)
      fail(path, "hosts must be at least 1");
    std::unordered_map<std::string, std::size_t> link_index;
    for (const auto& link : doc.at("links")) {
      LinkSpec l{link.at("name").get<std::string>(), link.at("bandwidth_bps").get<double>(),
                 link.at("latency_s").get<double>()};
      if (!(l.bandwidth_bps > 0) || !(l.latency_s >= 0)) {
        fail(path, "link " + l.name + " needs bandwidth_bps > 0 and latency_s >= 0");
      }
      if (!link_index.emplace(l.name, spec.links.size()).second) {
        fail(path, "link " + l.name + " appears twice");
      }
      spec.links.push_back(std::move(l));
    }
    // SimGrid keeps one route per (src, dst): a second, different one would be lost.
    std::map<std::pair<int, int>, std::vector<std::string>> routes;
    for (const auto& message : doc.at("messages")) {
      MessageSpec m;
      m.id = message.at("id").get<std::int64_t>();
      m.src = message.at("src").get<int>();
      m.dst = message.at("dst").get<int>();
      m.bytes = message.at("bytes").get<std::uint64_t>();
      m.start_s = message.at("start_s").get<double>();
      m.route = message.at("route").get<std::vector<std::string>>();
      const std::string which = "message " + std::to_string(m.id);
      if (m.src < 0 || m.src >= spec.hosts || m.dst < 0 || m.dst >= spec.hosts || m.src == m.dst) {
        fail(path, which + ": src and dst must be distinct hosts in 0..hosts-1");
      }
      if (!(m.start_s >= 0))
        fail(path, which + ": start_s must be >= 0");
      if (m.route.empty())
        fail(path, which + ": empty route");
      for (const auto& name : m.route) {
        const auto link = link_index.find(name);
        if (link == link_index.end())
          fail(path, which + ": unknown link " + name);
        m.route_latency_s += spec.links[link->second].latency_s;
      }
      const auto [known, inserted] = routes.emplace(std::pair{m.src, m.dst}, m.route);
      if (!inserted && known->second != m.route) {
        fail(path, which + ": another message from the same src to the same dst has another route");
      }
      spec.messages.push_back(std::move(m));
    }
  } catch (const nlohmann::json::exception& error) {
    fail(path, error.what());
  }
  std::sort(spec.messages.begin(), spec.messages.end(),
            [](const MessageSpec& a, const MessageSpec& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < spec.messages.size(); ++i) {
    if (spec.messages[i].id == spec.messages[i - 1].id) {
      fail(path, "message id " + std::to_string(spec.messages[i].id) + " appears twice");
    }
  }
  return spec;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Plain flow sharing: every correction CM02 can apply to TCP is switched off.
void configure(const Options& options) {
  namespace s4u = simgrid::s4u;
  s4u::Engine::set_config("network/model:CM02");
  s4u::Engine::set_config("network/latency-factor", 1.0);
  s4u::Engine::set_config("network/bandwidth-factor", 1.0);
  s4u::Engine::set_config("network/weight-S", 0.0);
  s4u::Engine::set_config("network/TCP-gamma", 0.0);
  s4u::Engine::set_config("network/crosstraffic", false);
  s4u::Engine::set_config("surf/precision", 1e-12);  // s
  // Lazy's selective update loses links when latencies end together (top comment).
  if (options.latency_in_network)
    s4u::Engine::set_config("network/optim:Full");
  s4u::Engine::set_config("contexts/stack-size", 128);  // KiB
  for (const auto& option : options.simgrid_options) {
    if (option.rfind("--cfg=", 0) == 0) {
      s4u::Engine::set_config(option.substr(6));
    } else {
      xbt_log_control_set(option.substr(6).c_str());
    }
  }
}

// The actors write finish_s into spec's messages, which outlive Engine::run().
void build_platform(CaseSpec& spec, bool latency_in_network) {
  namespace s4u = simgrid::s4u;
  auto* zone = s4u::create_full_zone("fabric");
  std::vector<s4u::Host*> hosts;
  for (int h = 0; h < spec.hosts; ++h)
    hosts.push_back(zone->create_host(std::to_string(h), 1e9));
  std::unordered_map<std::string, s4u::Link*> links;
  for (const auto& l : spec.links) {
    constexpr double kBitsPerByte = 8;
    auto* link = zone->create_link(l.name, l.bandwidth_bps / kBitsPerByte);
    link->set_latency(latency_in_network ? l.latency_s : 0.0)
        ->set_sharing_policy(s4u::Link::SharingPolicy::SHARED)
        ->seal();
    links.emplace(l.name, link);
  }
  std::set<std::pair<int, int>> routed;  // (src, dst)
  for (const auto& m : spec.messages) {
    if (!routed.emplace(m.src, m.dst).second)
      continue;
    std::vector<s4u::LinkInRoute> route;
    for (const auto& name : m.route)
      route.emplace_back(links.at(name));
    zone->add_route(hosts[m.src]->get_netpoint(), hosts[m.dst]->get_netpoint(), nullptr, nullptr,
                    route, /*symmetrical=*/false);
  }
  zone->seal();

  for (auto& message : spec.messages) {
    MessageSpec* m = &message;
    const std::string id = std::to_string(m->id);
    auto* mailbox = s4u::Mailbox::by_name(id);
    const double put_s = latency_in_network ? m->start_s : m->start_s + m->route_latency_s;
    s4u::Actor::create(id, hosts[m->src], [m, mailbox, put_s] {
      s4u::this_actor::sleep_until(put_s);
      mailbox->put(m, m->bytes);
    });
    s4u::Actor::create(id, hosts[m->dst], [mailbox] {
      auto* received = mailbox->get<MessageSpec>();
      received->finish_s = s4u::Engine::get_clock();
    });
  }
}

// Runs in the child process: builds a fresh engine, simulates, prints one line.
int simulate(CaseSpec& spec, const Options& options) {
  int argc = 1;
  char program[] = "simgrid_flows";
  char* argv[] = {program, nullptr};
  simgrid::s4u::Engine engine(&argc, argv);
  // The "Configuration change" lines would bury real warnings.
  xbt_log_control_set("xbt_cfg.thres:warning");
  configure(options);
  build_platform(spec, options.latency_in_network);

  std::int64_t time_advances = 0;
  simgrid::s4u::Engine::on_time_advance_cb([&time_advances](double) { ++time_advances; });
  const double cpu_start_s = thread_cpu_seconds();
  engine.run();
  const double cpu_s = thread_cpu_seconds() - cpu_start_s;

  std::string line =
      "{\"simulator\":\"simgrid\",\"case\":" + nlohmann::json(spec.name).dump() + ",\"messages\":[";
  char number[64];
  for (std::size_t i = 0; i < spec.messages.size(); ++i) {
    const auto& m = spec.messages[i];
    if (m.finish_s < 0) {
      std::fprintf(stderr, "%s: message %lld was never received\n", spec.name.c_str(),
                   static_cast<long long>(m.id));
      return 2;
    }
    std::snprintf(number, sizeof number, "%.17g", m.finish_s);
    line += std::string(i == 0 ? "" : ",") + "{\"id\":" + std::to_string(m.id) +
            ",\"finish_s\":" + number + "}";
  }
  std::snprintf(number, sizeof number, "%.17g", cpu_s);
  line +=
      std::string("],\"cpu_s\":") + number + ",\"events\":" + std::to_string(time_advances) + "}";
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
  return 0;
}

int run(int argc, char** argv) {
  Options options;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--cfg=", 0) == 0 || arg.rfind("--log=", 0) == 0) {
      options.simgrid_options.push_back(arg);
    } else if (arg == "--latency=network" || arg == "--latency=sleep") {
      options.latency_in_network = arg == "--latency=network";
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "unknown argument: %s\n", arg.c_str());
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr,
                 "usage: simgrid_flows [--latency=network|sleep] [--cfg=NAME:VALUE ...] "
                 "[--log=SETTING ...] CASE.json [CASE2.json ...]\n");
    return 2;
  }
  for (const auto& path : paths) {
    CaseSpec spec;
    try {
      spec = read_case(path);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "simgrid_flows: %s\n", error.what());
      return 2;
    }
    std::fflush(stdout);  // else the child would print the parent's buffer again
    const pid_t child = fork();
    if (child < 0) {
      std::perror("simgrid_flows: fork");
      return 1;
    }
    if (child == 0) {
      int status = 2;
      try {
        status = simulate(spec, options);
      } catch (const std::exception& error) {
        std::fprintf(stderr, "simgrid_flows: %s: %s\n", path.c_str(), error.what());
      }
      std::fflush(stdout);
      // _exit: the parent's atexit handlers and SimGrid's teardown are not the child's business.
      _exit(status);
    }
    int status = 0;
    if (waitpid(child, &status, 0) < 0) {
      std::perror("simgrid_flows: waitpid");
      return 1;
    }
    if (!WIFEXITED(status)) {
      std::fprintf(stderr, "simgrid_flows: %s: the simulation died\n", path.c_str());
      return 1;
    }
    if (WEXITSTATUS(status) != 0)
      return WEXITSTATUS(status);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return run(argc, argv);
}
