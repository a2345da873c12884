#!/usr/bin/env python3
"""Seconds per epoch of the datacenter study (scenarios/datacenter.json).

    results/datacenter_study.py SWEEP_FOLDER [--samples N] [--plot FILE.png]

Each run trains a size-only ResNet-50 for a few rounds on a fabric; one round
processes nodes x batch samples, so an epoch of N samples (default ImageNet's
1,281,167) takes N / (nodes x batch) rounds. The script prints, for every
node count, a table of seconds per epoch (fabric x method) and the physical
link that was busiest in most rounds (series.csv's bottleneck_link), and with
--plot draws the seconds per epoch as grouped bars, one panel per node count.
Needs Debian's python3-pandas and python3-matplotlib (/usr/bin/python3).
"""
import argparse
import json
import pathlib
import re
import sys

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"datacenter_study.py: {error}; run with /usr/bin/python3 (Debian's python3-pandas)")

IMAGENET_SAMPLES = 1281167


def fabric_label(medium):
    if medium["fabric"] == "racks":
        return f"racks {medium['oversubscription']:g}:1"
    return medium["fabric"]


def method_label(algorithm, topology):
    if algorithm["kind"] == "allreduce":
        return "ring all-reduce"
    if algorithm["kind"] == "ps_sgd":
        return "parameter server"
    name = {"ring": "ring", "exponential": "exponential", "base": "Base-2"}[topology["kind"]]
    if topology["kind"] == "base":
        name = f"Base-{topology['k'] + 1}"
    return f"DSGD {name}"


def link_kind(name, server):
    """h3->switch: a host's send side; tor0->core: a rack's uplink; the
    parameter server's host (h<nodes>) is named apart."""
    if not isinstance(name, str) or not name:
        return "-"
    source, target = name.split("->")
    for end, side in ((source, "send"), (target, "receive")):
        if re.fullmatch(r"h\d+", end):
            return f"{'server' if end == server else 'worker'} {side} side"
    return "rack uplink" if target == "core" else "rack downlink"


def run_folders(*folders):
    """The run folders of these sweeps that their manifest lists (folders left
    over from an earlier version of a sweep are skipped), via commsim_results."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import commsim_results as cr
    return [pathlib.Path(folder) for folder in cr.load(*folders).runs["folder"]]


def load(folder, samples):
    rows = []
    for run in run_folders(folder):
        summary_file = run / "summary.json"
        if not summary_file.exists():
            continue
        resolved = json.loads((run / "scenario.resolved.json").read_text())
        series = pd.read_csv(run / "series.csv")
        rounds = series[series["round"] > 0]
        nodes = resolved["nodes"]
        batch = resolved["task"]["batch"]
        seconds_per_round = rounds["sim_time_s"].iloc[-1] / rounds["round"].iloc[-1]
        busiest = rounds["bottleneck_link"].map(lambda name: link_kind(name, f"h{nodes}")).mode()
        rows.append({
            "nodes": nodes,
            "fabric": fabric_label(resolved["network"]["medium"]),
            "method": method_label(resolved["algorithm"], resolved["topology"]),
            "s_per_round": seconds_per_round,
            "s_per_epoch": seconds_per_round * samples / (nodes * batch),
            "bottleneck": busiest.iloc[0] if len(busiest) else "-",
        })
    if not rows:
        sys.exit(f"datacenter_study.py: no finished runs in {folder}")
    return pd.DataFrame(rows)


def order(frame):
    fabrics = ["single_switch", "racks 1:1", "racks 4:1"]
    methods = ["ring all-reduce", "parameter server", "DSGD ring", "DSGD exponential", "DSGD Base-2"]
    return ([f for f in fabrics if f in set(frame["fabric"])],
            [m for m in methods if m in set(frame["method"])])


def markdown(table):
    header = "| " + " | ".join([table.index.name or ""] + list(table.columns)) + " |"
    lines = [header, "|" + "---|" * (len(table.columns) + 1)]
    for index, row in table.iterrows():
        cells = [f"{value:.4g}" if isinstance(value, float) else str(value) for value in row]
        lines.append("| " + " | ".join([str(index)] + cells) + " |")
    return "\n".join(lines)


def plot(frame, path):
    import matplotlib
    matplotlib.use("Agg")
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from commsim_results import plotting as cp

    fabrics, methods = order(frame)
    node_counts = sorted(set(frame["nodes"]))
    frame = frame.assign(config=frame["fabric"] + " | " + frame["method"])
    names = {f"{f} | {m}": m for f in fabrics for m in methods}
    groups = {f"{f} | {m}": f for f in fabrics for m in methods}
    figure, axes = cp.subplots(ncols=len(node_counts), sharey=True)
    for axis, nodes in zip(axes[0], node_counts):
        cp.plot_bar(axis, frame[frame["nodes"] == nodes], "s_per_epoch", names=names,
                    groups=groups, logy=True, ylabel="simulated seconds per ImageNet epoch",
                    ylim=(frame["s_per_epoch"].min() / 2, frame["s_per_epoch"].max() * 2))
        axis.set_title(f"{nodes} workers, 10 GbE hosts, ResNet-50 (size only)")
        if axis is not axes[0][0]:
            axis.set_ylabel("")
    cp.legend_right(figure, axes)
    cp.finish(figure, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--samples", type=int, default=IMAGENET_SAMPLES)
    parser.add_argument("--plot")
    args = parser.parse_args()
    frame = load(args.folder, args.samples)
    fabrics, methods = order(frame)
    for nodes in sorted(set(frame["nodes"])):
        part = frame[frame["nodes"] == nodes]
        seconds = part.pivot_table(index="fabric", columns="method", values="s_per_epoch")
        busiest = part.pivot_table(index="fabric", columns="method", values="bottleneck",
                                   aggfunc="first")
        print(f"\n{nodes} workers: simulated seconds per epoch\n")
        print(markdown(seconds.loc[fabrics, methods]))
        print(f"\n{nodes} workers: busiest link in most rounds\n")
        print(markdown(busiest.loc[fabrics, methods]))
    if args.plot:
        plot(frame, args.plot)


if __name__ == "__main__":
    main()
