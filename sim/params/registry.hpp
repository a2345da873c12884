#pragma once
// One registry per plugin family. Each entry is a self-description plus a
// factory; the table is explicit (a registry.cpp lists every entry), because
// self-registering static objects vanish silently from static libraries.
#include <string>
#include <vector>

#include "sim/params/input_error.hpp"
#include "sim/params/param_spec.hpp"
#include "sim/params/params.hpp"
#include "sim/params/suggest.hpp"

namespace commsim {

template <class Factory>
struct RegistryEntry {
  PluginInfo info;
  Factory make;
};

template <class Factory>
class Registry {
 public:
  explicit Registry(std::string family, std::vector<RegistryEntry<Factory>> entries)
      : family_(std::move(family)), entries_(std::move(entries)) {}

  const std::string& family() const { return family_; }
  const std::vector<RegistryEntry<Factory>>& entries() const { return entries_; }

  std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const auto& entry : entries_)
      result.push_back(entry.info.name);
    return result;
  }

  // Finds by name or throws an InputError at `path` listing what exists.
  const RegistryEntry<Factory>& find(const std::string& name, const std::string& path) const {
    for (const auto& entry : entries_) {
      if (entry.info.name == name)
        return entry;
    }
    throw InputError(path, "unknown " + family_ + " " + quote_value(nlohmann::json(name)) +
                               did_you_mean(name, names()) +
                               "; available: " + join_alternatives(names()));
  }

 private:
  std::string family_;
  std::vector<RegistryEntry<Factory>> entries_;
};

}  // namespace commsim
