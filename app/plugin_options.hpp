#pragma once
// Builds a plugin's parameter block from `--set KEY=VALUE` options, for the
// `link` and `topology` commands.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace commsim {

nlohmann::json plugin_block(const std::string& selector_key, const std::string& name,
                            const std::vector<std::string>& assignments);

}  // namespace commsim
