#pragma once
// What a plugin declares about one of its parameters: name, type, default,
// allowed range or choices, and help. The validator, `commsim list` and the
// generated scenario reference all read these declarations.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace commsim {

enum class ParamType {
  kInteger,
  kReal,
  kBoolean,
  kString,
  kChoice,
  kPoints,       // a list of [x, y] pairs of numbers (positions in metres)
  kRealList,     // a list of numbers, each in the range
  kIntegerList,  // a list of integers, each in the range
};

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::kReal;
  nlohmann::json default_value;  // null: no default; see `optional`
  bool optional = false;         // may be left out (stays null); otherwise a default applies
  std::optional<double> minimum;
  bool minimum_exclusive = false;
  std::optional<double> maximum;
  std::vector<std::string> choices;  // for kChoice
  std::string help;

  // Fluent range setters: ParamSpec::real("bandwidth_bps", 1e9, "...").above(0)
  ParamSpec& at_least(double value) & {
    minimum = value;
    minimum_exclusive = false;
    return *this;
  }
  ParamSpec& above(double value) & {
    minimum = value;
    minimum_exclusive = true;
    return *this;
  }
  ParamSpec& at_most(double value) & {
    maximum = value;
    return *this;
  }
  ParamSpec&& at_least(double value) && { return std::move(at_least(value)); }
  ParamSpec&& above(double value) && { return std::move(above(value)); }
  ParamSpec&& at_most(double value) && { return std::move(at_most(value)); }

  static ParamSpec real(std::string name, double default_value, std::string help);
  static ParamSpec integer(std::string name, std::int64_t default_value, std::string help);
  static ParamSpec boolean(std::string name, bool default_value, std::string help);
  static ParamSpec text(std::string name, std::string default_value, std::string help);
  static ParamSpec choice(std::string name, std::vector<std::string> choices,
                          std::string default_value, std::string help);
  // A parameter without a default that may be omitted (e.g. an override).
  static ParamSpec optional_real(std::string name, std::string help);
  static ParamSpec optional_integer(std::string name, std::string help);
  static ParamSpec optional_points(std::string name, std::string help);
  static ParamSpec optional_real_list(std::string name, std::string help);
  static ParamSpec optional_integer_list(std::string name, std::string help);

  std::string type_name() const;     // "integer", "real", ...
  std::string allowed_text() const;  // "a real > 0", "one of udp, tcp", ...
};

// One registry entry's self-description.
struct PluginInfo {
  std::string name;
  std::string description;
  std::vector<ParamSpec> params;
  std::string requirements;  // e.g. "nodes must be a power of 2"; "" when none
};

}  // namespace commsim
