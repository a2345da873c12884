#pragma once
// Every radio's time in each state over the whole run, and the joules that
// follow from its state currents. A radio is always in exactly one state, so
// its states' times add up to the elapsed time and it never draws transmit
// and receive current at once. While its node is crashed it sleeps.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/kernel/sim_time.hpp"
#include "sim/net/fault_schedule.hpp"
#include "sim/net/traffic_counters.hpp"

namespace commsim {

enum class RadioState : std::uint8_t { kTx, kRx, kListen, kIdle, kSleep };
inline constexpr std::size_t kRadioStates = 5;

struct RadioCurrents {
  double voltage_v = 3.0;
  std::array<double, kRadioStates> current_a{};  // by RadioState
};

class RadioEnergyMeter {
 public:
  RadioEnergyMeter(std::int32_t radios, RadioCurrents currents, RadioState initial);

  // The schedule of crashes (null: none); its outages are charged as sleep.
  void set_faults(const FaultSchedule* faults) {
    faults_ = faults != nullptr && faults->any() ? faults : nullptr;
  }
  void change(std::int32_t radio, RadioState state, SimTime now) {
    Radio& r = radios_[static_cast<std::size_t>(radio)];
    if (r.state == state)
      return;
    if (faults_ == nullptr) {
      r.time[static_cast<std::size_t>(r.state)] += now - r.since;
    } else {
      add_interval(radio, r.state, r.since, now, r.time);
    }
    r.state = state;
    r.since = now;
  }
  RadioState state(std::int32_t radio) const {
    return radios_[static_cast<std::size_t>(radio)].state;
  }
  // Nanoseconds spent in each state from 0 to `now` (>= the last change).
  std::array<SimTime, kRadioStates> times(std::int32_t radio, SimTime now) const;
  RadioEnergy energy(std::int32_t radio, SimTime now) const;

 private:
  struct Radio {
    RadioState state;
    SimTime since = 0;
    std::array<SimTime, kRadioStates> time{};
  };
  // Adds [since, now) in `state`, minus the node's outages, which are sleep.
  void add_interval(std::int32_t radio, RadioState state, SimTime since, SimTime now,
                    std::array<SimTime, kRadioStates>& time) const;

  RadioCurrents currents_;
  std::vector<Radio> radios_;
  const FaultSchedule* faults_ = nullptr;  // null when nothing ever fails
};

}  // namespace commsim
