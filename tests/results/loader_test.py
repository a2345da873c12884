#!/usr/bin/env python3
"""commsim_results.load on real sweeps: the columns of a sweep with a swept
block and labels, values equal to what the runs wrote, only the current runs
of an edited sweep (stale folders reported, then pruned), a lone run folder,
and installing the package with pip without network.
Usage: loader_test.py COMMSIM SOURCE_DIR"""
import json
import math
import pathlib
import shutil
import subprocess
import sys
import tempfile
import warnings

commsim, source = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
sys.path.insert(0, str(source / "results"))
import commsim_results as cr  # noqa: E402

BASE = {"nodes": 6, "task": {"kind": "consensus", "dim": 20}, "algorithm": {"kind": "gossip"},
        "link": {"model": "affine_bit", "bandwidth_bps": 1e6}, "stop": {"rounds": 10}}
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def sweep(folder, grid, *flags):
    (folder / "sweep.json").write_text(json.dumps({"base": BASE, "grid": grid, "repeat": 2}))
    result = subprocess.run([commsim, "sweep", folder / "sweep.json", "--quiet", "--out", folder / "out",
                             *flags], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def test_columns(folder):
    top_k = {"kind": "top_k", "ratio": 0.25}
    sweep(folder, {"compressor": [top_k, {"label": "uncompressed", "value": {"kind": "none"}}]})
    res = cr.load(folder / "out")
    runs = res.runs
    check(len(runs) == 4, f"4 runs, got {len(runs)}")
    for column in ["run", "sweep", "folder", "label", "config", "seed", "compressor.kind",
                   "compressor.ratio", "topology.kind", "link.bandwidth_bps", "stop.rounds",
                   "sim_time_s", "payload_bits", "consensus_error", "complete",
                   "end_traffic.frames", "missing_messages.messages_missing"]:
        check(column in runs.columns, f"runs has no column {column}")
    check(set(runs["config"]) == {"compressor=top_k-ratio0.25", "compressor=uncompressed"},
          f"configs {set(runs['config'])}")
    check(sorted(runs["label"]) == ["", "", "uncompressed", "uncompressed"], f"labels {list(runs['label'])}")
    check(set(runs["sweep"]) == {"out"}, "sweep name")
    for _, row in runs.iterrows():
        summary = json.loads((pathlib.Path(row["folder"]) / "summary.json").read_text())
        resolved = json.loads((pathlib.Path(row["folder"]) / "scenario.resolved.json").read_text())
        check(row["payload_bits"] == summary["payload_bits"], f"{row['run']}: payload_bits")
        check(row["sim_time_s"] == summary["sim_time_s"], f"{row['run']}: sim_time_s")
        check(row["end_traffic.frames"] == summary["end_traffic"]["frames"], f"{row['run']}: frames")
        check(row["compressor.kind"] == resolved["compressor"]["kind"], f"{row['run']}: compressor")
        check(row["seed"] == resolved["seed"], f"{row['run']}: seed")
        if row["compressor.kind"] == "top_k":
            check(row["compressor.ratio"] == 0.25, f"{row['run']}: ratio")
        else:
            check(math.isnan(row["compressor.ratio"]), f"{row['run']}: ratio of none")
    # Compressed runs send fewer bits: the columns are not swapped between runs.
    by_kind = runs.groupby("compressor.kind")["payload_bits"].mean()
    check(by_kind["top_k"] < by_kind["none"], f"payload bits {dict(by_kind)}")
    series = res.series
    rows = sum(len(open(pathlib.Path(f) / "series.csv").readlines()) - 1 for f in runs["folder"])
    check(len(series) == rows, f"series rows {len(series)} != {rows}")
    for column in ["run", "config", "label", "round", "sim_time_s", "consensus_error"]:
        check(column in series.columns, f"series has no column {column}")
    last = series.sort_values("round").groupby("run").tail(1).set_index("run")["consensus_error"]
    for _, row in runs.iterrows():
        check(math.isclose(last[row["run"]], row["consensus_error"], rel_tol=1e-12),
              f"{row['run']}: last series row is the summary")
    check(res.nodes.empty and res.stale == [] and res.missing == [], "no nodes, stale or missing")
    # to_target: the first recorded row at or below the threshold, read by hand from series.csv.
    final = runs["consensus_error"]
    threshold = math.sqrt(final.min() * final.max())  # the uncompressed runs get there, top-k not
    table = res.to_target("consensus_error", threshold).set_index("run")
    for _, row in runs.iterrows():
        rows = [line.split(",") for line in open(pathlib.Path(row["folder"]) / "series.csv").read().split()]
        header, values = rows[0], rows[1:]
        at = header.index("consensus_error")
        first = next((v for v in values if v[at] and float(v[at]) <= threshold), None)
        got = table.loc[row["run"]]
        if first is None:
            check(not got["reached"], f"{row['run']}: never reached")
        else:
            check(got["reached"] and got["round"] == int(first[header.index("round")]), f"{row['run']}: round")
            check(got["sim_time_s"] == float(first[header.index("sim_time_s")]), f"{row['run']}: time")
            check(math.isclose(got["energy_j"], float(first[header.index("comm_energy_j")]) +
                               float(first[header.index("compute_energy_j")])), f"{row['run']}: energy")
    check(table["reached"].any() and not table["reached"].all(), "a threshold some runs reach")
    # A run folder on its own still knows its sweep and label.
    one = cr.load(runs.loc[runs["label"] == "uncompressed", "folder"].iloc[0]).runs
    check(len(one) == 1 and one["sweep"].iloc[0] == "out" and one["label"].iloc[0] == "uncompressed",
          "a run folder inside a sweep")


def test_edited_sweep(folder):
    sweep(folder, {"link.bandwidth_bps": [1e5, 1e6]})
    edited = sweep(folder, {"link.bandwidth_bps": [1e6, 1e7]})
    check("note: 2 folder(s)" in edited.stderr, f"the sweep notes stale folders: {edited.stderr}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = cr.load(folder / "out")
    check(sorted(set(res.runs["link.bandwidth_bps"])) == [1e6, 1e7],
          f"only current runs, got {sorted(set(res.runs['link.bandwidth_bps']))}")
    check(len(res.runs) == 4 and len(res.stale) == 2, f"{len(res.runs)} runs, {len(res.stale)} stale")
    check(all("bandwidth_bps=100000" in path.name for path in res.stale), f"stale {res.stale}")
    check(any("--prune" in str(w.message) for w in caught), "a warning names --prune")
    check(set(res.series["run"]) == set(res.runs["run"]), "series only of current runs")
    sweep(folder, {"link.bandwidth_bps": [1e6, 1e7]}, "--prune")
    res = cr.load(folder / "out")
    check(res.stale == [] and len(res.runs) == 4, "pruned")


def test_lone_run(folder):
    scenario = folder / "run.json"
    scenario.write_text(json.dumps(BASE))
    subprocess.run([commsim, "run", scenario, "--quiet", "--out", folder / "lone"], check=True)
    res = cr.load(folder / "lone")
    check(len(res.runs) == 1 and res.runs["sweep"].iloc[0] == "", "a lone run")
    check(res.runs["nodes"].iloc[0] == 6, "its parameters")
    both = cr.load(folder)  # a folder holding a run folder and more
    check(len(both.runs) == 1, f"a folder of runs: {len(both.runs)}")


def test_pip_install(folder):
    # pip builds in the tree it is given: install from a copy, not the checkout.
    package = folder / "package"
    shutil.copytree(source / "results" / "commsim_results", package / "commsim_results")
    shutil.copy(source / "results" / "pyproject.toml", package)
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
    pip = subprocess.run([venv / "bin" / "pip", "install", "--quiet", "--no-build-isolation", "--no-index",
                          package], capture_output=True, text=True)
    check(pip.returncode == 0, f"pip install: {pip.stderr[-2000:]}")
    found = subprocess.run([venv / "bin" / "python", "-c",
                            "import commsim_results, sys; print(commsim_results.__file__)"],
                           capture_output=True, text=True, cwd=folder)
    check(found.returncode == 0 and str(venv) in found.stdout, f"installed import: {found.stdout}{found.stderr}")


for test in [test_columns, test_edited_sweep, test_lone_run, test_pip_install]:
    with tempfile.TemporaryDirectory() as scratch:
        test(pathlib.Path(scratch))
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("4 passed, 0 failed")
