#include "models/algorithms/missing_message_policy.hpp"

namespace commsim {

namespace {
constexpr double kDefaultRetransmitTimeoutS = 0.01;
constexpr std::int64_t kDefaultMaxRetransmissions = 8;
}  // namespace

std::vector<ParamSpec> neighbour_timeout_params(bool offers_last) {
  std::vector<ParamSpec> params = {
      ParamSpec::optional_real(
          "timeout_s",
          "close a round this long after sending it, without the in-neighbours' "
          "messages still missing (unset: wait for all)")
          .above(0)};
  if (offers_last) {
    params.push_back(ParamSpec::choice(
        "missing", {"self", "last"}, "self",
        "with timeout_s, a missing neighbour's weight goes to: self (w_ii += w_ij) or "
        "last (its last value received, or its own before any)"));
  }
  return params;
}

NeighbourTimeout read_neighbour_timeout(const Params& params) {
  NeighbourTimeout policy;
  if (params.has("timeout_s"))
    policy.timeout = seconds_to_simtime(params.real("timeout_s"));
  policy.reuse_last = params.has("missing") && params.text("missing") == "last";
  return policy;
}

std::vector<ParamSpec> server_timeout_params() {
  return {ParamSpec::optional_real(
              "timeout_s",
              "server: close a round this long after sending the models, with the "
              "gradients received (async: resend the model to a silent worker); unset: wait")
              .above(0)};
}

std::optional<SimTime> read_server_timeout(const Params& params) {
  if (!params.has("timeout_s"))
    return std::nullopt;
  return seconds_to_simtime(params.real("timeout_s"));
}

std::vector<ParamSpec> retransmission_params() {
  return {
      ParamSpec::real("retransmit_timeout_s", kDefaultRetransmitTimeoutS,
                      "a lost message is sent again this long after the loss is known")
          .at_least(0),
      ParamSpec::integer("max_retransmissions", kDefaultMaxRetransmissions,
                         "copies of one message sent again at most; then the round cannot complete")
          .at_least(0)};
}

Retransmission read_retransmission(const Params& params) {
  if (!params.has("retransmit_timeout_s"))
    return {seconds_to_simtime(kDefaultRetransmitTimeoutS), kDefaultMaxRetransmissions};
  return {seconds_to_simtime(params.real("retransmit_timeout_s")),
          params.integer("max_retransmissions")};
}

}  // namespace commsim
