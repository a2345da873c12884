// commsim: a discrete-event simulator for communication-efficient distributed
// and decentralized learning. Exit status: 0 success, 2 bad input, 1 internal error.
#include <boost/program_options/errors.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "app/provenance.hpp"
#include "app/version.hpp"
#include "models/tasks/feed_forward_kernels.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/suggest.hpp"

namespace {

constexpr const char* kUsage = R"(usage:
  commsim run SCENARIO.json [--set PATH=VALUE]... [--out DIR] [--quiet] [--max-memory SIZE] [--threads N]
  commsim sweep SWEEP.json [--set PATH=VALUE]... [--jobs N] [--shard I/N] [--no-resume] [--skip-invalid] [--prune] [--dry-run] [--out DIR] [--max-memory SIZE] [--threads N]
  commsim validate SCENARIO.json [--set PATH=VALUE]... [--explain]
  commsim link --model NAME --bytes B [--set KEY=VALUE]... [--json]
  commsim topology --kind NAME --nodes N [--set KEY=VALUE]... [--json | --dot]
  commsim list [links|media|topologies|compressors|tasks|algorithms] [--markdown | --json | --schema]
  commsim schema   (the JSON Schema of scenario files, as list --schema)
  commsim --version
Run `commsim COMMAND --help` for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace commsim;
  const std::map<std::string, int (*)(const Arguments&)> commands = {
      {"run", run_command},       {"sweep", sweep_command},       {"validate", validate_command},
      {"link", link_command},     {"topology", topology_command}, {"list", list_command},
      {"schema", schema_command},
  };
  set_command_line(argc, argv);
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--version" || name == "version") {
    std::cout << "commsim " << kCommsimVersion << "\n";
    return 0;
  }
  if (name == "--help" || name == "-h" || name == "help") {
    std::cout << kUsage;
    return 0;
  }
  const auto command = commands.find(name);
  try {
    active_kernels();  // a bad COMMSIM_KERNELS stops here, before any work
    if (command == commands.end()) {
      std::vector<std::string> names;
      for (const auto& [known, function] : commands)
        names.push_back(known);
      throw InputError("", "unknown command \"" + name + "\"" + did_you_mean(name, names) +
                               "; commands: " + join_alternatives(names));
    }
    return command->second(Arguments(argv + 2, argv + argc));
  } catch (const InputError& error) {
    std::cerr << "commsim: error: " << error.what() << "\n";
    return 2;
  } catch (const boost::program_options::error& error) {
    std::cerr << "commsim " << printable_text(name, 100)
              << ": error: " << printable_text(error.what(), InputError::kMaxMessageBytes) << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "commsim: internal error: "
              << printable_text(error.what(), InputError::kMaxMessageBytes) << "\n";
    return 1;
  }
}
