#include "models/links/ieee802154.hpp"

#include <string>

#include "models/links/ieee802154_csma.hpp"

namespace commsim {

using ieee802154::CsmaDraws;
using ieee802154::MessageTimeline;

std::int64_t Ieee802154Config::mac_overhead_bytes() const {
  return addressing == Ieee802154Addressing::kExtended ? ieee802154::kMacOverheadExtendedBytes
                                                       : ieee802154::kMacOverheadShortBytes;
}

std::int64_t Ieee802154Config::max_payload_bytes_per_frame() const {
  return ieee802154::kMaxPhyPacketSizeBytes - mac_overhead_bytes();
}

std::int64_t Ieee802154Config::frame_payload_bytes() const {
  return payload_bytes_per_frame > 0 ? payload_bytes_per_frame : max_payload_bytes_per_frame();
}

namespace {

// Joules one radio draws over the window [0, window_us] in which it transmits
// for tx_us and receives frames for rx_us.
double radio_energy_j(const Ieee802154Config& c, std::int64_t window_us, std::int64_t tx_us,
                      std::int64_t rx_us) {
  const double window_s = static_cast<double>(window_us) * 1e-6;
  const double tx_s = static_cast<double>(tx_us) * 1e-6;
  const double rx_s = static_cast<double>(rx_us) * 1e-6;
  if (c.energy_mode == Ieee802154EnergyMode::kAlwaysOn) {
    // Listening costs as much as receiving, so the radio draws I_rx all the
    // time except while transmitting (as ns-3 lr-wpan with its energy model).
    return c.voltage_v * (c.rx_current_a * window_s - (c.rx_current_a - c.tx_current_a) * tx_s);
  }
  // Duty-cycled: transmit and receive at their currents, the rest of the window idle.
  return c.voltage_v * (c.tx_current_a * tx_s + c.rx_current_a * rx_s +
                        c.idle_current_a * (window_s - tx_s - rx_s));
}

}  // namespace

LinkCost Ieee802154LinkModel::evaluate(std::int64_t payload_bits, Rng* rng, bool expected,
                                       Transmission mode) const {
  const bool acknowledged = config_.ack && mode == Transmission::kUnicast;
  CsmaDraws draws = expected ? CsmaDraws(nullptr, true, 0.0, 0.0)
                             : CsmaDraws(rng, config_.backoff == Ieee802154Backoff::kMean,
                                         config_.frame_error_rate, config_.busy_probability);
  const MessageTimeline t =
      ieee802154::run_message(config_, payload_bytes_of(payload_bits), acknowledged, draws);
  LinkCost result;
  result.delivery = microseconds(t.delivery_us);
  result.sender_busy = microseconds(t.sender_free_us);
  result.frames = t.frames;
  result.wire_bytes = t.wire_bytes;
  result.delivered = t.delivered;
  // Both radios are accounted over the same window: first send to sender free.
  result.sender_energy_j =
      radio_energy_j(config_, t.sender_free_us, t.sender_tx_us, t.sender_rx_us);
  result.receiver_energy_j =
      radio_energy_j(config_, t.sender_free_us, t.receiver_tx_us, t.receiver_rx_us);
  return result;
}

LinkCost Ieee802154LinkModel::cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const {
  return evaluate(payload_bits, &rng, false, mode);
}

LinkCost Ieee802154LinkModel::expected_cost(std::int64_t payload_bits, Transmission mode) const {
  return evaluate(payload_bits, nullptr, true, mode);
}

PluginInfo ieee802154_info() {
  return {
      "ieee802154",
      "IEEE 802.15.4-2006 2.4 GHz O-QPSK, unslotted CSMA-CA, ACKs and retries; CC2420 energy",
      {
          ParamSpec::boolean("ack", true, "request an ACK for every unicast frame (and retry)"),
          ParamSpec::choice("addressing", {"short", "extended"}, "short",
                            "MAC addresses: short (11 B overhead, 116 B per frame) or extended "
                            "(23 B, 104 B per frame)"),
          ParamSpec::choice("backoff", {"random", "mean"}, "random",
                            "CSMA backoff drawn at random, or always its mean"),
          ParamSpec::real("frame_error_rate", 0.0, "probability that a data frame is corrupted")
              .at_least(0)
              .at_most(1),
          ParamSpec::real("busy_probability", 0.0, "probability that a CCA finds the channel busy")
              .at_least(0)
              .at_most(1),
          ParamSpec::choice("energy_mode", {"always_on", "active_only"}, "always_on",
                            "always_on: radios listen throughout; active_only: duty-cycled, "
                            "transmit and receive at their currents, otherwise idle"),
          ParamSpec::real("voltage_v", 3.0, "supply voltage, V").above(0),
          ParamSpec::real("tx_current_a", 0.0174, "current while transmitting, A").at_least(0),
          ParamSpec::real("rx_current_a", 0.0188, "current while receiving or listening, A")
              .at_least(0),
          ParamSpec::real("idle_current_a", 0.000426,
                          "current while idle, A (active_only only; 0 for an ideal radio)")
              .at_least(0),
          ParamSpec::integer("max_frame_retries", ieee802154::kMacMaxFrameRetries,
                             "macMaxFrameRetries: retransmissions of an unacknowledged frame")
              .at_least(0)
              .at_most(ieee802154::kMacMaxFrameRetriesLimit),
          ParamSpec::integer("min_be", ieee802154::kMacMinBe,
                             "macMinBE: backoff exponent of a CSMA-CA's first backoff (0..max_be)")
              .at_least(0)
              .at_most(ieee802154::kMacMaxBeLimit),
          ParamSpec::integer("max_be", ieee802154::kMacMaxBe,
                             "macMaxBE: largest backoff exponent after busy CCAs (3..8)")
              .at_least(3)
              .at_most(ieee802154::kMacMaxBeLimit),
          ParamSpec::integer("max_csma_backoffs", ieee802154::kMacMaxCsmaBackoffs,
                             "macMaxCSMABackoffs: busy CCAs after the first before a channel "
                             "access failure (0..5)")
              .at_least(0)
              .at_most(ieee802154::kMacMaxCsmaBackoffsLimit),
          ParamSpec::optional_integer("payload_bytes_per_frame",
                                      "application bytes per frame; default the largest that "
                                      "fits: 116 (short) or 104 (extended)")
              .at_least(1),
          ParamSpec::optional_integer("application_packet_bytes",
                                      "cut a message into application packets of this many bytes "
                                      "(the last shorter), each fragmented into frames on its own; "
                                      "default: the whole message is one packet")
              .at_least(1),
      },
      ""};
}

std::shared_ptr<const LinkModel> make_ieee802154(const Params& params) {
  Ieee802154Config c;
  c.ack = params.boolean("ack");
  c.addressing = params.text("addressing") == "extended" ? Ieee802154Addressing::kExtended
                                                         : Ieee802154Addressing::kShort;
  c.backoff =
      params.text("backoff") == "mean" ? Ieee802154Backoff::kMean : Ieee802154Backoff::kRandom;
  c.frame_error_rate = params.real("frame_error_rate");
  c.busy_probability = params.real("busy_probability");
  c.energy_mode = params.text("energy_mode") == "active_only" ? Ieee802154EnergyMode::kActiveOnly
                                                              : Ieee802154EnergyMode::kAlwaysOn;
  c.voltage_v = params.real("voltage_v");
  c.tx_current_a = params.real("tx_current_a");
  c.rx_current_a = params.real("rx_current_a");
  c.idle_current_a = params.real("idle_current_a");
  c.max_frame_retries = static_cast<int>(params.integer("max_frame_retries"));
  c.min_be = static_cast<int>(params.integer("min_be"));
  c.max_be = static_cast<int>(params.integer("max_be"));
  c.max_csma_backoffs = static_cast<int>(params.integer("max_csma_backoffs"));
  if (c.min_be > c.max_be) {
    throw params.error("min_be", "got " + std::to_string(c.min_be) + ", expected at most max_be (" +
                                     std::to_string(c.max_be) + ")");
  }
  if (params.has("payload_bytes_per_frame")) {
    c.payload_bytes_per_frame = params.integer("payload_bytes_per_frame");
    // The MPDU must fit aMaxPHYPacketSize (Table 22).
    if (c.payload_bytes_per_frame > c.max_payload_bytes_per_frame()) {
      throw params.error("payload_bytes_per_frame",
                         "got " + std::to_string(c.payload_bytes_per_frame) +
                             ", expected at most " +
                             std::to_string(c.max_payload_bytes_per_frame()) + " with " +
                             params.text("addressing") +
                             " addressing (127-byte PHY packet minus the MAC overhead)");
    }
  }
  if (params.has("application_packet_bytes"))
    c.application_packet_bytes = params.integer("application_packet_bytes");
  return std::make_shared<const Ieee802154LinkModel>(c);
}

}  // namespace commsim
