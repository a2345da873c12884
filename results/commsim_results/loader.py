"""Reads commsim's result folders into tidy pandas DataFrames.

A path may be a run folder (summary.json, series.csv, scenario.resolved.json),
a sweep folder (manifest.json or manifest-I-of-N.json and one folder per run)
or any folder holding such folders (results/, say). In a sweep folder only the
runs its manifests list are read: folders an edited sweep left behind are
reported in `Results.stale` and skipped (`commsim sweep --prune` removes them).
"""
from __future__ import annotations

import dataclasses
import json
import pathlib
import re
import warnings

import pandas as pd

RUN_FILES = ("summary.json", "series.csv", "scenario.resolved.json")
# The run id's tail: "_seed=3" (from a sweep's repeat) and the scenario hash.
_SEED_PART = re.compile(r"(^|_)seed=[^_]*")
_HASH_TAIL = re.compile(r"_[0-9a-f]{8}$")
_FIRST_COLUMNS = ["run", "sweep", "folder", "label", "config"]


@dataclasses.dataclass
class Results:
    """What `load` read: DataFrames and the folders it left out."""

    runs: pd.DataFrame  # one row per run: ids, every parameter, the summary figures
    series: pd.DataFrame  # one row per run and recorded round
    nodes: pd.DataFrame  # one row per run, round and node (record.per_node runs only)
    stale: list = dataclasses.field(default_factory=list)  # run folders no manifest lists
    missing: list = dataclasses.field(default_factory=list)  # listed runs without results yet
    skipped_invalid: list = dataclasses.field(default_factory=list)  # (run, why) from manifests

    def to_target(self, metric, value):
        """Per run, the first recorded round at which `metric` reaches `value`
        (at least it for test_accuracy and node accuracies, at most it for the
        losses and consensus_error): its round, simulated time, bits and
        joules (energy_j = communication + computation); reached is False and
        the figures NaN for a run that never got there."""
        return to_target(self.series, metric, value)


def flatten(value, prefix=""):
    """{"a": {"b": 1}, "c": [1, 2]} -> {"a.b": 1, "c": "[1, 2]"}: objects become
    dotted keys, lists one JSON text (so that every cell is a scalar)."""
    if isinstance(value, dict) and value:
        flat = {}
        for key, member in value.items():
            flat.update(flatten(member, f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return {prefix: value}


def config_of(run_id):
    """The run id without its seed and scenario hash: runs with the same config
    differ only by their seed."""
    config = _SEED_PART.sub("", _HASH_TAIL.sub("", run_id)).strip("_")
    return config or run_id


def is_run_folder(folder):
    return any((folder / name).is_file() for name in RUN_FILES)


def manifests_of(folder):
    return sorted(folder.glob("manifest*.json"))


def _read_json(file):
    try:
        return json.loads(file.read_text())
    except (OSError, ValueError) as error:
        raise ValueError(f"{file}: cannot read it as JSON ({error})") from error


@dataclasses.dataclass
class _Found:
    folder: pathlib.Path
    sweep: str = ""
    labels: tuple = ()


class _Walker:
    """Finds the run folders under the given paths, trusting manifests."""

    def __init__(self):
        self.found: list[_Found] = []
        self.stale: list[pathlib.Path] = []
        self.missing: list[pathlib.Path] = []
        self.skipped_invalid: list[tuple[str, str]] = []
        self._manifests = {}  # sweep folder (resolved) -> {run id: labels}, read once
        self._swept = set()  # sweep folders whose runs were collected

    def visit(self, path):
        path = pathlib.Path(path)
        if path.is_file():
            path = path.parent  # a series.csv or summary.json names its run folder
        if not path.is_dir():
            raise FileNotFoundError(f"{path}: no such run or sweep folder")
        if manifests_of(path):
            self._sweep(path)
        elif is_run_folder(path):
            self._run_in_context(path)
        else:
            holds_results = False
            for child in sorted(child for child in path.iterdir() if child.is_dir()):
                if manifests_of(child) or is_run_folder(child) or any(
                        is_run_folder(grandchild) or manifests_of(grandchild)
                        for grandchild in child.iterdir() if grandchild.is_dir()):
                    holds_results = True
                    self.visit(child)
            if not holds_results:
                raise FileNotFoundError(f"{path}: no commsim run or sweep folder inside")

    def _listed(self, sweep_folder):
        key = sweep_folder.resolve()
        if key not in self._manifests:
            listed = {}
            for manifest_file in manifests_of(sweep_folder):
                manifest = _read_json(manifest_file)
                for run in manifest.get("runs", []):
                    listed[run["run"]] = tuple(run.get("labels", []))
                for skipped in manifest.get("skipped_invalid", []):
                    self.skipped_invalid.append((skipped["run"], skipped["why"]))
            self._manifests[key] = listed
        return self._manifests[key]

    def _sweep(self, folder):
        if folder.resolve() in self._swept:
            return  # given twice, or inside another path given: its runs are in already
        self._swept.add(folder.resolve())
        listed = self._listed(folder)
        for run_id, labels in listed.items():
            run_folder = folder / run_id
            if is_run_folder(run_folder):
                self.found.append(_Found(run_folder, folder.name, labels))
            else:
                self.missing.append(run_folder)
        for child in sorted(folder.iterdir()):
            if child.is_dir() and child.name not in listed and is_run_folder(child):
                self.stale.append(child)

    def _run_in_context(self, folder):
        # A run folder given on its own may still belong to a sweep.
        parent = folder.parent
        if manifests_of(parent):
            listed = self._listed(parent)
            if folder.name in listed:
                self.found.append(_Found(folder, parent.name, listed[folder.name]))
                return
        self.found.append(_Found(folder))


def _run_row(found):
    folder = found.folder
    run_id = folder.name
    row = {
        "run": run_id,
        "sweep": found.sweep,
        "folder": str(folder),
        "label": ", ".join(found.labels),
        "config": config_of(run_id),
    }
    resolved_file = folder / "scenario.resolved.json"
    parameters = flatten(_read_json(resolved_file)) if resolved_file.is_file() else {}
    for key in ("name", "commsim_version"):  # the run id and the build say these better
        parameters.pop(key, None)
    summary_file = folder / "summary.json"
    figures = flatten(_read_json(summary_file)) if summary_file.is_file() else {}
    figures.pop("run", None)
    for key, value in parameters.items():
        row[f"scenario.{key}" if key in figures or key in row else key] = value
    for key, value in figures.items():
        row[key if key not in row else f"summary.{key}"] = value
    return row


_HIGHER_IS_BETTER = ("accuracy",)


def to_target(series, metric, value):
    """See Results.to_target."""
    if metric not in series.columns:
        raise KeyError(f"no column {metric!r} in series; there are: {', '.join(series.columns)}")
    higher = any(word in metric for word in _HIGHER_IS_BETTER)
    reached = series[metric] >= value if higher else series[metric] <= value
    first = series[reached].sort_values(["run", "round"]).groupby("run", sort=False).head(1)
    figures = ["round", "sim_time_s", "payload_bits", "wire_bits", "comm_energy_j", "compute_energy_j"]
    table = series.groupby("run", sort=False)[["sweep", "config", "label"]].first().reset_index()
    table = table.merge(first[["run"] + figures], on="run", how="left")
    table["reached"] = table["round"].notna()
    table["energy_j"] = table["comm_energy_j"] + table["compute_energy_j"]
    return table


def _per_run_csv(found_runs, name, runs_frame):
    frames = []
    for found in found_runs:
        file = found.folder / name
        if not file.is_file():
            continue
        frame = pd.read_csv(file)
        frame["run"] = found.folder.name  # a run folder renamed by hand keeps its place
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["run"])
    table = pd.concat(frames, ignore_index=True)
    keys = runs_frame[["run", "sweep", "config", "label"]]
    table = table.merge(keys, on="run", how="left")
    leading = ["run", "sweep", "config", "label"]
    return table[leading + [c for c in table.columns if c not in leading]]


def load(*paths, warn=True):
    """Reads run folders, sweep folders or folders of them into `Results`.

    runs: one row per run, with `run`, `sweep`, `folder`, `label` (the sweep's
    labels of the run, joined), `config` (the run id without seed and hash),
    every resolved scenario parameter as a dotted column (`topology.kind`,
    `compressor.ratio`, `stop.rounds`, `seed`) and every summary.json figure
    (`sim_time_s`, `test_accuracy`, `energy_to_target_j`, nested ones dotted).
    series: series.csv of every run, with `run`, `sweep`, `config`, `label`.
    nodes: nodes.csv of the runs that recorded it, with the same keys.
    """
    if not paths:
        raise ValueError("load: give at least one run or sweep folder")
    walker = _Walker()
    for path in paths:
        walker.visit(path)
    seen = set()
    unique = []
    for found in walker.found:
        key = found.folder.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(found)
    rows = [_run_row(found) for found in unique]
    runs = pd.DataFrame(rows)
    if runs.empty:
        runs = pd.DataFrame(columns=_FIRST_COLUMNS)
    if warn and walker.stale:
        warnings.warn(
            f"{len(walker.stale)} run folder(s) not in their sweep's manifest were skipped "
            f"(an earlier version of the sweep?), e.g. {walker.stale[0]}; "
            "`commsim sweep SWEEP.json --prune` removes them",
            stacklevel=2,
        )
    return Results(
        runs=runs,
        series=_per_run_csv(unique, "series.csv", runs),
        nodes=_per_run_csv(unique, "nodes.csv", runs),
        stale=walker.stale,
        missing=walker.missing,
        skipped_invalid=walker.skipped_invalid,
    )
