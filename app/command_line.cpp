#include "app/command_line.hpp"

namespace commsim {

bool parse_command_line(const Arguments& arguments, const std::string& usage,
                        po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map& values) {
  options.add_options()("help,h", "show this help");
  po::store(po::command_line_parser(arguments).options(options).positional(positional).run(),
            values);
  if (values.count("help")) {
    std::cout << "usage: " << usage << "\n" << options;
    return false;
  }
  po::notify(values);
  return true;
}

}  // namespace commsim
