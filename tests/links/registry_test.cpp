// The link-model registry: lookup by "model", parameter validation with the
// JSON path in every error, defaults filled in.
#include <doctest/doctest.h>

#include <string>

#include "models/links/registry.hpp"

using commsim::InputError;
using commsim::make_link_model;

namespace {
// Where the InputError thrown by building `block` points, and its message.
std::pair<std::string, std::string> error_of(const nlohmann::json& block) {
  try {
    make_link_model(block, "link");
  } catch (const InputError& error) {
    return {error.where(), error.what()};
  }
  return {"", "no error"};
}
}  // namespace

TEST_CASE("link registry: lists the three models") {
  const auto names = commsim::link_registry().names();
  REQUIRE(names.size() == 3);
  CHECK(names[0] == "affine_bit");
  CHECK(names[1] == "ethernet");
  CHECK(names[2] == "ieee802154");
  for (const auto& entry : commsim::link_registry().entries()) {
    CHECK_FALSE(entry.info.description.empty());
    for (const auto& param : entry.info.params)
      CHECK_FALSE(param.help.empty());
  }
}

TEST_CASE("link registry: builds each model by name") {
  CHECK(make_link_model({{"model", "affine_bit"}}, "link")->name() == "affine_bit");
  CHECK(make_link_model({{"model", "ethernet"}}, "link")->name() == "ethernet");
  CHECK(make_link_model({{"model", "ieee802154"}}, "link")->name() == "ieee802154");
}

TEST_CASE("link registry: missing, non-string or unknown model") {
  auto [where, what] = error_of(nlohmann::json::object());
  CHECK(where == "link.model");
  CHECK(what.find("ieee802154") != std::string::npos);
  CHECK(error_of({{"model", 3}}).first == "link.model");
  CHECK(error_of(nlohmann::json::array()).first == "link.model");
  std::tie(where, what) = error_of({{"model", "ethernt"}});
  CHECK(where == "link.model");
  CHECK(what.find("did you mean \"ethernet\"") != std::string::npos);
}

TEST_CASE("link registry: unknown parameters are rejected with their path") {
  auto [where, what] = error_of({{"model", "ethernet"}, {"mtu", 1500}});
  CHECK(where == "link.mtu");
  CHECK(what.find("mtu_bytes") != std::string::npos);
  CHECK(error_of({{"model", "ieee802154"}, {"acks", false}}).first == "link.acks");
  CHECK(error_of({{"model", "affine_bit"}, {"latency", 1}}).first == "link.latency");
}

TEST_CASE("link registry: bad values are rejected") {
  using J = nlohmann::json;
  CHECK(error_of({{"model", "affine_bit"}, {"bandwidth_bps", 0}}).first == "link.bandwidth_bps");
  CHECK(error_of({{"model", "affine_bit"}, {"sender_energy_share", 1.5}}).first ==
        "link.sender_energy_share");
  CHECK(error_of({{"model", "affine_bit"}, {"overhead_bits", 1.5}}).first == "link.overhead_bits");
  CHECK(error_of({{"model", "ethernet"}, {"bandwidth_bps", -1}}).first == "link.bandwidth_bps");
  CHECK(error_of({{"model", "ethernet"}, {"mtu_bytes", 67}}).first == "link.mtu_bytes");
  CHECK(error_of({{"model", "ethernet"}, {"transport", "sctp"}}).first == "link.transport");
  CHECK(error_of({{"model", "ethernet"}, {"loss_rate", 1.5}}).first == "link.loss_rate");
  CHECK(error_of({{"model", "ethernet"}, {"switch_hops", -1}}).first == "link.switch_hops");
  CHECK(error_of({{"model", "ethernet"}, {"latency_s", "fast"}}).first == "link.latency_s");
  // TCP would retransmit lost packets, which the model does not capture.
  auto [where, what] = error_of({{"model", "ethernet"}, {"transport", "tcp"}, {"loss_rate", 0.1}});
  CHECK(where == "link.loss_rate");
  CHECK(what.find("udp") != std::string::npos);
  CHECK(error_of({{"model", "ieee802154"}, {"frame_error_rate", -0.1}}).first ==
        "link.frame_error_rate");
  CHECK(error_of({{"model", "ieee802154"}, {"busy_probability", 2}}).first ==
        "link.busy_probability");
  CHECK(error_of({{"model", "ieee802154"}, {"addressing", "long"}}).first == "link.addressing");
  CHECK(error_of({{"model", "ieee802154"}, {"backoff", "max"}}).first == "link.backoff");
  CHECK(error_of({{"model", "ieee802154"}, {"energy_mode", "off"}}).first == "link.energy_mode");
  CHECK(error_of({{"model", "ieee802154"}, {"ack", "yes"}}).first == "link.ack");
  CHECK(error_of({{"model", "ieee802154"}, {"max_frame_retries", 8}}).first ==
        "link.max_frame_retries");
  CHECK(error_of({{"model", "ieee802154"}, {"voltage_v", 0}}).first == "link.voltage_v");
  CHECK(error_of({{"model", "ieee802154"}, {"payload_bytes_per_frame", 0}}).first ==
        "link.payload_bytes_per_frame");
  // The MPDU must fit 127 bytes: 116 with short, 104 with extended addresses.
  CHECK(error_of({{"model", "ieee802154"}, {"payload_bytes_per_frame", 117}}).first ==
        "link.payload_bytes_per_frame");
  CHECK(error_of(J{{"model", "ieee802154"}, {"payload_bytes_per_frame", 116}}).first.empty());
  std::tie(where, what) = error_of(
      {{"model", "ieee802154"}, {"addressing", "extended"}, {"payload_bytes_per_frame", 105}});
  CHECK(where == "link.payload_bytes_per_frame");
  CHECK(what.find("104") != std::string::npos);
}

TEST_CASE("link registry: defaults are filled in") {
  nlohmann::json resolved;
  make_link_model({{"model", "ethernet"}}, "link", &resolved);
  CHECK(resolved["model"] == "ethernet");
  CHECK(resolved["bandwidth_bps"] == 1e9);
  CHECK(resolved["latency_s"] == 0.0);
  CHECK(resolved["mtu_bytes"] == 1500);
  CHECK(resolved["transport"] == "udp");
  CHECK(resolved["preamble_bytes"] == 8);
  CHECK(resolved["gap_bytes"] == 12);
  CHECK(resolved["header_bytes"] == 14);
  CHECK(resolved["fcs_bytes"] == 4);
  CHECK(resolved["min_frame_bytes"] == 64);
  CHECK(resolved["switch_hops"] == 0);
  CHECK(resolved["energy_per_bit_j"] == 1e-9);
  CHECK(resolved["loss_rate"] == 0.0);

  make_link_model({{"model", "ieee802154"}, {"ack", false}}, "link", &resolved);
  CHECK(resolved["ack"] == false);
  CHECK(resolved["addressing"] == "short");
  CHECK(resolved["backoff"] == "random");
  CHECK(resolved["frame_error_rate"] == 0.0);
  CHECK(resolved["energy_mode"] == "always_on");
  CHECK(resolved["voltage_v"] == 3.0);
  CHECK(resolved["tx_current_a"] == 0.0174);
  CHECK(resolved["rx_current_a"] == 0.0188);
  CHECK(resolved["idle_current_a"] == 0.000426);
  CHECK(resolved["max_frame_retries"] == 3);
  CHECK(resolved["payload_bytes_per_frame"].is_null());

  make_link_model({{"model", "affine_bit"}}, "link", &resolved);
  CHECK(resolved["latency_s"] == 0.0);
  CHECK(resolved["sender_energy_share"] == 1.0);
  CHECK(resolved["overhead_bits"] == 0);
}
