#include "app/plugin_options.hpp"

#include "app/json_path.hpp"

namespace commsim {

nlohmann::json plugin_block(const std::string& selector_key, const std::string& name,
                            const std::vector<std::string>& assignments) {
  nlohmann::json block = {{selector_key, name}};
  for (const auto& assignment : assignments) {
    apply_assignment(block, assignment, "--set");
  }
  return block;
}

}  // namespace commsim
