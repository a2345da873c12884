#pragma once
// Shared Boost.Program_options plumbing for the subcommands.
#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"

namespace commsim {

namespace po = boost::program_options;

// Parses `arguments`; returns false (after printing help) when --help was given.
bool parse_command_line(const Arguments& arguments, const std::string& usage,
                        po::options_description& options,
                        const po::positional_options_description& positional,
                        po::variables_map& values);

}  // namespace commsim
