#!/usr/bin/env python3
"""Tables and figures of the topology x compressor study.

    results/topology_x_compressor.py SWEEP_FOLDER [--target TASK=ACCURACY]...
                                     [--plot PREFIX]

For every (task, nodes) the script prints two Markdown tables with one row
per topology and one column per compressor: the final test accuracy (mean
over seeds), and the cost to a target test accuracy (default softmax 0.78,
mlp 0.80): the simulated seconds, the joules (communication + computation)
and the payload megabits of the first recorded round at or above the target,
as means over the seeds that reached it, with how many did. With --plot it
draws test accuracy against payload bits, simulated seconds and joules (log
x), one figure per (task, nodes), one colour per compressor and one line
style per topology (mean over seeds), into PREFIX_TASK_NODES.png. Needs
Debian's python3-pandas and python3-matplotlib (/usr/bin/python3).
"""
import argparse
import json
import pathlib
import sys

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"topology_x_compressor.py: {error}; run with /usr/bin/python3 (python3-pandas)")

TOPOLOGIES = ["ring", "exponential", "1-peer exp.", "Base-2", "Base-3"]
COMPRESSORS = ["none (DSGD)", "top-k 1 %", "QSGD 8 bit", "CAT"]
DEFAULT_TARGETS = {"softmax": 0.78, "mlp": 0.80}


def topology_label(topology):
    if topology["kind"] == "base":
        return f"Base-{topology['k'] + 1}"
    return {"one_peer_exponential": "1-peer exp."}.get(topology["kind"], topology["kind"])


def compressor_label(compressor):
    return {"none": "none (DSGD)", "top_k": "top-k 1 %", "qsgd": "QSGD 8 bit",
            "cat": "CAT"}[compressor["kind"]]


def run_folders(*folders):
    """The run folders of these sweeps that their manifest lists (folders left
    over from an earlier version of a sweep are skipped), via commsim_results."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import commsim_results as cr
    return [pathlib.Path(folder) for folder in cr.load(*folders).runs["folder"]]


def load_runs(folder):
    rows = []
    for run in run_folders(folder):
        summary_file, series_file = run / "summary.json", run / "series.csv"
        if not summary_file.is_file() or not series_file.is_file():
            continue
        resolved = json.loads((run / "scenario.resolved.json").read_text())
        summary = json.loads(summary_file.read_text())
        series = pd.read_csv(series_file)
        series["energy_j"] = series["comm_energy_j"] + series["compute_energy_j"]
        rows.append({"task": resolved["task"]["kind"], "nodes": resolved["nodes"],
                     "topology": topology_label(resolved["topology"]),
                     "compressor": compressor_label(resolved["compressor"]),
                     "seed": resolved["seed"], "stop_reason": summary["stop_reason"],
                     "series": series})
    return rows


def to_target(series, target):
    reached = series[series["test_accuracy"] >= target]
    if reached.empty:
        return None
    first = reached.iloc[0]
    return first["sim_time_s"], first["energy_j"], first["payload_bits"] / 1e6


def grid(cells, render):
    lines = ["| topology | " + " | ".join(COMPRESSORS) + " |",
             "|---|" + "---|" * len(COMPRESSORS)]
    for topology in TOPOLOGIES:
        values = [render(cells.get((topology, c))) for c in COMPRESSORS]
        lines.append(f"| {topology} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def report(runs, task, nodes, target):
    group = [r for r in runs if r["task"] == task and r["nodes"] == nodes]
    by_cell = {}
    for run in group:
        by_cell.setdefault((run["topology"], run["compressor"]), []).append(run)

    def final(cell):
        if not cell:
            return "-"
        accuracies = [r["series"]["test_accuracy"].iloc[-1] for r in cell]
        text = f"{sum(accuracies) / len(accuracies):.3f}"
        diverged = sum(r["stop_reason"] == "diverged" for r in cell)
        return text + (f" ({diverged} diverged)" if diverged else "")

    def cost(cell):
        if not cell:
            return "-"
        hits = [h for h in (to_target(r["series"], target) for r in cell) if h is not None]
        if not hits:
            return f"0/{len(cell)}"
        mean = [sum(h[i] for h in hits) / len(hits) for i in range(3)]
        return f"{mean[0]:.3g} s, {mean[1]:.3g} J, {mean[2]:.3g} Mbit ({len(hits)}/{len(cell)})"

    seeds = max((len(cell) for cell in by_cell.values()), default=0)
    print(f"\n### {task}, {nodes} nodes: final test accuracy (mean of {seeds} seeds)\n")
    print(grid(by_cell, final))
    print(f"\n### {task}, {nodes} nodes: to test accuracy {target} "
          "(seconds, joules, payload megabits; seeds that reached it)\n")
    print(grid(by_cell, cost))
    return by_cell


def plot(by_cell, task, nodes, prefix):
    import matplotlib
    matplotlib.use("Agg")
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from commsim_results import plotting as cp

    frames, cells = [], []
    for topology in TOPOLOGIES:
        for compressor in COMPRESSORS:
            for run in by_cell.get((topology, compressor), []):
                frame = run["series"].copy()
                frame["config"] = f"{topology}, {compressor}"
                frame["run"] = f"{topology}, {compressor}, seed {run['seed']}"
                frames.append(frame)
            if (topology, compressor) in by_cell:
                cells.append({"config": f"{topology}, {compressor}", "topology": topology,
                              "compressor": compressor})
    series = pd.concat(frames, ignore_index=True)
    cells = pd.DataFrame(cells)
    names = dict(zip(cells["config"], cells["config"]))
    # Colour: compressor; marker and line style: topology.
    styles, handles, labels = cp.encode(cells, names, color_by="compressor", marker_by="topology")
    axes_x = [("payload_bits", "payload bits"), ("sim_time_s", "simulated seconds"),
              ("energy_j", "joules (communication + computation)")]
    figure, axes = cp.subplots(ncols=3, sharey=True, width=15)
    for axis, (column, label) in zip(axes[0], axes_x):
        cp.plot_lines(axis, series, column, "test_accuracy", names=names, styles=styles,
                      logx=True, ylim=(0.3, 0.9), xlabel=label,
                      ylabel="test accuracy of the averaged model" if axis is axes[0][0] else "")
    cp.legend_right(figure, handles=handles, labels=labels)
    out = f"{prefix}_{task}_{nodes}.png"
    cp.finish(figure, out, title=f"Fashion-MNIST {task}, {nodes} nodes on 802.15.4: "
              "mean over seeds, min-max shaded (colour: compressor, marker: topology)")
    print(f"\nwrote {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--target", action="append", default=[],
                        help="TASK=ACCURACY, e.g. softmax=0.78")
    parser.add_argument("--plot", metavar="PREFIX")
    args = parser.parse_args()
    targets = dict(DEFAULT_TARGETS)
    for item in args.target:
        task, value = item.split("=")
        targets[task] = float(value)
    runs = load_runs(args.folder)
    if not runs:
        sys.exit(f"topology_x_compressor.py: no finished runs in {args.folder}")
    for task, nodes in sorted({(r["task"], r["nodes"]) for r in runs}, reverse=True):
        by_cell = report(runs, task, nodes, targets[task])
        if args.plot:
            plot(by_cell, task, nodes, args.plot)


if __name__ == "__main__":
    main()
