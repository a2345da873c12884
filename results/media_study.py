#!/usr/bin/env python3
"""Tables and figures of a sweep that compares media (point_to_point, radio).

    results/media_study.py SWEEP_FOLDER... [--metric COLUMN] [--plot PREFIX]

One row per (medium, topology, algorithm) with the mean over seeds of: the
rounds run, the simulated seconds and the communication joules of the whole
run, the share of messages lost, the channel's collisions and channel access
failures, the final value of the metric (consensus_error or test_accuracy)
and, when the runs have stop.target, how many seeds reached it and the mean
seconds and joules to it. With --plot it draws the metric against simulated
seconds, one panel per medium and one line per configuration (mean over
seeds), into PREFIX_time.png. Needs Debian's python3-pandas and
python3-matplotlib (/usr/bin/python3).
"""
import argparse
import json
import pathlib
import sys

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"media_study.py: {error}; run with /usr/bin/python3 (Debian's python3-pandas)")


def medium_label(network):
    medium = network.get("medium")
    if medium is None:
        shared = ", one queue per node" if network.get("shared_interface") else ""
        return "point_to_point" + shared
    if medium["kind"] != "radio":
        return medium["kind"]
    if medium["interference"] == "topology":
        return "radio, topology"
    reach = (f"range {medium['range_m']:g} m" if medium["propagation"] == "disc"
             else "log-distance")
    return f"radio, {medium['placement']} {medium['spacing_m']:g} m, {reach}"


def topology_label(topology):
    label = topology["kind"]
    if "k" in topology:
        label += f" k={topology['k']}"
    return label


def run_folders(*folders):
    """The run folders of these sweeps that their manifest lists (folders left
    over from an earlier version of a sweep are skipped), via commsim_results."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import commsim_results as cr
    return [pathlib.Path(folder) for folder in cr.load(*folders).runs["folder"]]


def load(folders):
    rows = []
    runs = run_folders(*folders)
    for run in runs:
        summary_file = run / "summary.json"
        if not summary_file.exists():
            continue
        summary = json.loads(summary_file.read_text())
        resolved = json.loads((run / "scenario.resolved.json").read_text())
        end = summary["end_traffic"]
        row = {
            "run": str(run),
            "medium": medium_label(resolved["network"]),
            "topology": topology_label(resolved["topology"]),
            "algorithm": resolved["algorithm"]["kind"],
            "rounds": summary["rounds_completed"],
            "seconds": summary["end_time_s"],
            "joules": end["comm_energy_j"],
            "lost_share": end["messages_lost"] / max(end["messages"], 1),
            "collisions": end["collisions"],
            "cca_failures": end["cca_failures"],
            "consensus_error": summary.get("consensus_error"),
            "test_accuracy": summary.get("test_accuracy"),
            "stop_reason": summary["stop_reason"],
        }
        if "target_reached" in summary:
            row["reached"] = bool(summary["target_reached"])
            row["seconds_to_target"] = summary.get("time_to_target_s")
            row["joules_to_target"] = summary.get("energy_to_target_j")
        rows.append(row)
    if not rows:
        sys.exit(f"media_study.py: no finished runs in {', '.join(folders)}")
    return pd.DataFrame(rows)


def table(frame, metric):
    keys = ["medium", "topology", "algorithm"]
    columns = ["rounds", "seconds", "joules", "lost_share", "collisions", "cca_failures", metric]
    grouped = frame.groupby(keys, sort=False)
    out = grouped[columns].mean()
    out["seeds"] = grouped.size()
    if "reached" in frame:
        out["reached"] = grouped["reached"].sum().astype(int).astype(str) + "/" + \
            out["seeds"].astype(str)
        reached = frame[frame["reached"]]
        to_target = reached.groupby(keys, sort=False)[["seconds_to_target", "joules_to_target"]]
        out = out.join(to_target.mean())
    return out.reset_index()


def markdown(out, metric):
    headers = ["medium", "topology", "algorithm", "rounds", "s", "J", "lost", "collisions",
               "CCA failures", metric]
    has_target = "reached" in out
    if has_target:
        headers += ["reached", "s to target", "J to target"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for _, r in out.iterrows():
        cells = [r["medium"], r["topology"], r["algorithm"], f"{r['rounds']:.0f}",
                 f"{r['seconds']:.3g}", f"{r['joules']:.3g}", f"{100 * r['lost_share']:.1f} %",
                 f"{r['collisions']:.0f}", f"{r['cca_failures']:.0f}", f"{r[metric]:.3g}"]
        if has_target:
            cells += [r["reached"],
                      "-" if pd.isna(r["seconds_to_target"]) else f"{r['seconds_to_target']:.3g}",
                      "-" if pd.isna(r["joules_to_target"]) else f"{r['joules_to_target']:.3g}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(frame, metric, prefix):
    import matplotlib
    matplotlib.use("Agg")
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from commsim_results import plotting as cp

    single_algorithm = frame["algorithm"].nunique() == 1
    series = []
    for _, row in frame.iterrows():
        csv = pd.read_csv(pathlib.Path(row["run"]) / "series.csv")
        csv["medium"] = row["medium"]
        csv["config"] = row["topology"] if single_algorithm else f"{row['algorithm']}, {row['topology']}"
        csv["run"] = row["run"]
        series.append(csv)
    data = pd.concat(series, ignore_index=True)
    media = list(dict.fromkeys(frame["medium"]))
    # One colour and marker per configuration in every panel.
    names = {c: c for c in dict.fromkeys(data["config"])}
    figure, axes = cp.subplots(ncols=len(media), sharey=True)
    for axis, medium in zip(axes[0], media):
        subset = data[(data["medium"] == medium) & (data["sim_time_s"] > 0)]
        times = subset["sim_time_s"]
        logx = not times.empty and times.max() > 10 * times.min()
        cp.plot_lines(axis, subset, "sim_time_s", metric, names=names, logx=logx,
                      logy=metric == "consensus_error")
        axis.set_title(medium)
        if axis is not axes[0][0]:
            axis.set_ylabel("")
    cp.legend_right(figure, axes)
    cp.finish(figure, f"{prefix}_time.png")
    print(f"media_study.py: wrote {prefix}_time.png", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--metric", default="consensus_error")
    parser.add_argument("--plot")
    args = parser.parse_args()
    frame = load(args.folders)
    print(markdown(table(frame, args.metric), args.metric))
    if args.plot:
        plot(frame, args.metric, args.plot)


if __name__ == "__main__":
    main()
