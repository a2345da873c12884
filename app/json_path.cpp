#include "app/json_path.hpp"

#include "sim/params/input_error.hpp"

namespace commsim {

std::pair<std::string, nlohmann::json> parse_assignment(const std::string& text,
                                                        const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError(option, "got \"" + text + "\", expected PATH=VALUE (e.g. topology.k=3)");
  }
  const std::string path = text.substr(0, equals);
  const std::string raw = text.substr(equals + 1);
  nlohmann::json value = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    value = raw;
  return {path, std::move(value)};
}

void set_by_path(nlohmann::json& document, const std::string& path, nlohmann::json value) {
  nlohmann::json* node = &document;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    const std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (key.empty())
      throw InputError("--set " + path, "empty component in the dotted path");
    if (!node->is_object()) {
      throw InputError("--set " + path, "\"" + path.substr(0, start - 1) + "\" is not an object");
    }
    if (dot == std::string::npos) {
      (*node)[key] = std::move(value);
      return;
    }
    if (!node->contains(key))
      (*node)[key] = nlohmann::json::object();
    node = &(*node)[key];
    start = dot + 1;
  }
}

}  // namespace commsim
