#include "sim/params/param_spec.hpp"

#include <sstream>

#include "sim/params/suggest.hpp"

namespace commsim {

namespace {
ParamSpec make(std::string name, ParamType type, nlohmann::json default_value, std::string help) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.default_value = std::move(default_value);
  spec.help = std::move(help);
  return spec;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}
}  // namespace

ParamSpec ParamSpec::real(std::string name, double default_value, std::string help) {
  return make(std::move(name), ParamType::kReal, default_value, std::move(help));
}
ParamSpec ParamSpec::integer(std::string name, std::int64_t default_value, std::string help) {
  return make(std::move(name), ParamType::kInteger, default_value, std::move(help));
}
ParamSpec ParamSpec::boolean(std::string name, bool default_value, std::string help) {
  return make(std::move(name), ParamType::kBoolean, default_value, std::move(help));
}
ParamSpec ParamSpec::text(std::string name, std::string default_value, std::string help) {
  return make(std::move(name), ParamType::kString, std::move(default_value), std::move(help));
}
ParamSpec ParamSpec::choice(std::string name, std::vector<std::string> choices,
                            std::string default_value, std::string help) {
  ParamSpec spec =
      make(std::move(name), ParamType::kChoice, std::move(default_value), std::move(help));
  spec.choices = std::move(choices);
  return spec;
}
ParamSpec ParamSpec::optional_real(std::string name, std::string help) {
  ParamSpec spec = make(std::move(name), ParamType::kReal, nullptr, std::move(help));
  spec.optional = true;
  return spec;
}
ParamSpec ParamSpec::optional_integer(std::string name, std::string help) {
  ParamSpec spec = make(std::move(name), ParamType::kInteger, nullptr, std::move(help));
  spec.optional = true;
  return spec;
}

ParamSpec ParamSpec::optional_points(std::string name, std::string help) {
  ParamSpec spec = make(std::move(name), ParamType::kPoints, nullptr, std::move(help));
  spec.optional = true;
  return spec;
}

ParamSpec ParamSpec::optional_real_list(std::string name, std::string help) {
  ParamSpec spec = make(std::move(name), ParamType::kRealList, nullptr, std::move(help));
  spec.optional = true;
  return spec;
}
ParamSpec ParamSpec::optional_integer_list(std::string name, std::string help) {
  ParamSpec spec = make(std::move(name), ParamType::kIntegerList, nullptr, std::move(help));
  spec.optional = true;
  return spec;
}

std::string ParamSpec::type_name() const {
  switch (type) {
    case ParamType::kInteger:
      return "integer";
    case ParamType::kReal:
      return "real";
    case ParamType::kBoolean:
      return "boolean";
    case ParamType::kString:
      return "string";
    case ParamType::kChoice:
      return "choice";
    case ParamType::kPoints:
      return "points";
    case ParamType::kRealList:
      return "list of reals";
    case ParamType::kIntegerList:
      return "list of integers";
  }
  return "?";
}

std::string ParamSpec::allowed_text() const {
  if (type == ParamType::kChoice) {
    std::vector<std::string> quoted;
    for (const auto& c : choices)
      quoted.push_back("\"" + c + "\"");
    return "one of " + join_alternatives(quoted);
  }
  if (type == ParamType::kBoolean)
    return "true or false";
  if (type == ParamType::kString)
    return "a string";
  if (type == ParamType::kPoints)
    return "a list of [x, y] pairs of numbers";
  const bool list = type == ParamType::kRealList || type == ParamType::kIntegerList;
  std::string text =
      list ? (type == ParamType::kIntegerList ? "a list of integers" : "a list of numbers")
           : (type == ParamType::kInteger ? "an integer" : "a number");
  if (list && (minimum || maximum))
    text += ", each";
  if (minimum)
    text += (minimum_exclusive ? " > " : " >= ") + number_text(*minimum);
  if (maximum)
    text += std::string(minimum ? " and" : "") + " <= " + number_text(*maximum);
  return text;
}

}  // namespace commsim
