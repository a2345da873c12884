// 802.15.4 energy, hand-computed. V = 3 V, I_tx = 17.4 mA, I_rx = 18.8 mA,
// I_rx - I_tx = 1.4 mA, idle 0.426 mA.
// always_on, per radio: E = V * (I_rx * T_done - (I_rx - I_tx) * t_tx(radio)).
#include <doctest/doctest.h>

#include "models/links/registry.hpp"

using commsim::LinkCost;
using commsim::Transmission;

namespace {
std::shared_ptr<const commsim::LinkModel> radio(nlohmann::json block) {
  block["model"] = "ieee802154";
  return commsim::make_link_model(block, "link");
}
LinkCost expected(const commsim::LinkModel& model, std::int64_t bytes) {
  return model.expected_cost(bytes * 8, Transmission::kUnicast);
}
doctest::Approx exactly(double value) {
  return doctest::Approx(value).epsilon(1e-12);
}
}  // namespace

TEST_CASE("ieee802154: always_on energy of 31400 B without ACK") {
  // T_done = 1.715264 s; sender transmits turnaround + airtime of every frame:
  // 270 * (192 + 4256) + (192 + 3104) = 1204256 us; the receiver never does.
  // sender   = 3 * (0.0188 * 1.715264 - 0.0014 * 1.204256) = 0.0916830144 J
  // receiver = 3 *  0.0188 * 1.715264                      = 0.0967408896 J
  // total 0.188423904 J (ns-3: 0.1885 J).
  const LinkCost cost = expected(*radio({{"ack", false}}), 31400);
  CHECK(cost.sender_energy_j == exactly(0.0916830144));
  CHECK(cost.receiver_energy_j == exactly(0.0967408896));
  CHECK(cost.sender_energy_j + cost.receiver_energy_j == exactly(0.188423904));
}

TEST_CASE("ieee802154: always_on energy of 31400 B with ACK") {
  // T_done = 1.862144 + 0.000544 = 1.862688 s; the receiver transmits
  // 271 * (192 + 352) = 147424 us of turnaround + ACK.
  // sender   = 3 * (0.0188 * 1.862688 - 0.0014 * 1.204256) = 0.099997728 J
  // receiver = 3 * (0.0188 * 1.862688 - 0.0014 * 0.147424) = 0.1044364224 J
  // total 0.2044341504 J (ns-3: 0.2045 J), 6.51 uJ per payload byte.
  const LinkCost cost = expected(*radio({{"ack", true}}), 31400);
  CHECK(cost.sender_energy_j == exactly(0.099997728));
  CHECK(cost.receiver_energy_j == exactly(0.1044364224));
  CHECK((cost.sender_energy_j + cost.receiver_energy_j) / 31400 * 1e6 ==
        doctest::Approx(6.51).epsilon(0.01));
}

TEST_CASE("ieee802154: active_only energy, ideal radio (idle current 0)") {
  // 11600 B = 100 full frames. Without ACK, per frame: sender transmits
  // 4448 us at 52.2 mW = 232.1856 uJ, receiver receives 4256 us at 56.4 mW =
  // 240.0384 uJ: 472.224 uJ per 116 B = 4.07 uJ per byte.
  const LinkCost no_ack = expected(
      *radio({{"ack", false}, {"energy_mode", "active_only"}, {"idle_current_a", 0.0}}), 11600);
  CHECK(no_ack.sender_energy_j == exactly(0.02321856));
  CHECK(no_ack.receiver_energy_j == exactly(0.02400384));
  // With ACK the sender also receives 352 us (19.8528 uJ) and the receiver
  // transmits 544 us (28.3968 uJ): 520.4736 uJ per frame, 4.49 uJ per byte.
  const LinkCost ack = expected(
      *radio({{"ack", true}, {"energy_mode", "active_only"}, {"idle_current_a", 0.0}}), 11600);
  CHECK(ack.sender_energy_j == exactly(0.02520384));
  CHECK(ack.receiver_energy_j == exactly(0.02684352));
}

TEST_CASE("ieee802154: active_only energy with the default idle current") {
  // No ACK: T_done = 99 * 6336 + 5696 = 632960 us. Idle: sender 632960 - 444800
  // = 188160 us, receiver 632960 - 425600 = 207360 us, at 1.278 mW:
  // + 240.46848 uJ and + 265.00608 uJ. 4.11 uJ per byte (expected: about 4.1).
  const LinkCost no_ack = expected(*radio({{"ack", false}, {"energy_mode", "active_only"}}), 11600);
  CHECK(no_ack.sender_energy_j == exactly(0.02345902848));
  CHECK(no_ack.receiver_energy_j == exactly(0.02426884608));
  CHECK((no_ack.sender_energy_j + no_ack.receiver_energy_j) / 11600 * 1e6 ==
        doctest::Approx(4.11).epsilon(0.005));
  // ACK: T_done = 99 * 6880 + 5696 + 544 = 687360 us; each radio is active
  // 4800 us per frame and idle 207360 us. 4.53 uJ per byte (expected: about 4.5).
  const LinkCost ack = expected(*radio({{"ack", true}, {"energy_mode", "active_only"}}), 11600);
  CHECK(ack.sender_energy_j == exactly(0.02546884608));
  CHECK(ack.receiver_energy_j == exactly(0.02710852608));
  CHECK((ack.sender_energy_j + ack.receiver_energy_j) / 11600 * 1e6 ==
        doctest::Approx(4.53).epsilon(0.005));
}

TEST_CASE("ieee802154: always_on per-byte energy of long messages") {
  // Expected: about 6.0 uJ (no ACK) and 6.5 uJ (ACK) per payload byte.
  const LinkCost no_ack = expected(*radio({{"ack", false}}), 116 * 1000);
  const LinkCost ack = expected(*radio({{"ack", true}}), 116 * 1000);
  CHECK((no_ack.sender_energy_j + no_ack.receiver_energy_j) / 116000 * 1e6 ==
        doctest::Approx(6.0).epsilon(0.01));
  CHECK((ack.sender_energy_j + ack.receiver_energy_j) / 116000 * 1e6 ==
        doctest::Approx(6.5).epsilon(0.01));
}

TEST_CASE("ieee802154: radio currents and voltage are parameters") {
  // Doubling the voltage doubles the energy.
  const LinkCost base = expected(*radio({{"ack", false}}), 1);
  const LinkCost doubled = expected(*radio({{"ack", false}, {"voltage_v", 6.0}}), 1);
  CHECK(doubled.sender_energy_j == exactly(2 * base.sender_energy_j));
  // 1 B, always_on, I_tx = I_rx: both radios draw I_rx for T_done = 2016 us.
  const LinkCost flat = expected(*radio({{"ack", false}, {"tx_current_a", 0.0188}}), 1);
  CHECK(flat.sender_energy_j == exactly(3 * 0.0188 * 2016e-6));
  CHECK(flat.receiver_energy_j == exactly(3 * 0.0188 * 2016e-6));
}
