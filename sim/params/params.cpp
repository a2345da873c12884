#include "sim/params/params.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/params/suggest.hpp"

namespace commsim {

namespace {
// The length of the UTF-8 sequence at text[i] and its code point, or 0 when
// the bytes there are not UTF-8.
std::size_t utf8_at(std::string_view text, std::size_t i, char32_t& code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size())
    return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    return 0;
  return length;
}

// Control characters, line separators and the bidirectional controls that
// can make a terminal line read differently from what it holds.
bool unprintable(char32_t code) {
  return code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x061C || code == 0x200E ||
         code == 0x200F || (code >= 0x2028 && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}
}  // namespace

std::string printable_text(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t code = 0;
    const std::size_t length = utf8_at(text, i, code);
    std::string piece;
    if (length == 0) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(text[i]));
      piece = escaped;
    } else if (unprintable(code)) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(code));
      piece = escaped;
    } else {
      piece = text.substr(i, length);
    }
    if (out.size() + piece.size() > max_bytes) {
      out += "...";
      return out;
    }
    out += piece;
    i += length == 0 ? 1 : length;
  }
  return out;
}

std::string quote_value(const nlohmann::json& value) {
  // Strings that are not UTF-8 (from --set) are quoted with U+FFFD.
  return printable_text(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        kMaxQuotedValueBytes);
}

namespace {
// Integers are read as 64-bit signed: a JSON integer above INT64_MAX (which
// nlohmann holds as unsigned) would wrap to a negative number.
bool too_large_integer(const nlohmann::json& value) {
  return value.is_number_unsigned() &&
         value.get<std::uint64_t>() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

bool is_integer_value(const nlohmann::json& value) {
  if (value.is_number_integer())
    return !too_large_integer(value);
  if (!value.is_number_float())
    return false;
  const double x = value.get<double>();
  return std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 9.0e15;
}

std::string join_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

void fail(const ParamSpec& spec, const nlohmann::json& value, const std::string& path) {
  const std::string beyond =
      too_large_integer(value) ? " (integers are at most " +
                                     std::to_string(std::numeric_limits<std::int64_t>::max()) + ")"
                               : "";
  throw InputError(path,
                   "got " + quote_value(value) + ", expected " + spec.allowed_text() + beyond);
}
}  // namespace

void check_param_value(const ParamSpec& spec, const nlohmann::json& value,
                       const std::string& path) {
  if (value.is_null() && spec.optional)
    return;
  switch (spec.type) {
    case ParamType::kBoolean:
      if (!value.is_boolean())
        fail(spec, value, path);
      return;
    case ParamType::kString:
      if (!value.is_string())
        fail(spec, value, path);
      return;
    case ParamType::kChoice: {
      if (!value.is_string())
        fail(spec, value, path);
      const auto text = value.get<std::string>();
      for (const auto& choice : spec.choices) {
        if (choice == text)
          return;
      }
      throw InputError(path, "got " + quote_value(value) + ", expected " + spec.allowed_text() +
                                 did_you_mean(text, spec.choices));
    }
    case ParamType::kPoints:
      if (!value.is_array())
        fail(spec, value, path);
      for (std::size_t i = 0; i < value.size(); ++i) {
        const auto& point = value[i];
        const bool pair = point.is_array() && point.size() == 2 && point[0].is_number() &&
                          point[1].is_number() && std::isfinite(point[0].get<double>()) &&
                          std::isfinite(point[1].get<double>());
        if (!pair) {
          throw InputError(
              path + "[" + std::to_string(i) + "]",
              "got " + quote_value(point) + ", expected [x, y] with two finite numbers");
        }
      }
      return;
    case ParamType::kRealList:
    case ParamType::kIntegerList: {
      if (!value.is_array())
        fail(spec, value, path);
      ParamSpec element = spec;
      element.type = spec.type == ParamType::kIntegerList ? ParamType::kInteger : ParamType::kReal;
      element.optional = false;
      for (std::size_t i = 0; i < value.size(); ++i) {
        check_param_value(element, value[i], path + "[" + std::to_string(i) + "]");
      }
      return;
    }
    case ParamType::kInteger:
      if (!is_integer_value(value))
        fail(spec, value, path);
      break;
    case ParamType::kReal:
      if (!value.is_number() || !std::isfinite(value.get<double>()))
        fail(spec, value, path);
      break;
  }
  const double x = value.get<double>();
  if (spec.minimum && (spec.minimum_exclusive ? x <= *spec.minimum : x < *spec.minimum)) {
    fail(spec, value, path);
  }
  if (spec.maximum && x > *spec.maximum)
    fail(spec, value, path);
}

nlohmann::json resolve_params(const nlohmann::json& block, const std::string& path,
                              const PluginInfo& info, const std::string& selector_key) {
  if (!block.is_object()) {
    throw InputError(path, "got " + quote_value(block) + ", expected an object");
  }
  std::vector<std::string> known;
  for (const auto& spec : info.params)
    known.push_back(spec.name);
  for (const auto& [key, value] : block.items()) {
    if (key == selector_key)
      continue;
    bool declared = false;
    for (const auto& name : known)
      declared = declared || name == key;
    if (!declared) {
      std::string allowed = known.empty() ? "none" : join_alternatives(known);
      throw InputError(join_path(path, key), "unknown parameter of " + info.name +
                                                 did_you_mean(key, known) +
                                                 "; its parameters are " + allowed);
    }
  }
  nlohmann::json resolved = nlohmann::json::object();
  if (block.contains(selector_key))
    resolved[selector_key] = block.at(selector_key);
  for (const auto& spec : info.params) {
    const std::string param_path = join_path(path, spec.name);
    nlohmann::json value = block.contains(spec.name) ? block.at(spec.name) : spec.default_value;
    if (value.is_null() && !spec.optional) {
      throw InputError(param_path, "is required: " + spec.allowed_text());
    }
    check_param_value(spec, value, param_path);
    // Integers typed as 3.0 are stored as integers so resolved files read back alike.
    if (spec.type == ParamType::kInteger && !value.is_null())
      value = value.get<std::int64_t>();
    if (spec.type == ParamType::kIntegerList && !value.is_null()) {
      for (auto& element : value)
        element = element.get<std::int64_t>();
    }
    if (spec.type == ParamType::kReal && !value.is_null())
      value = value.get<double>();
    resolved[spec.name] = value;
  }
  return resolved;
}

const nlohmann::json& Params::at(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end() || it->is_null()) {
    throw std::logic_error("parameter " + path_ + "." + name + " was not declared or is unset");
  }
  return *it;
}

double Params::real(const std::string& name) const {
  return at(name).get<double>();
}
std::int64_t Params::integer(const std::string& name) const {
  return at(name).get<std::int64_t>();
}
bool Params::boolean(const std::string& name) const {
  return at(name).get<bool>();
}
std::string Params::text(const std::string& name) const {
  return at(name).get<std::string>();
}
bool Params::has(const std::string& name) const {
  const auto it = values_.find(name);
  return it != values_.end() && !it->is_null();
}

InputError Params::error(const std::string& name, const std::string& message) const {
  return InputError(name.empty() ? path_ : join_path(path_, name), message);
}

}  // namespace commsim
