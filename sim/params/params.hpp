#pragma once
// A validated parameter block: the user's JSON object checked against a
// plugin's declarations, with every default filled in.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/params/input_error.hpp"
#include "sim/params/param_spec.hpp"

namespace commsim {

// Renders a JSON value the way an error message quotes it: as JSON, at most
// kMaxQuotedValueBytes (then "..."), with control and bidirectional
// characters escaped (see printable_text).
inline constexpr std::size_t kMaxQuotedValueBytes = 80;
std::string quote_value(const nlohmann::json& value);

// Checks one value against its declaration; throws InputError at `path`.
void check_param_value(const ParamSpec& spec, const nlohmann::json& value, const std::string& path);

// Checks `block` (an object) against `info`: unknown keys (with a suggestion),
// types, ranges, choices. `selector_key` ("kind" or "model") is allowed and
// copied. Returns the block with every default filled in, in declaration order.
nlohmann::json resolve_params(const nlohmann::json& block, const std::string& path,
                              const PluginInfo& info, const std::string& selector_key);

class Params {
 public:
  Params() = default;
  Params(nlohmann::json resolved, std::string path)
      : values_(std::move(resolved)), path_(std::move(path)) {}

  double real(const std::string& name) const;
  std::int64_t integer(const std::string& name) const;
  bool boolean(const std::string& name) const;
  std::string text(const std::string& name) const;
  bool has(const std::string& name) const;  // present and not null
  const nlohmann::json& json() const { return values_; }
  const std::string& path() const { return path_; }
  // For checks a plugin makes itself (combinations of values, node counts).
  InputError error(const std::string& name, const std::string& message) const;

 private:
  const nlohmann::json& at(const std::string& name) const;
  nlohmann::json values_ = nlohmann::json::object();
  std::string path_;
};

}  // namespace commsim
