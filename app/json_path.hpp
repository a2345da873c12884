#pragma once
// Dotted JSON paths for --set overrides: "topology.k=3", "link.ack=false",
// "faults.crashes.0.node=5" (a number indexes a list, JSON pointer style:
// the dotted path is read as /faults/crashes/0/node), and "PATH" alone to
// remove a key.
#include <string>

#include <nlohmann/json.hpp>

namespace commsim {

// Applies "PATH=VALUE" (VALUE parsed as JSON, else taken as a string) or
// "PATH" (removes it) to `document`; errors name `option`.
void apply_assignment(nlohmann::json& document, const std::string& text, const std::string& option);
// Sets the value at a dotted path, creating objects (or, for a number, a
// list) on the way.
void set_by_path(nlohmann::json& document, const std::string& path, nlohmann::json value);

}  // namespace commsim
