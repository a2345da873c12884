#pragma once
// Dotted JSON paths for --set overrides: "topology.k=3", "link.ack=false".
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace commsim {

// Splits "PATH=VALUE"; VALUE is parsed as JSON, else taken as a string.
std::pair<std::string, nlohmann::json> parse_assignment(const std::string& text,
                                                        const std::string& option);
// Sets document[a][b][c] for "a.b.c", creating objects on the way.
void set_by_path(nlohmann::json& document, const std::string& path, nlohmann::json value);

}  // namespace commsim
