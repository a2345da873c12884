#include "app/sweep.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/folder_name.hpp"
#include "app/json_input.hpp"
#include "app/json_path.hpp"
#include "app/scenario.hpp"
#include "sim/kernel/rng.hpp"
#include "sim/params/input_error.hpp"
#include "sim/params/params.hpp"
#include "sim/params/suggest.hpp"

namespace commsim {

namespace {

nlohmann::json read_json_file(const std::string& file, const std::string& expected) {
  return read_json_input_file(file, expected);
}

// A value as it appears in a folder name: strings bare, objects as their
// values ({"kind": "base", "k": 2} -> base-k2), others as JSON.
std::string readable_text(const nlohmann::json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (!value.is_object())
    return value.dump();
  std::string text;
  for (const char* selector : {"kind", "model"}) {
    if (value.contains(selector))
      text = readable_text(value.at(selector));
  }
  for (const auto& [key, member] : value.items()) {
    if (key == "kind" || key == "model")
      continue;
    text += (text.empty() ? "" : "-") + key + readable_text(member);
  }
  return text;
}

std::string readable(const nlohmann::json& value) {
  const std::string text = readable_text(value);
  std::string safe;
  for (const char c : text) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    safe += keep ? c : '_';
  }
  return safe.substr(0, 40);
}

using Lists = std::vector<std::pair<std::string, std::vector<nlohmann::json>>>;

// A swept value may carry a label for run ids and legends:
// {"label": "top-k 1 %", "value": {...}}. Nothing else has exactly these keys.
bool is_labelled(const nlohmann::json& value) {
  return value.is_object() && value.size() == 2 && value.contains("label") &&
         value.contains("value");
}

void check_labelled(const nlohmann::json& value, const std::string& where) {
  if (is_labelled(value) && !value.at("label").is_string()) {
    throw InputError(where + ".label",
                     "got " + quote_value(value.at("label")) + ", expected a string");
  }
}

// The swept value and its label (empty when it has none).
std::pair<nlohmann::json, std::string> unwrap(const nlohmann::json& value) {
  if (!is_labelled(value))
    return {value, ""};
  return {value.at("value"), value.at("label").get<std::string>()};
}

constexpr std::uint64_t kMaxSweepRuns = 100'000;

Lists read_block(const nlohmann::json& block, const std::string& key) {
  Lists lists;
  if (!block.is_object())
    throw InputError(key, "got " + quote_value(block) + ", expected an object of PATH: [values]");
  for (const auto& [path, values] : block.items()) {
    if (!values.is_array() || values.empty()) {
      throw InputError(key + "." + path,
                       "got " + quote_value(values) + ", expected a non-empty list of values");
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      check_labelled(values[i], key + "." + path + "." + std::to_string(i));
    lists.emplace_back(path, std::vector<nlohmann::json>(values.begin(), values.end()));
  }
  return lists;
}

Lists read_lists(const nlohmann::json& sweep, const std::string& key) {
  return sweep.contains(key) ? read_block(sweep.at(key), key) : Lists{};
}

// "grid" (one product) or "grids" (a list of products whose runs are joined).
std::vector<Lists> read_grids(const nlohmann::json& sweep) {
  if (!sweep.contains("grids"))
    return {read_lists(sweep, "grid")};
  if (sweep.contains("grid")) {
    throw InputError("grids", "given with \"grid\"; put that grid into the \"grids\" list");
  }
  const nlohmann::json& list = sweep.at("grids");
  if (!list.is_array() || list.empty()) {
    throw InputError("grids", "got " + quote_value(list) +
                                  ", expected a non-empty list of grid objects (PATH: [values])");
  }
  std::vector<Lists> grids;
  for (std::size_t i = 0; i < list.size(); ++i)
    grids.push_back(read_block(list[i], "grids." + std::to_string(i)));
  return grids;
}

// Every run holds a copy of the base scenario, so a grid of a few long lists
// or a huge "repeat" would exhaust memory before the first run starts.
// Returns earlier_runs plus this grid's runs.
std::uint64_t check_run_count(const Lists& grid, std::size_t zip_length, std::int64_t repeat,
                              std::uint64_t earlier_runs) {
  std::uint64_t runs = static_cast<std::uint64_t>(repeat);
  std::string product = "repeat " + std::to_string(repeat);
  auto multiply = [&](std::size_t factor, const std::string& what) {
    product += " x " + what + " " + std::to_string(factor);
    runs = runs > kMaxSweepRuns ? runs : runs * factor;  // saturates: both factors <= 2^32 here
  };
  for (const auto& [path, values] : grid)
    multiply(values.size(), "grid." + path);
  multiply(zip_length, "zip");
  runs += earlier_runs;
  if (runs > kMaxSweepRuns) {
    throw InputError("", "the sweep expands to more than " + std::to_string(kMaxSweepRuns) +
                             " runs (" + product + "); split it into several sweeps");
  }
  return runs;
}

// "exclude": [{PATH: value, ...}, ...], every PATH a swept one.
std::vector<nlohmann::json> read_exclude(const nlohmann::json& sweep,
                                         const std::vector<std::string>& swept_paths) {
  if (!sweep.contains("exclude"))
    return {};
  const nlohmann::json& list = sweep.at("exclude");
  if (!list.is_array()) {
    throw InputError("exclude",
                     "got " + quote_value(list) + ", expected a list of {PATH: value} objects");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "exclude." + std::to_string(i);
    if (!list[i].is_object() || list[i].empty()) {
      throw InputError(where, "got " + quote_value(list[i]) +
                                  ", expected a non-empty object of swept PATH: value");
    }
    for (const auto& [path, value] : list[i].items()) {
      if (std::find(swept_paths.begin(), swept_paths.end(), path) == swept_paths.end()) {
        throw InputError(where + "." + path, "is not swept; an exclusion names swept paths: " +
                                                 join_alternatives(swept_paths));
      }
    }
  }
  return {list.begin(), list.end()};
}

// What every grid of a sweep shares while it expands.
struct Expansion {
  const Lists& zip;
  std::size_t zip_length;
  std::int64_t repeat;
  const nlohmann::json& base;
  std::int64_t base_seed;
  const std::string& directory;
  const std::vector<nlohmann::json>& exclude;  // each {PATH: value, ...}
  std::set<std::string> seen;                  // scenario hashes already expanded
};

// A run is excluded when every PATH: value of one exclude entry is among its swept values.
bool excluded(const SweepRun& run, const std::vector<nlohmann::json>& exclude) {
  return std::any_of(exclude.begin(), exclude.end(), [&](const nlohmann::json& entry) {
    return std::all_of(entry.items().begin(), entry.items().end(), [&](const auto& item) {
      return std::any_of(run.swept.begin(), run.swept.end(), [&](const auto& swept) {
        return swept.first == item.key() && swept.second == item.value();
      });
    });
  });
}

void expand_grid(SweepPlan& plan, const Lists& grid, Expansion& context) {
  const Lists& zip = context.zip;
  const std::int64_t repeat = context.repeat;
  std::vector<std::size_t> digit(grid.size(), 0);
  for (bool more = true; more;) {
    for (std::size_t z = 0; z < context.zip_length; ++z) {
      for (std::int64_t r = 0; r < repeat; ++r) {
        SweepRun run;
        run.index = plan.runs.size();
        run.scenario = context.base;
        std::vector<std::string> value_labels;  // parallel to run.swept
        auto sweep_value = [&](const std::string& path, const nlohmann::json& raw) {
          auto [value, label] = unwrap(raw);
          run.swept.emplace_back(path, std::move(value));
          value_labels.push_back(label);
          if (!label.empty())
            run.labels.push_back(label);
        };
        for (std::size_t g = 0; g < grid.size(); ++g)
          sweep_value(grid[g].first, grid[g].second[digit[g]]);
        for (const auto& [path, values] : zip)
          sweep_value(path, values[z]);
        if (repeat > 1)
          sweep_value("seed", context.base_seed + r);
        if (excluded(run, context.exclude))
          continue;
        std::string readable_part;
        for (std::size_t i = 0; i < run.swept.size(); ++i) {
          const auto& [path, value] = run.swept[i];
          try {
            set_by_path(run.scenario, path, value);
          } catch (const InputError& error) {
            throw InputError("grid/zip " + path, error.what());
          }
          const auto dot = path.rfind('.');
          readable_part +=
              readable(nlohmann::json(dot == std::string::npos ? path : path.substr(dot + 1))) +
              "=" + readable(value_labels[i].empty() ? value : nlohmann::json(value_labels[i])) +
              "_";
        }
        resolve_relative_paths(run.scenario, context.directory);
        nlohmann::json unnamed = run.scenario;
        unnamed.erase("name");
        const std::string hash = scenario_hash(unnamed);
        if (!context.seen.insert(hash).second)
          continue;
        // A folder name of bounded length; the hash keeps cut ids unique.
        const std::size_t room = kMaxFolderNameBytes - 8;
        if (readable_part.size() > room)
          readable_part = readable_part.substr(0, room - 1) + "_";
        run.id = readable_part + hash.substr(0, 8);
        run.scenario["name"] = run.id;
        plan.runs.push_back(std::move(run));
      }
    }
    more = false;
    for (std::size_t g = grid.size(); g-- > 0;) {
      if (++digit[g] < grid[g].second.size()) {
        more = true;
        break;
      }
      digit[g] = 0;
    }
  }
}

// The scenario without its unset (null) parameters, at any depth.
nlohmann::json without_nulls(const nlohmann::json& value) {
  if (!value.is_object())
    return value;
  nlohmann::json kept = nlohmann::json::object();
  for (const auto& [key, member] : value.items()) {
    if (!member.is_null())
      kept[key] = without_nulls(member);
  }
  return kept;
}

}  // namespace

std::string scenario_hash(const nlohmann::json& resolved_scenario) {
  // Unset parameters are left out, so that a release adding an optional
  // parameter (default null) keeps the hashes, and a resumed sweep its runs.
  char text[17];
  std::snprintf(
      text, sizeof text, "%016llx",
      static_cast<unsigned long long>(hash_name(without_nulls(resolved_scenario).dump())));
  return text;
}

SweepPlan expand_sweep(const nlohmann::json& sweep, const std::string& directory,
                       const std::string& default_name,
                       const std::vector<std::string>& base_overrides) {
  if (!sweep.is_object())
    throw InputError("", "expected a JSON object with \"base\"");
  const std::vector<std::string> known = {"name", "base",   "grid",   "grids",
                                          "zip",  "repeat", "exclude"};
  for (const auto& [key, value] : sweep.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      throw InputError(
          key, "unknown key" + did_you_mean(key, known) + "; allowed: " + join_alternatives(known));
    }
  }
  if (!sweep.contains("base"))
    throw InputError("base", "is required: a scenario object or a path to one");
  nlohmann::json base = sweep.at("base");
  if (base.is_string()) {
    const auto path = std::filesystem::path(directory) / base.get<std::string>();
    base = read_json_file(path.string(), "a base scenario JSON file");
    resolve_relative_paths(base, path.parent_path());
  }
  if (!base.is_object())
    throw InputError("base", "got " + quote_value(base) + ", expected a scenario object or path");
  for (const auto& assignment : base_overrides)
    apply_assignment(base, assignment, "--set");

  if (sweep.contains("name") && !sweep.at("name").is_string())
    throw InputError("name", "got " + quote_value(sweep.at("name")) + ", expected a string");
  SweepPlan plan;
  if (sweep.contains("name"))
    check_folder_name(sweep.at("name").get<std::string>(), "name");
  plan.name = sweep.value("name", "");
  if (plan.name.empty())  // the file's stem, made a folder name
    plan.name = safe_folder_name(default_name);
  const std::vector<Lists> grids = read_grids(sweep);
  const Lists zip = read_lists(sweep, "zip");
  std::size_t zip_length = zip.empty() ? 1 : zip.front().second.size();
  for (const auto& [path, values] : zip) {
    if (values.size() != zip_length) {
      throw InputError("zip." + path, "has " + std::to_string(values.size()) + " values, but zip." +
                                          zip.front().first + " has " + std::to_string(zip_length) +
                                          "; zipped lists advance together and need equal lengths");
    }
  }
  std::int64_t repeat = 1;
  if (sweep.contains("repeat")) {
    const auto& value = sweep.at("repeat");
    if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
      throw InputError("repeat", "got " + quote_value(value) + ", expected an integer >= 1");
    }
    repeat = value.get<std::int64_t>();
  }
  std::uint64_t run_count = 0;
  for (const Lists& grid : grids) {
    run_count = check_run_count(grid, zip_length, repeat, run_count);
    for (const auto& [path, values] : grid) {
      if (std::find(plan.swept_paths.begin(), plan.swept_paths.end(), path) ==
          plan.swept_paths.end())
        plan.swept_paths.push_back(path);
    }
  }
  for (const auto& [path, values] : zip)
    plan.swept_paths.push_back(path);
  if (repeat > 1)
    plan.swept_paths.push_back("seed");
  const std::int64_t base_seed = base.contains("seed") && base["seed"].is_number_integer()
                                     ? base["seed"].get<std::int64_t>()
                                     : 1;

  // Grid by grid: odometer over the grid (last key fastest), then zip
  // position, then repeat. A run already produced by an earlier grid is
  // not repeated (the union of the grids).
  const std::vector<nlohmann::json> exclude = read_exclude(sweep, plan.swept_paths);
  Expansion context{zip, zip_length, repeat, base, base_seed, directory, exclude, {}};
  for (const Lists& grid : grids)
    expand_grid(plan, grid, context);
  return plan;
}

SweepPlan load_sweep(const std::string& file, const std::vector<std::string>& base_overrides) {
  const nlohmann::json sweep = read_json_file(file, "a sweep JSON file");
  const std::filesystem::path path(file);
  try {
    return expand_sweep(sweep, path.parent_path().string(), path.stem().string(), base_overrides);
  } catch (const InputError& error) {
    throw InputError(file, error.what());
  }
}

std::vector<SweepRun> select_shard(const std::vector<SweepRun>& runs, int shard, int shards) {
  std::vector<SweepRun> selected;
  for (const auto& run : runs) {
    if (static_cast<int>(run.index % static_cast<std::size_t>(shards)) == shard - 1)
      selected.push_back(run);
  }
  return selected;
}

}  // namespace commsim
