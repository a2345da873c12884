#pragma once
// When one thing (a node, a directed link, an undirected edge) is down: a set
// of outages [down, up), made of scheduled ones and, optionally, a random
// alternating failure/repair process drawn lazily from the thing's own seeded
// stream. The state is a pure function of time: no simulator events, so a
// failure process can never keep a finished run alive, and the answer does
// not depend on the order in which the timeline is asked.
#include <optional>
#include <vector>

#include "sim/kernel/rng.hpp"
#include "sim/kernel/sim_time.hpp"

namespace commsim {

struct Outage {
  SimTime down = kSimTimeMax;
  SimTime up = kSimTimeMax;  // kSimTimeMax: never comes back
};

class OutageTimeline {
 public:
  // A scheduled outage; overlapping ones merge. Add them all before asking.
  void add(Outage outage);
  // Time to failure ~ Exp(1 / failure_rate_per_s) after every repair (and
  // from time 0); repair after Exp(mean_down_s), or never without a mean.
  void set_random(Rng rng, double failure_rate_per_s, std::optional<double> mean_down_s);

  // The outage that contains `at`, or else the first that starts after it;
  // {kSimTimeMax, kSimTimeMax} when there is none.
  Outage next_outage(SimTime at) const;
  bool down_at(SimTime at) const { return next_outage(at).down <= at; }
  bool has_random() const { return random_process_.has_value(); }

 private:
  struct RandomProcess {
    Rng rng;
    double mean_up_s;
    std::optional<double> mean_down_s;
    SimTime known_until = 0;  // every random outage that starts before this is drawn
    bool permanent = false;   // the last drawn outage never ends
  };
  void draw_until(SimTime at) const;

  std::vector<Outage> scheduled_;  // sorted by down, disjoint
  mutable std::vector<Outage> random_;
  mutable std::optional<RandomProcess> random_process_;
};

// Adds a duration to a time without overflowing past kSimTimeMax.
SimTime saturating_add(SimTime at, SimTime duration);

}  // namespace commsim
