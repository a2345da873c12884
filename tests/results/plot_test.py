#!/usr/bin/env python3
"""End-to-end test of results/plot.py on a small consensus sweep (2
topologies x 2 seeds, stop at a consensus-error target): every kind of
figure is written and not blank, and the numbers it drew are those of the
runs' own files (series.csv, summary.json), a folder left over from an
earlier sweep is ignored, log axes drop the x <= 0 points, and a bad column
is one line with exit status 2. Usage: plot_test.py COMMSIM SOURCE_DIR"""
import contextlib
import io
import json
import math
import pathlib
import shutil
import subprocess
import sys
import tempfile

import matplotlib.image
import pandas as pd

commsim, source = sys.argv[1], pathlib.Path(sys.argv[2])
sys.path.insert(0, str(source / "results"))
import plot  # noqa: E402

TARGET = 0.05


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def draw(*argv):
    with contextlib.redirect_stderr(io.StringIO()):
        return plot.draw([str(a) for a in argv])


def not_blank(path):
    assert path.stat().st_size > 5000, f"{path} is suspiciously small"
    assert matplotlib.image.imread(path).std() > 0.01, f"{path} is blank"


with tempfile.TemporaryDirectory() as folder:
    folder = pathlib.Path(folder)
    sweep = {
        "base": {"nodes": 8, "task": {"kind": "consensus", "dim": 20},
                 "link": {"model": "affine_bit", "bandwidth_bps": 1e6},
                 "stop": {"rounds": 40, "target": {"metric": "consensus_error", "value": TARGET}}},
        "grid": {"topology.kind": ["ring", "one_peer_exponential"]},
        "repeat": 2,
    }
    (folder / "sweep.json").write_text(json.dumps(sweep))
    out = folder / "out"
    subprocess.run([commsim, "sweep", folder / "sweep.json", "--quiet", "--out", out], check=True)
    runs = {p.name: p for p in out.iterdir() if (p / "summary.json").is_file()}
    assert len(runs) == 4, sorted(runs)
    summaries = {name: json.loads((p / "summary.json").read_text()) for name, p in runs.items()}
    series = {name: pd.read_csv(p / "series.csv") for name, p in runs.items()}
    by_config = {}
    for name in runs:
        by_config.setdefault("ring" if "=ring" in name else "one_peer_exponential", []).append(name)
    # A run folder of an earlier version of the sweep, with wild values: not a seed.
    stale = out / "topology.kind=ring_seed=3_0badc0de"
    shutil.copytree(runs[by_config["ring"][0]], stale)
    frame = pd.read_csv(stale / "series.csv")
    frame["consensus_error"] *= 1000
    frame.to_csv(stale / "series.csv", index=False)

    # Lines: mean and min-max over the two seeds at each round, from series.csv.
    kind, lines = draw(out, "--x", "rounds", "--y", "consensus_error", "-o", folder / "lines.png")
    not_blank(folder / "lines.png")
    assert kind == "lines" and len(lines) == 2, list(lines)
    for config, stats in lines.items():
        topology = "ring" if "=ring" in config else "one_peer_exponential"
        members = by_config[topology]
        assert stats["seeds"].max() == 2, f"{config}: stale folder averaged in"
        for _, row in stats.iterrows():
            values = [s.loc[s["round"] == row["round"], "consensus_error"] for s in
                      (series[m] for m in members)]
            values = [v.iloc[0] for v in values if len(v)]
            assert close(row["mean"], sum(values) / len(values)), (config, row)
            assert close(row["low"], min(values)) and close(row["high"], max(values)), (config, row)
        # The last round drawn is where the runs stopped: summary.json's value.
        if len({summaries[m]["round"] for m in members}) == 1:
            final = [summaries[m]["consensus_error"] for m in members]
            assert close(stats["mean"].iloc[-1], sum(final) / 2), (config, stats.iloc[-1], final)
        assert stats.attrs["name"] == topology, stats.attrs

    # On a log x axis the round-0 point (0 s) is left out, not drawn at the edge.
    _, lines = draw(out, "--x", "time", "--logx", "-o", folder / "lines-log.svg")
    assert (folder / "lines-log.svg").stat().st_size > 5000
    for config, stats in lines.items():
        assert (stats["x"] > 0).all() and 0 not in set(stats["round"]), stats

    # Pareto: one point per config at the mean of summary.json's to-target figures.
    _, points = draw(out, "--kind", "pareto", "--x", "time_to_target_s", "--y", "energy_to_target_j",
                     "-o", folder / "pareto.png")
    not_blank(folder / "pareto.png")
    assert len(points) == 2, points
    for _, point in points.iterrows():
        topology = "ring" if "=ring" in point["config"] else "one_peer_exponential"
        members = [summaries[m] for m in by_config[topology]]
        assert all(m["target_reached"] for m in members), members
        assert close(point["x"], sum(m["time_to_target_s"] for m in members) / 2), point
        assert close(point["y"], sum(m["energy_to_target_j"] for m in members) / 2), point
        assert close(point["x_low"], min(m["time_to_target_s"] for m in members)), point
        assert close(point["y_high"], max(m["energy_to_target_j"] for m in members)), point
    # The front: a point is on it unless the other is at most as large on both axes.
    a, b = points.iloc[0], points.iloc[1]
    a_dominated = b["x"] <= a["x"] and b["y"] <= a["y"] and (b["x"], b["y"]) != (a["x"], a["y"])
    b_dominated = a["x"] <= b["x"] and a["y"] <= b["y"] and (b["x"], b["y"]) != (a["x"], a["y"])
    assert bool(a["on_front"]) == (not a_dominated) and bool(b["on_front"]) == (not b_dominated)
    # --target recomputes the same figures from the series.
    _, again = draw(out, "--kind", "pareto", "--target", f"consensus_error={TARGET}",
                    "-o", folder / "pareto-target.png")
    for column in ("x", "y", "x_low", "x_high", "y_low", "y_high"):
        for first, second in zip(points[column], again[column]):
            assert close(first, second), (column, points, again)
    # ... and at a looser target, which the runs passed on their way, the same
    # figures as commsim's own for runs stopped there.
    subprocess.run([commsim, "sweep", folder / "sweep.json", "--quiet", "--out", folder / "loose",
                    "--set", "stop.target.value=1.0"], check=True)
    _, loose = draw(folder / "loose", "--kind", "pareto", "-o", folder / "pareto-loose.png")
    _, again = draw(out, "--kind", "pareto", "--target", "consensus_error=1.0",
                    "-o", folder / "pareto-loose-target.png")
    assert (loose["x"] <= points["x"]).all() and (loose["x"] < points["x"]).any(), (loose, points)
    for column in ("x", "y", "x_low", "x_high", "y_low", "y_high"):
        for first, second in zip(loose[column], again[column]):
            assert close(first, second), (column, loose, again)
    # A target no run reached: no points, and the note names both.
    _, none = draw(out, "--kind", "pareto", "--target", "consensus_error=1e-300",
                   "-o", folder / "pareto-none.png")
    assert (none["seeds"] == 0).all(), none

    # Bars: mean and spread of a summary figure.
    _, bars = draw(out, "--kind", "bar", "--y", "sim_time_s", "-o", folder / "bar.png")
    not_blank(folder / "bar.png")
    for _, bar in bars.iterrows():
        topology = "ring" if "=ring" in bar["config"] else "one_peer_exponential"
        values = [summaries[m]["sim_time_s"] for m in by_config[topology]]
        assert close(bar["mean"], sum(values) / 2) and close(bar["high"], max(values)), bar

    # --filter keeps one configuration.
    _, only = draw(out, "--filter", "topology.kind=ring", "-o", folder / "ring.png")
    assert len(only) == 1 and "ring" in next(iter(only)), list(only)

    # Bad input: one line on stderr, exit status 2, the available columns listed.
    for argv in (["--y", "nonsense"], ["--kind", "pareto", "--x", "nonsense"],
                 ["--filter", "nonsense=1"]):
        result = subprocess.run([sys.executable, source / "results" / "plot.py", out, *argv,
                                 "-o", folder / "x.png"], capture_output=True, text=True)
        lines_out = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines_out) == 1, (argv, result.stderr)
        assert "no such column" in lines_out[0] and "available:" in lines_out[0], lines_out
print("1 passed, 0 failed")
