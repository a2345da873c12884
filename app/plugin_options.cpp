#include "app/plugin_options.hpp"

#include "app/json_path.hpp"

namespace commsim {

nlohmann::json plugin_block(const std::string& selector_key, const std::string& name,
                            const std::vector<std::string>& assignments) {
  nlohmann::json block = {{selector_key, name}};
  for (const auto& assignment : assignments) {
    auto [key, value] = parse_assignment(assignment, "--set");
    set_by_path(block, key, std::move(value));
  }
  return block;
}

}  // namespace commsim
