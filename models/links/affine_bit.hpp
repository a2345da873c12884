#pragma once
// The affine-bit (alpha-beta, Hockney) link: a message of P bits costs
// latency + (overhead + P) / bandwidth seconds and
// energy_per_message + energy_per_bit * (overhead + P) joules. It is also the
// CAT paper's affine cost c0 + c1 * T when T counts sparse-vector entries.
#include <cstdint>
#include <memory>

#include "sim/net/link_model.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"

namespace commsim {

struct AffineBitConfig {
  double latency_s = 0.0;
  double bandwidth_bps = 1e9;
  std::int64_t overhead_bits = 0;
  double energy_per_bit_j = 1e-9;
  double energy_per_message_j = 0.0;
  double sender_energy_share = 1.0;  // the rest goes to each receiver
  double loss_rate = 0.0;            // per message
};

class AffineBitLinkModel final : public LinkModel {
 public:
  explicit AffineBitLinkModel(AffineBitConfig config) : config_(config) {}
  std::string name() const override { return "affine_bit"; }
  LinkCost cost(std::int64_t payload_bits, Rng& rng, Transmission mode) const override;
  LinkCost expected_cost(std::int64_t payload_bits, Transmission mode) const override;
  std::int64_t line_bits(std::int64_t payload_bits) const override {
    return config_.overhead_bits + payload_bits;
  }
  double line_rate_bps() const override { return config_.bandwidth_bps; }
  bool draws_randomness() const override { return config_.loss_rate > 0.0; }
  const AffineBitConfig& config() const { return config_; }

 private:
  AffineBitConfig config_;
};

PluginInfo affine_bit_info();
std::shared_ptr<const LinkModel> make_affine_bit(const Params& params);

}  // namespace commsim
