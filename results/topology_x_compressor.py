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


def load_runs(folder):
    rows = []
    for run in sorted(pathlib.Path(folder).iterdir()):
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
    import matplotlib.pyplot as plt
    colours = dict(zip(COMPRESSORS, ["black", "tab:blue", "tab:orange", "tab:green"]))
    styles = dict(zip(TOPOLOGIES, ["-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1))]))
    axes_x = [("payload_bits", "payload bits"), ("sim_time_s", "simulated seconds"),
              ("energy_j", "joules (communication + computation)")]
    figure, axes = plt.subplots(1, 3, figsize=(16, 5), sharey=True)
    for (topology, compressor), cell in sorted(by_cell.items()):
        frames = [r["series"].set_index("round") for r in cell]
        mean = sum(f[["payload_bits", "sim_time_s", "energy_j", "test_accuracy"]]
                   for f in frames) / len(frames)
        mean = mean[mean["payload_bits"] > 0]
        for axis, (column, _) in zip(axes, axes_x):
            axis.plot(mean[column], mean["test_accuracy"], color=colours[compressor],
                      linestyle=styles[topology], label=f"{topology}, {compressor}")
    for axis, (_, label) in zip(axes, axes_x):
        axis.set_xscale("log")
        axis.set_xlabel(label)
        axis.grid(True, alpha=0.3)
    axes[0].set_ylabel("test accuracy of the averaged model")
    axes[0].set_ylim(0.3, 0.9)
    figure.suptitle(f"Fashion-MNIST {task}, {nodes} nodes on 802.15.4: topology x compressor "
                    "(colour: compressor, line style: topology)")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="center right", fontsize=7)
    figure.tight_layout(rect=(0, 0, 0.84, 0.95))
    out = f"{prefix}_{task}_{nodes}.png"
    figure.savefig(out, dpi=110)
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
