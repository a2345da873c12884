#include "models/media/radio/radio_energy.hpp"

#include <algorithm>

namespace commsim {

RadioEnergyMeter::RadioEnergyMeter(std::int32_t radios, RadioCurrents currents, RadioState initial)
    : currents_(currents), radios_(static_cast<std::size_t>(radios), Radio{initial, 0, {}}) {}

void RadioEnergyMeter::add_interval(std::int32_t radio, RadioState state, SimTime since,
                                    SimTime now, std::array<SimTime, kRadioStates>& time) const {
  SimTime down = 0;
  if (faults_ != nullptr) {
    for (SimTime t = since; t < now;) {
      const SimTime crash = faults_->node_next_crash(radio, t);
      if (crash >= now)
        break;
      const SimTime up = std::min(faults_->node_up_again(radio, crash), now);
      down += up - crash;
      t = up;
    }
  }
  time[static_cast<std::size_t>(state)] += now - since - down;
  time[static_cast<std::size_t>(RadioState::kSleep)] += down;
}

std::array<SimTime, kRadioStates> RadioEnergyMeter::times(std::int32_t radio, SimTime now) const {
  const Radio& r = radios_[static_cast<std::size_t>(radio)];
  std::array<SimTime, kRadioStates> time = r.time;
  add_interval(radio, r.state, r.since, std::max(now, r.since), time);
  return time;
}

RadioEnergy RadioEnergyMeter::energy(std::int32_t radio, SimTime now) const {
  const auto time = times(radio, now);
  const auto joules = [&](RadioState state) {
    const auto s = static_cast<std::size_t>(state);
    return currents_.voltage_v * currents_.current_a[s] * simtime_to_seconds(time[s]);
  };
  RadioEnergy e;
  e.tx_j = joules(RadioState::kTx);
  e.rx_j = joules(RadioState::kRx);
  e.listen_j = joules(RadioState::kListen);
  e.idle_j = joules(RadioState::kIdle);
  e.sleep_j = joules(RadioState::kSleep);
  return e;
}

}  // namespace commsim
