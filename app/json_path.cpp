#include "app/json_path.hpp"

#include <vector>

#include "app/json_input.hpp"
#include "sim/params/input_error.hpp"

namespace commsim {

namespace {
// "a.b.0" -> {"a", "b", "0"}; every component non-empty.
std::vector<std::string> keys_of(const std::string& path, const std::string& option) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    keys.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (keys.back().empty())
      throw InputError(option + " " + path, "empty component in the dotted path");
    if (dot == std::string::npos)
      return keys;
    start = dot + 1;
  }
}

// The JSON pointer /a/b/0 (json_pointer escapes '~' and '/' in a key itself).
nlohmann::json::json_pointer pointer_of(const std::vector<std::string>& keys) {
  nlohmann::json::json_pointer pointer;
  for (const auto& key : keys)
    pointer /= key;
  return pointer;
}

nlohmann::json::json_pointer pointer_of(const std::string& path, const std::string& option) {
  return pointer_of(keys_of(path, option));
}

void remove_by_path(nlohmann::json& document, const std::string& path, const std::string& option) {
  const auto pointer = pointer_of(path, option);
  if (!document.contains(pointer))
    throw InputError(option + " " + path, "nothing to remove: the scenario has no such key");
  nlohmann::json& parent = document.at(pointer.parent_pointer());
  if (parent.is_object())
    parent.erase(pointer.back());
  else
    parent.erase(std::stoul(pointer.back()));
}

void set_at(nlohmann::json& document, const std::string& path, nlohmann::json value,
            const std::string& option) {
  const std::vector<std::string> keys = keys_of(path, option);
  // Check every step first: a value on the way must be an object or a list,
  // and a list takes an index 0..its length (the length appends).
  nlohmann::json::json_pointer walked;
  std::string so_far = "the scenario";
  for (const std::string& key : keys) {
    if (!document.contains(walked))
      break;  // created from here on
    const nlohmann::json& here = document.at(walked);
    if (here.is_array()) {
      const bool index = key.find_first_not_of("0123456789") == std::string::npos &&
                         key.size() < 10 && std::stoul(key) <= here.size();
      if (!index) {
        throw InputError(option + " " + path,
                         "\"" + so_far + "\" is a list of " + std::to_string(here.size()) +
                             ": expected an index 0.." + std::to_string(here.size()) +
                             " (the length appends), got \"" + key + "\"");
      }
    } else if (!here.is_object()) {
      throw InputError(option + " " + path,
                       "\"" + so_far + "\" is " + here.type_name() + ", not an object or a list");
    }
    walked /= key;
    so_far = walked.parent_pointer().empty() ? key : so_far + "." + key;
  }
  document[pointer_of(keys)] = std::move(value);
}
}  // namespace

void apply_assignment(nlohmann::json& document, const std::string& text,
                      const std::string& option) {
  const auto equals = text.find('=');
  if (equals == 0 || text.empty()) {
    throw InputError(option, "got \"" + text +
                                 "\", expected PATH=VALUE (e.g. topology.k=3), or PATH alone to "
                                 "remove that key");
  }
  if (equals == std::string::npos) {
    remove_by_path(document, text, option);
    return;
  }
  const std::string path = text.substr(0, equals);
  const std::string raw = text.substr(equals + 1);
  if (json_too_deep(raw)) {
    throw InputError(option + " " + path, "nests deeper than " + std::to_string(kMaxJsonDepth) +
                                              " levels of arrays and objects");
  }
  nlohmann::json value = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    value = raw;  // not JSON: a string
  else
    value = parse_json_input(raw, option + " " + path);  // refuses duplicate keys
  set_at(document, path, std::move(value), option);
}

void set_by_path(nlohmann::json& document, const std::string& path, nlohmann::json value) {
  set_at(document, path, std::move(value), "--set");
}

}  // namespace commsim
