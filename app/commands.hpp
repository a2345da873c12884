#pragma once
// The subcommands of the commsim executable. Each takes its own arguments
// (after the subcommand name) and returns the process exit status.
#include <string>
#include <vector>

namespace commsim {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& arguments);
int sweep_command(const Arguments& arguments);
int validate_command(const Arguments& arguments);
int link_command(const Arguments& arguments);
int topology_command(const Arguments& arguments);
int list_command(const Arguments& arguments);
// `commsim schema`: the JSON Schema of scenario files (as `list --schema`).
int schema_command(const Arguments& arguments);

}  // namespace commsim
