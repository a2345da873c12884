#!/usr/bin/env python3
"""Draw commsim's standard figures from series.csv files or run folders.

    results/plot.py PATH... [-o FILE.png|.svg] [--x rounds|time|bits|energy]
                            [--y METRIC] [--label-by COLUMN] [--logx]

Each PATH is a series.csv, a run folder holding one, or a folder of run
folders (a sweep). Runs whose label is equal (the run id without its seed and
scenario hash: "topology=ring_seed=2_8c427787" -> "topology=ring") are drawn
as one line: the mean over seeds, with the
min-max spread shaded. Needs Debian's python3-matplotlib and python3-pandas.
"""
import argparse
import pathlib
import re
import sys

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot.py: {error}; install Debian's python3-matplotlib and python3-pandas "
             "and run with /usr/bin/python3")

X_AXES = {
    "rounds": ("round", "round"),
    "time": ("sim_time_s", "simulated time (s)"),
    "bits": ("payload_bits", "payload bits sent (all nodes)"),
    "energy": ("total_energy_j", "energy, communication + computation (J)"),
}
Y_LABELS = {
    "consensus_error": "consensus error (1/n) sum ||x_i - mean||^2",
    "train_loss": "training loss of the average model",
    "test_accuracy": "test accuracy of the average model",
}
LOG_METRICS = {"consensus_error", "train_loss"}


def series_files(paths):
    for path in map(pathlib.Path, paths):
        if path.is_file():
            yield path
        elif (path / "series.csv").is_file():
            yield path / "series.csv"
        elif path.is_dir():
            found = sorted(path.glob("*/series.csv"))
            if not found:
                sys.exit(f"plot.py: {path}: no series.csv inside")
            yield from found
        else:
            sys.exit(f"plot.py: {path}: no such file or folder")


def load(paths):
    frames = []
    for file in series_files(paths):
        frame = pd.read_csv(file)
        frame["total_energy_j"] = frame["comm_energy_j"] + frame["compute_energy_j"]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def line_label(run_id):
    """A sweep run's id without the parts that differ between repeats."""
    label = re.sub(r"_[0-9a-f]{8}$", "", run_id)
    label = re.sub(r"(^|_)seed=\d+", "", label)
    return label.strip("_") or run_id


def drop_common_parts(labels):
    """Removes the PATH=VALUE parts that every line shares, keeping legends short."""
    split = {label: re.split(r"_(?=[A-Za-z0-9.]+=)", label) for label in labels}
    common = set.intersection(*(set(parts) for parts in split.values())) if split else set()
    if len(labels) < 2:
        return {label: label for label in labels}
    return {label: " ".join(p for p in parts if p not in common) or label for label, parts in split.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-o", "--output", default="figure.png", help="PNG or SVG file")
    parser.add_argument("--x", choices=X_AXES, default="rounds")
    parser.add_argument("--y", default="consensus_error", help="metric column of series.csv")
    parser.add_argument("--label-by", default="run", help="column that names a line (default: run id)")
    parser.add_argument("--title", default="")
    parser.add_argument("--logx", action="store_true", help="logarithmic x axis")
    options = parser.parse_args()

    data = load(options.paths)
    if options.y not in data.columns:
        sys.exit(f"plot.py: --y {options.y}: no such column; columns: {', '.join(data.columns)}")
    data = data.dropna(subset=[options.y])
    if data.empty:
        sys.exit(f"plot.py: no values of {options.y} in these runs")
    x_column, x_label = X_AXES[options.x]
    data["line"] = data[options.label_by].astype(str).map(line_label)
    data["line"] = data["line"].map(drop_common_parts(sorted(data["line"].unique())))

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for line, group in data.groupby("line", sort=True):
        # Mean and spread over seeds at each round; x is averaged the same way.
        stats = group.groupby("round").agg(x=(x_column, "mean"), mean=(options.y, "mean"),
                                           low=(options.y, "min"), high=(options.y, "max"))
        axes.plot(stats["x"], stats["mean"], label=line, linewidth=1.6)
        if group["run"].nunique() > 1:
            axes.fill_between(stats["x"], stats["low"], stats["high"], alpha=0.2)
    if options.y in LOG_METRICS and (data[options.y] > 0).any():
        axes.set_yscale("log")
    if options.logx:
        axes.set_xscale("log")
    axes.set_xlabel(x_label)
    axes.set_ylabel(Y_LABELS.get(options.y, options.y))
    if options.title:
        axes.set_title(options.title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(options.output, dpi=120)
    print(f"plot.py: wrote {options.output}")


if __name__ == "__main__":
    main()
