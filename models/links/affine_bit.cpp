#include "models/links/affine_bit.hpp"

#include <cmath>

namespace commsim {

LinkCost AffineBitLinkModel::cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const {
  LinkCost result = expected_cost(payload_bits, mode);
  // One draw per message, and none without loss, so a lossless link leaves
  // its stream untouched. A lost message costs the same time and energy.
  if (config_.loss_rate > 0.0 && rng.bernoulli(config_.loss_rate)) {
    result.delivered = false;
    result.delivery = result.sender_busy;  // as in every link model: known when the sender is done
  }
  return result;
}

LinkCost AffineBitLinkModel::expected_cost(std::int64_t payload_bits, Transmission /*mode*/) const {
  // Bits, not bytes: the model is meant for costs counted per entry or per bit.
  const std::int64_t bits = config_.overhead_bits + payload_bits;
  const double energy_j =
      config_.energy_per_message_j + config_.energy_per_bit_j * static_cast<double>(bits);
  LinkCost result;
  // The sender is free once the bits are out; latency only delays the receiver.
  result.sender_busy = seconds_to_simtime(static_cast<double>(bits) / config_.bandwidth_bps);
  result.delivery = result.sender_busy + seconds_to_simtime(config_.latency_s);
  result.frames = 1;
  result.wire_bytes = (bits + 7) / 8;
  result.sender_energy_j = config_.sender_energy_share * energy_j;
  result.receiver_energy_j = (1.0 - config_.sender_energy_share) * energy_j;
  return result;
}

PluginInfo affine_bit_info() {
  return {
      "affine_bit",
      "Alpha-beta (Hockney) link: latency + bits / bandwidth; energy per message + per bit",
      {
          ParamSpec::real("latency_s", 0.0, "fixed delay added to every message, s").at_least(0),
          ParamSpec::real("bandwidth_bps", 1e9, "bits per second").above(0),
          ParamSpec::integer("overhead_bits", 0, "bits added to every message (headers)")
              .at_least(0),
          ParamSpec::real("energy_per_bit_j", 1e-9, "joules per bit, overhead included")
              .at_least(0),
          ParamSpec::real("energy_per_message_j", 0.0, "joules per message").at_least(0),
          ParamSpec::real("sender_energy_share", 1.0,
                          "fraction of the energy charged to the sender; the rest to each "
                          "receiver")
              .at_least(0)
              .at_most(1),
          ParamSpec::real("loss_rate", 0.0,
                          "probability that a message is lost (independently, one draw per "
                          "message); a lost message costs its time and energy")
              .at_least(0)
              .at_most(1),
      },
      ""};
}

std::shared_ptr<const LinkModel> make_affine_bit(const Params& params) {
  AffineBitConfig config;
  config.latency_s = params.real("latency_s");
  config.bandwidth_bps = params.real("bandwidth_bps");
  config.overhead_bits = params.integer("overhead_bits");
  config.energy_per_bit_j = params.real("energy_per_bit_j");
  config.energy_per_message_j = params.real("energy_per_message_j");
  config.sender_energy_share = params.real("sender_energy_share");
  config.loss_rate = params.real("loss_rate");
  return std::make_shared<const AffineBitLinkModel>(config);
}

}  // namespace commsim
