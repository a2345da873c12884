// `commsim link`: what one message of B bytes costs on one link.
#include <iostream>

#include "app/command_line.hpp"
#include "app/number_format.hpp"
#include "app/plugin_options.hpp"
#include "models/links/registry.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

int link_command(const Arguments& arguments) {
  std::string model;
  std::int64_t bytes = -1;
  std::vector<std::string> assignments;
  bool as_json = false;
  po::options_description options("options");
  options.add_options()("model", po::value(&model)->required(),
                        "link model name (see commsim list links)")(
      "bytes", po::value(&bytes)->required(), "application payload in bytes")(
      "set", po::value(&assignments)->composing(),
      "KEY=VALUE parameter of the model; seed=S picks the random stream")(
      "json", po::bool_switch(&as_json), "print one JSON object");
  po::variables_map values;
  if (!parse_command_line(arguments,
                          "commsim link --model NAME --bytes B [--set KEY=VALUE]... [--json]",
                          options, {}, values)) {
    return 0;
  }
  if (bytes < 0)
    throw InputError("--bytes", "got " + std::to_string(bytes) + ", expected an integer >= 0");
  nlohmann::json block = plugin_block("model", model, assignments);
  // `seed` names the random stream of this one message; it is not a model parameter.
  std::uint64_t seed = 1;
  if (block.contains("seed")) {
    if (!block["seed"].is_number_unsigned()) {
      throw InputError("--set seed", "got " + block["seed"].dump() + ", expected an integer >= 0");
    }
    seed = block["seed"].get<std::uint64_t>();
    block.erase("seed");
  }
  nlohmann::json resolved;
  const auto link = make_link_model(block, "link", &resolved);
  Rng rng(seed, "link-command");
  const LinkCost cost = link->cost(bytes * 8, rng);

  nlohmann::json out;
  out["model"] = link->name();
  out["bytes"] = bytes;
  out["frames"] = cost.frames;
  out["wire_bytes"] = cost.wire_bytes;
  out["delivery_s"] = simtime_to_seconds(cost.delivery);
  out["sender_free_s"] = simtime_to_seconds(cost.sender_busy);
  out["energy_j"] = cost.sender_energy_j + cost.receiver_energy_j;
  out["sender_energy_j"] = cost.sender_energy_j;
  out["receiver_energy_j"] = cost.receiver_energy_j;
  out["delivered"] = cost.delivered;
  out["parameters"] = resolved;
  if (as_json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << link->name() << ", " << bytes << " B: " << cost.frames << " frames, "
            << cost.wire_bytes << " B on the wire\n  delivery " << format_seconds(cost.delivery)
            << " s, sender free after " << format_seconds(cost.sender_busy) << " s\n  energy "
            << format_double(cost.sender_energy_j) << " J (sender) + "
            << format_double(cost.receiver_energy_j) << " J (receiver)"
            << (cost.delivered ? "" : "\n  LOST after the model's retries") << "\n";
  return 0;
}

}  // namespace commsim
