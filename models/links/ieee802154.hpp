#pragma once
// IEEE 802.15.4-2006, 2.4 GHz O-QPSK, unslotted CSMA-CA between two radios:
// a message is cut into frames, each sent after a random backoff and a CCA,
// optionally acknowledged and retried. Energy of a CC2420-class radio.
// Formulas and their limits: docs/links.md.
#include <cstdint>
#include <memory>

#include "models/links/ieee802154_constants.hpp"
#include "sim/net/link_model.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

enum class Ieee802154Addressing { kShort, kExtended };
enum class Ieee802154Backoff { kRandom, kMean };
enum class Ieee802154EnergyMode { kAlwaysOn, kActiveOnly };

struct Ieee802154Config {
  bool ack = true;
  Ieee802154Addressing addressing = Ieee802154Addressing::kShort;
  Ieee802154Backoff backoff = Ieee802154Backoff::kRandom;
  double frame_error_rate = 0.0;  // per transmitted data frame
  double busy_probability = 0.0;  // per CCA
  Ieee802154EnergyMode energy_mode = Ieee802154EnergyMode::kAlwaysOn;
  // CC2420 datasheet, 3 V supply: transmit at 0 dBm, receive (= listen), idle.
  double voltage_v = 3.0;
  double tx_current_a = 0.0174;
  double rx_current_a = 0.0188;
  double idle_current_a = 0.000426;
  int max_frame_retries = ieee802154::kMacMaxFrameRetries;
  int min_be = ieee802154::kMacMinBe;
  int max_be = ieee802154::kMacMaxBe;
  int max_csma_backoffs = ieee802154::kMacMaxCsmaBackoffs;
  std::int64_t payload_bytes_per_frame = 0;  // 0: the largest that fits (116 short, 104 extended)
  // 0: the message is one packet. Otherwise the message is cut into packets
  // of this many bytes (the last one shorter), each fragmented into frames.
  std::int64_t application_packet_bytes = 0;

  std::int64_t mac_overhead_bytes() const;
  // aMaxPHYPacketSize minus the MAC overhead.
  std::int64_t max_payload_bytes_per_frame() const;
  std::int64_t frame_payload_bytes() const;
};

class Ieee802154LinkModel final : public LinkModel {
 public:
  explicit Ieee802154LinkModel(Ieee802154Config config) : config_(config) {}
  std::string name() const override { return "ieee802154"; }
  // Backoffs drawn from `rng` (or their means with backoff = mean); frame
  // errors and busy channels drawn from `rng`.
  LinkCost cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const override;
  // Mean backoffs, no frame errors, never busy: equal to cost() with
  // backoff = mean when frame_error_rate = busy_probability = 0.
  LinkCost expected_cost(std::int64_t payload_bits, Transmission mode) const override;
  bool draws_randomness() const override {
    return config_.backoff == Ieee802154Backoff::kRandom || config_.frame_error_rate > 0.0 ||
           config_.busy_probability > 0.0;
  }
  const Ieee802154Config& config() const { return config_; }

 private:
  LinkCost evaluate(std::int64_t payload_bits, Rng* rng, bool expected, Transmission mode) const;
  Ieee802154Config config_;
};

PluginInfo ieee802154_info();
std::shared_ptr<const LinkModel> make_ieee802154(const Params& params);

}  // namespace commsim
