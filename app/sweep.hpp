#pragma once
// Parameter studies: a base scenario plus a grid (cartesian product) or
// several (their union), zipped lists that advance together, repeats that
// vary the seed, and exclusions of swept combinations. A swept value may be
// {"label": TEXT, "value": VALUE}: the label names it in run ids and in
// summary.csv's label column. Expansion is
// deterministic, so `--shard I/N` slices and `--jobs N` never change results.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace commsim {

struct SweepRun {
  std::size_t index = 0;  // position in the expanded grid
  std::string id;         // folder name: readable swept values + short scenario hash
  std::vector<std::pair<std::string, nlohmann::json>> swept;  // (dotted path, value)
  std::vector<std::string> labels;  // of the swept values that carry one, in order
  nlohmann::json scenario;          // base with the overrides applied (not yet resolved)
};

struct SweepPlan {
  std::string name;
  std::vector<std::string> swept_paths;  // the columns of summary.csv after `run`
  std::vector<SweepRun> runs;
};

// Reads a sweep file; a "base" given as a path is relative to the sweep file.
// `base_overrides` ("PATH=VALUE" or "PATH" to remove) change the base before
// the grids apply (commsim sweep --set).
SweepPlan load_sweep(const std::string& file, const std::vector<std::string>& base_overrides = {});
// Expands an already parsed sweep object; `directory` resolves a base path.
SweepPlan expand_sweep(const nlohmann::json& sweep, const std::string& directory,
                       const std::string& default_name,
                       const std::vector<std::string>& base_overrides = {});
// Keeps the runs of shard `shard` (1-based) of `shards`: index mod shards == shard - 1.
std::vector<SweepRun> select_shard(const std::vector<SweepRun>& runs, int shard, int shards);

// 16 hex digits of FNV-1a over the canonical JSON text, unset (null)
// parameters left out.
std::string scenario_hash(const nlohmann::json& resolved_scenario);

}  // namespace commsim
