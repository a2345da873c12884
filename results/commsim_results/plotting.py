"""One figure style for every commsim figure, and the three kinds of plot.

    from commsim_results import plotting as cp
    cp.use_style()
    figure, axes = cp.subplots()
    lines = cp.plot_lines(axes, res.series, x="sim_time_s", y="test_accuracy", logx=True)
    cp.finish(figure, "figure.png")

- plot_lines: one line per configuration (runs whose `config` is equal
  differ only by seed): the mean over seeds at every recorded round, the
  min-max spread over seeds shaded, distinct colour and marker per line.
  On a log axis points at x <= 0 (or y <= 0) are left out, never drawn at
  the axis edge.
- plot_pareto: one marker per configuration at the mean over seeds of two
  runs columns (e.g. seconds and joules to a target), min-max error bars,
  the Pareto front as a step line, configurations that never reached the
  target named in a note under the axes.
- plot_bar: one bar per configuration (mean over seeds, min-max error bar),
  optionally grouped.

Every function takes plain DataFrames (the `runs` and `series` tables of
commsim_results.load, or any table with the same key columns: `config`,
`run`, and for lines `round`), draws on the axes it is given and returns
the numbers it drew, so that tests can check them. The module leaves the
matplotlib backend alone (scripts choose Agg, notebooks keep theirs). Needs
matplotlib and pandas (Debian's python3-matplotlib and python3-pandas,
/usr/bin/python3).
"""
import math
import re

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import LogFormatterSciNotation

COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">"]
LINESTYLES = ["-", "--", "-.", ":"]

RC = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 130,
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.08,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 1.5,
    "lines.markersize": 4.5,
    "errorbar.capsize": 2.5,
    "axes.prop_cycle": matplotlib.cycler(color=COLORS, marker=MARKERS),
}

# Axis names for the usual columns (series.csv and summary.json).
AXIS_LABELS = {
    "round": "round",
    "sim_time_s": "simulated time (s)",
    "payload_bits": "payload bits sent (all nodes)",
    "wire_bits": "bits on the wire (all nodes)",
    "comm_energy_j": "communication energy (J)",
    "compute_energy_j": "computation energy (J)",
    "total_energy_j": "energy, communication + computation (J)",
    "consensus_error": "consensus error (1/n) sum ||x_i - mean||^2",
    "train_loss": "training loss of the average model",
    "test_accuracy": "test accuracy of the average model",
    "test_loss": "test loss of the average model",
    "time_to_target_s": "simulated seconds to the target",
    "energy_to_target_j": "joules to the target (communication + computation)",
    "bits_to_target": "payload bits to the target",
    "rounds_to_target": "rounds to the target",
    "end_time_s": "simulated seconds (whole run)",
}


def use_style():
    """Applies the commsim figure style to every later figure."""
    plt.rcParams.update(RC)


def style(index):
    """Colour, marker and line style of the index-th line: 10 colours, and the
    marker shifts by one each time the colours wrap, so up to 100 lines differ."""
    return {"color": COLORS[index % len(COLORS)],
            "marker": MARKERS[(index + index // len(COLORS)) % len(MARKERS)],
            "linestyle": LINESTYLES[(index // len(COLORS)) % len(LINESTYLES)]}


def label_log_axes(axes):
    """On a log y axis spanning less than two decades, labels some minor ticks
    too, so that the axis has more than one number (not on x, where the
    labels would run into each other)."""
    if axes.get_yscale() == "log":
        axes.yaxis.set_minor_formatter(LogFormatterSciNotation(labelOnlyBase=False,
                                                               minor_thresholds=(2, 0.5)))


def subplots(ncols=1, nrows=1, width=None, height=None, **kwargs):
    """A figure in the commsim style; panels are 6.4 x 4 inches unless told."""
    use_style()
    width = width or (6.4 if ncols == 1 else 5.0 * ncols)
    height = height or (4.0 if nrows == 1 else 3.6 * nrows)
    return plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False, **kwargs)


def legend_right(figure, axes=None, handles=None, labels=None, title=None):
    """One legend for the whole figure, outside the panels on the right, with
    each name once (panels sharing lines share their legend)."""
    if handles is None:
        handles, labels, seen = [], [], set()
        for axis in np.ravel(axes if axes is not None else figure.axes):
            for handle, label in zip(*axis.get_legend_handles_labels()):
                if label not in seen and not label.startswith("_"):
                    seen.add(label)
                    handles.append(handle)
                    labels.append(label)
    if not handles:
        return None
    columns = 1 if len(handles) <= 18 else 2
    right = max(axis.get_position().x1 for axis in figure.axes)
    return figure.legend(handles, labels, loc="center left", bbox_to_anchor=(right + 0.01, 0.5),
                         ncol=columns, title=title, borderaxespad=0.0)


def finish(figure, path, title=None):
    """Adds a figure title, saves (tight bounding box, so the outside legend
    is kept) and closes the figure."""
    if title:
        figure.suptitle(title)
    figure.savefig(path)
    plt.close(figure)


# --- names ---------------------------------------------------------------

_PART = re.compile(r"_(?=[A-Za-z0-9.]+=)")


def short_names(configs):
    """Legend names from config strings ("topology=ring_algorithm=dsgd-lr0.05"):
    the KEY=VALUE parts every config shares are dropped, and when the
    remaining parts all have one and the same key, only the values are kept."""
    configs = list(dict.fromkeys(configs))
    if len(configs) < 2:
        return {c: c for c in configs}
    split = {c: _PART.split(c) for c in configs}
    common = set.intersection(*(set(parts) for parts in split.values()))
    kept = {c: [p for p in parts if p not in common] for c, parts in split.items()}
    keys = {p.split("=", 1)[0] for parts in kept.values() for p in parts if "=" in p}
    if len(keys) == 1 and all(len(parts) == 1 for parts in kept.values()):
        return {c: kept[c][0].split("=", 1)[1] or c for c in configs}
    return {c: ", ".join(kept[c]) or c for c in configs}


def _format_value(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def names_by_columns(runs, columns):
    """config -> name built from runs columns: the first column's value, then
    `key=value` for the others (key: the last part of the dotted name);
    empty values are skipped, and a `kind` column shows its value alone. `columns` is a list or a comma-separated string."""
    if isinstance(columns, str):
        columns = [c for c in columns.split(",") if c]
    names = {}
    for config, group in runs.groupby("config", sort=False):
        row = group.iloc[0]
        parts = []
        for i, column in enumerate(columns):
            value = row[column]
            if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
                continue
            text = _format_value(value)
            key = column.split(".")[-1]
            parts.append(text if i == 0 or key == "kind" else f"{key}={text}")
        names[config] = " ".join(parts) or config
    return names


def line_names(runs, label_map=None, label_by=None):
    """config -> legend name, in drawing order. Order and names come from
    label_map ({config, sweep label or default name: name}; a name of None
    drops that configuration; keys not present keep their default name and
    come after, in manifest order), else from the columns in label_by, else
    from the sweep's `label` column, else from the config strings."""
    configs = list(dict.fromkeys(runs["config"]))
    if label_by:
        names = names_by_columns(runs, label_by)
    elif "label" in runs and runs["label"].fillna("").astype(str).ne("").all():
        first = runs.drop_duplicates("config").set_index("config")["label"]
        names = {c: str(first[c]) for c in configs}
    else:
        names = short_names(configs)
    if not label_map:
        return {c: names[c] for c in configs}
    labels = runs.drop_duplicates("config").set_index("config")["label"] if "label" in runs else {}
    ordered = {}
    for key, name in label_map.items():
        for config in configs:
            if config in ordered:
                continue
            if key in (config, names[config], str(labels.get(config, "")) or None):
                ordered[config] = name
    for config in configs:
        ordered.setdefault(config, names[config])
    return {c: n for c, n in ordered.items() if n is not None}


def unique_names(names):
    """Makes equal names distinct by appending the config they stand for."""
    counts = pd.Series(list(names.values())).value_counts()
    return {c: (f"{n} ({c})" if counts[n] > 1 else n) for c, n in names.items()}


def encode(runs, names, color_by=None, marker_by=None, lines=True):
    """Styles that encode runs columns instead of one style per line: one
    colour per value of color_by, one marker (and line style) per value of
    marker_by (each a list or comma-separated runs columns). Returns
    (styles: config -> style dict, handles, labels) where handles and labels
    make a legend of the values."""
    styles = {c: {} for c in names}
    handles, labels = [], []
    for columns, kind in ((color_by, "color"), (marker_by, "marker")):
        if not columns:
            continue
        values = names_by_columns(runs[runs["config"].isin(list(names))], columns)
        order = list(dict.fromkeys(values[c] for c in names if c in values))
        for config in names:
            if config not in values:
                continue
            i = order.index(values[config])
            if kind == "color":
                styles[config]["color"] = COLORS[i % len(COLORS)]
            else:
                styles[config]["marker"] = MARKERS[i % len(MARKERS)]
                styles[config]["linestyle"] = LINESTYLES[i % len(LINESTYLES)]
        for i, value in enumerate(order):
            if kind == "color":
                handles.append(Patch(color=COLORS[i % len(COLORS)]) if not lines else
                               Line2D([], [], color=COLORS[i % len(COLORS)], linestyle="-"))
            else:
                handles.append(Line2D([], [], color="dimgray", marker=MARKERS[i % len(MARKERS)],
                                      linestyle=LINESTYLES[i % len(LINESTYLES)] if lines else "none"))
            labels.append(value)
    return styles, handles, labels


# --- lines ---------------------------------------------------------------

def line_stats(series, x, y, configs=None, logx=False, logy=False):
    """The numbers plot_lines draws: one DataFrame per config with columns
    round, x (mean over seeds), mean, low, high (of y over seeds) and seeds
    (how many runs had the round), rows with a missing y dropped, and on a
    log axis the rows with x <= 0 (logx) or mean y <= 0 (logy) dropped."""
    out = {}
    configs = configs or list(dict.fromkeys(series["config"]))
    for config in configs:
        group = series[series["config"] == config].dropna(subset=[y])
        stats = group.groupby("round", sort=True).agg(
            x=(x, "mean"), mean=(y, "mean"), low=(y, "min"), high=(y, "max"),
            seeds=("run", "nunique")).reset_index()
        if logx:
            stats = stats[stats["x"] > 0]
        if logy:
            stats = stats[stats["mean"] > 0]
        out[config] = stats.reset_index(drop=True)
    return out


def plot_lines(axes, series, x, y, names=None, styles=None, logx=False, logy=False,
               ylim=None, xlabel=None, ylabel=None, spread=True):
    """Draws one line per config of `series` (mean over seeds, min-max
    spread shaded when a config has several runs). `names`: config -> legend
    name and drawing order (default: short_names of the configs; configs
    not in it are not drawn). `styles`: config -> dict of Line2D properties
    (default: style(i) for the i-th name). Returns {config: line_stats}."""
    if names is None:
        names = short_names(series["config"])
    order = list(names)  # the style of a line is its place among all names
    names = unique_names({c: n for c, n in names.items() if c in set(series["config"])})
    stats = line_stats(series, x, y, list(names), logx, logy)
    for config, name in names.items():
        index = order.index(config)
        data = stats[config]
        line_style = dict(style(index))
        if styles and config in styles:
            line_style.update(styles[config])
        if data.empty:
            # Say so rather than leave a legend entry without a line.
            hidden = " (no value > 0: off the log axis)" if logx or logy else " (no values)"
            axes.plot([], [], label=name + hidden, **line_style)
            continue
        markevery = _marker_points(data["x"], logx, 10 if len(names) <= 6 else 5)
        axes.plot(data["x"], data["mean"], label=name, markevery=markevery, **line_style)
        if spread and data["seeds"].max() > 1:
            low = data["low"].where(data["low"] > 0) if logy else data["low"]
            axes.fill_between(data["x"], low, data["high"], color=line_style["color"],
                              alpha=0.15 if len(names) <= 6 else 0.07, linewidth=0)
    if logx:
        axes.set_xscale("log")
    if logy:
        axes.set_yscale("log")
    if ylim:
        axes.set_ylim(*ylim)
    axes.set_xlabel(AXIS_LABELS.get(x, x) if xlabel is None else xlabel)
    axes.set_ylabel(AXIS_LABELS.get(y, y) if ylabel is None else ylabel)
    axes.grid(True, which="major", alpha=0.3)
    label_log_axes(axes)
    return stats


def _marker_points(x, logx, count):
    """Indices of about `count` points evenly spread over the x axis (log or
    linear), so that markers neither bunch up at one end of a log axis nor
    crowd a zigzagging line; every point when there are few."""
    if len(x) <= 12:
        return None
    position = np.log10(x.to_numpy(dtype=float)) if logx else x.to_numpy(dtype=float)
    position = np.maximum.accumulate(position)
    wanted = np.linspace(position[0], position[-1], count)
    indices = np.unique(np.clip(np.searchsorted(position, wanted), 0, len(position) - 1))
    return [int(i) for i in indices]


def add_total_energy(series):
    """series with total_energy_j = comm_energy_j + compute_energy_j."""
    series = series.copy()
    if "comm_energy_j" in series and "compute_energy_j" in series:
        series["total_energy_j"] = series["comm_energy_j"] + series["compute_energy_j"]
    return series


# --- to target -----------------------------------------------------------

TARGET_COLUMNS = ["target_reached", "rounds_to_target", "time_to_target_s", "bits_to_target",
                  "energy_to_target_j"]


def to_target(runs, series, metric, value):
    """runs with the to-target columns of summary.json (target_reached,
    rounds_to_target, time_to_target_s, bits_to_target, energy_to_target_j)
    recomputed from series at `value` of `metric` by
    commsim_results.loader.to_target (the first recorded round at or past
    it), so that runs that did not stop at a target compare at one."""
    from commsim_results.loader import to_target as first_rounds

    table = first_rounds(series, metric, value).set_index("run")
    runs = runs.copy()
    runs["target_reached"] = runs["run"].map(table["reached"]).fillna(False).astype(bool)
    for column, source in (("rounds_to_target", "round"), ("time_to_target_s", "sim_time_s"),
                           ("bits_to_target", "payload_bits"), ("energy_to_target_j", "energy_j")):
        runs[column] = runs["run"].map(table[source])
    return runs


# --- pareto --------------------------------------------------------------

def pareto_points(runs, x, y, configs=None, maximize=()):
    """One row per config: x and y mean/min/max over the seeds where both are
    known (a run that did not reach a target has NaN there), seeds (with
    values) and runs (all), and on_front: not dominated by another config
    (x and y minimised, unless named in maximize)."""
    configs = configs or list(dict.fromkeys(runs["config"]))
    rows = []
    for config in configs:
        group = runs[runs["config"] == config]
        known = group.dropna(subset=[x, y])
        known = known[np.isfinite(known[x].astype(float)) & np.isfinite(known[y].astype(float))]
        row = {"config": config, "runs": len(group), "seeds": len(known)}
        for column, name in ((x, "x"), (y, "y")):
            values = known[column].astype(float)
            row.update({name: values.mean(), f"{name}_low": values.min(), f"{name}_high": values.max()})
        rows.append(row)
    points = pd.DataFrame(rows, columns=["config", "runs", "seeds", "x", "x_low", "x_high", "y",
                                         "y_low", "y_high"])
    sign_x = -1 if "x" in maximize else 1
    sign_y = -1 if "y" in maximize else 1
    reached = points[points["seeds"] > 0]
    on_front = set()
    for i, p in reached.iterrows():
        dominated = ((sign_x * reached["x"] <= sign_x * p["x"]) & (sign_y * reached["y"] <= sign_y * p["y"])
                     & ((sign_x * reached["x"] < sign_x * p["x"]) | (sign_y * reached["y"] < sign_y * p["y"])))
        if not dominated.any():
            on_front.add(i)
    points["on_front"] = points.index.isin(on_front)
    return points


def plot_pareto(axes, runs, x, y, names=None, styles=None, maximize=(), logx=False, logy=False,
                xlabel=None, ylabel=None, note=True, note_partial=False):
    """One marker per config at (mean x, mean y) with min-max error bars,
    the Pareto front as a step line, and a note under the axes naming the
    configs with no run that has both values (e.g. never reached the
    target). A config where only some seeds reached it is named "(k/n
    seeds)". Returns pareto_points."""
    if names is None:
        names = short_names(runs["config"])
    order = list(names)  # the style of a marker is its place among all names
    names = unique_names({c: n for c, n in names.items() if c in set(runs["config"])})
    points = pareto_points(runs, x, y, list(names), maximize)
    for config, name in names.items():
        index = order.index(config)
        row = points[points["config"] == config]
        if row.empty or row.iloc[0]["seeds"] == 0:
            continue
        p = row.iloc[0]
        marker = dict(style(index))
        if styles and config in styles:
            marker.update(styles[config])
        label = name if p["seeds"] == p["runs"] or note_partial else \
            f"{name} ({p['seeds']}/{p['runs']} seeds)"
        axes.errorbar([p["x"]], [p["y"]],
                      xerr=[[p["x"] - p["x_low"]], [p["x_high"] - p["x"]]],
                      yerr=[[p["y"] - p["y_low"]], [p["y_high"] - p["y"]]],
                      color=marker["color"], marker=marker["marker"], linestyle="none",
                      markersize=7, elinewidth=0.8, label=label,
                      markeredgecolor="black" if p["on_front"] else marker["color"])
    front = points[points["on_front"]].sort_values("x", ascending="x" not in maximize)
    if len(front):
        where = "post" if ("x" in maximize) == ("y" in maximize) else "pre"
        axes.step(front["x"], front["y"], where=where, color="black", linewidth=1.0, alpha=0.6,
                  marker="", linestyle="--", label="Pareto front ("
                  + ("both minimised" if not maximize else
                     ", ".join(f"{a} {'maximised' if a in maximize else 'minimised'}" for a in "xy"))
                  + "; its points edged black)", zorder=0)
    if logx:
        axes.set_xscale("log")
    if logy:
        axes.set_yscale("log")
    axes.set_xlabel(AXIS_LABELS.get(x, x) if xlabel is None else xlabel)
    axes.set_ylabel(AXIS_LABELS.get(y, y) if ylabel is None else ylabel)
    label_log_axes(axes)
    lines = []
    missing = [names[c] for c in points[points["seeds"] == 0]["config"]]
    if missing:
        lines.append("no value (target not reached): " + "; ".join(missing))
    partial = points[(points["seeds"] > 0) & (points["seeds"] < points["runs"])]
    if note_partial and len(partial):
        lines.append("mean of the seeds that reached it: " + "; ".join(
            f"{names[p.config]} ({p.seeds}/{p.runs})" for p in partial.itertuples()))
    if note and lines:
        inches = axes.get_position().width * axes.figure.get_figwidth()
        axes.text(0.0, -0.17, "\n".join(_wrap(line, int(inches * 19)) for line in lines),
                  transform=axes.transAxes, fontsize=7, va="top")
    return points


def _wrap(text, width):
    import textwrap
    return "\n".join(textwrap.wrap(text, width))


# --- bars ----------------------------------------------------------------

def bar_stats(runs, y, configs=None):
    """One row per config: mean, low, high of y over its runs, and runs."""
    configs = configs or list(dict.fromkeys(runs["config"]))
    rows = []
    for config in configs:
        values = runs[runs["config"] == config][y].astype(float).dropna()
        rows.append({"config": config, "mean": values.mean(), "low": values.min(),
                     "high": values.max(), "runs": len(values)})
    return pd.DataFrame(rows, columns=["config", "mean", "low", "high", "runs"])


def plot_bar(axes, runs, y, names=None, groups=None, logy=False, ylabel=None, ylim=None):
    """One bar per config: the mean of y over its seeds with a min-max error
    bar (none when every config has one run). Without groups the bars stand side by side, named under the axis;
    with groups (config -> group name, e.g. a fabric) one cluster per group
    and one colour per name (legend). Returns bar_stats with the group."""
    if names is None:
        names = short_names(runs["config"])
    stats = bar_stats(runs, y, [c for c in names if c in set(runs["config"])])
    stats["name"] = stats["config"].map(names)
    if groups is None:
        positions = np.arange(len(stats))
        colors = [style(i)["color"] for i in range(len(stats))]
        errors = [stats["mean"] - stats["low"], stats["high"] - stats["mean"]]
        axes.bar(positions, stats["mean"], 0.7, color=colors,
                 yerr=errors if stats["runs"].max() > 1 else None)
        axes.set_xticks(positions, stats["name"], rotation=30 if len(stats) > 4 else 0,
                        ha="right" if len(stats) > 4 else "center")
    else:
        stats["group"] = stats["config"].map(groups)
        group_order = list(dict.fromkeys(groups[c] for c in names if c in groups))
        bar_names = list(dict.fromkeys(stats["name"]))
        width = 0.8 / max(len(bar_names), 1)
        for b, bar_name in enumerate(bar_names):
            part = stats[stats["name"] == bar_name].set_index("group").reindex(group_order)
            positions = np.arange(len(group_order)) + (b - (len(bar_names) - 1) / 2) * width
            errors = [part["mean"] - part["low"], part["high"] - part["mean"]]
            axes.bar(positions, part["mean"], width, label=bar_name, color=style(b)["color"],
                     yerr=errors if stats["runs"].max() > 1 else None)
        axes.set_xticks(np.arange(len(group_order)), group_order)
    if logy:
        axes.set_yscale("log")
    if ylim:
        axes.set_ylim(*ylim)
    axes.set_ylabel(AXIS_LABELS.get(y, y) if ylabel is None else ylabel)
    axes.grid(False, axis="x")
    return stats
