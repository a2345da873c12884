#!/usr/bin/env python3
"""Draw a figure of commsim runs: lines, Pareto front or bars.

    results/plot.py PATH... -o FIG.png [--kind lines|pareto|bar]
        [--x rounds|time|bits|energy|COLUMN] [--y METRIC] [--logx] [--logy]
        [--ylim LO HI] [--labels FILE.json | --label-by COLUMN[,COLUMN...]]
        [--filter COLUMN=VALUE[,VALUE...]]... [--target METRIC=VALUE]
        [--maximize x|y] [--color-by COLUMN] [--marker-by COLUMN]
        [--panel-by COLUMN] [--title T]

Each PATH is a run folder or a sweep folder (only the runs its manifest lists:
folders left over from an earlier version of the sweep are skipped and
reported). Runs whose `config` is equal (run id without seed and hash)
are one configuration, drawn as their mean over seeds with the min-max spread.

  lines   --y is a series.csv column, against --x: rounds, time (simulated
          seconds), bits (payload bits), energy (communication +
          computation joules) or any series.csv column. consensus_error and
          train_loss get a log y axis unless --no-logy.
  pareto  --x and --y are two runs columns (summary.json figures or
          scenario parameters), e.g. --x time_to_target_s --y
          energy_to_target_j: one marker per configuration, the Pareto front
          (both minimised, unless --maximize x or y), configurations that
          never reached the target listed under the axes. --target
          test_accuracy=0.78 recomputes the *_to_target columns from the
          series (first recorded round at or past the value), for runs that
          did not stop at a target.
  bar     --y is a runs column: one bar per configuration, mean over seeds.

--filter keeps the runs whose column equals one of the values (shell-style
patterns such as *radio* allowed); several filters must all hold. Legend
names come from --labels (a JSON object {config or name: legend name, ...}
whose order is the legend's; null drops a line), else --label-by (runs
columns, e.g. topology.kind,topology.k), else the sweep's labels, else the
config. --color-by and --marker-by encode two runs columns (e.g. compressor
and topology) as colour and marker, with a legend of their values;
--panel-by draws one panel per value of a column. Needs Debian's python3-matplotlib and python3-pandas
(/usr/bin/python3).
"""
import argparse
import fnmatch
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

try:
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import commsim_results as cr
    from commsim_results import plotting as cp
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"plot.py: {error}; install Debian's python3-matplotlib and python3-pandas "
             "and run with /usr/bin/python3")

X_AXES = {"rounds": "round", "time": "sim_time_s", "bits": "payload_bits",
          "energy": "total_energy_j"}
LOG_METRICS = {"consensus_error", "train_loss"}


class UsageError(Exception):
    """A bad option: plot.py prints it on one line and exits with status 2."""


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="run or sweep folders")
    parser.add_argument("-o", "--output", default="figure.png", help="PNG or SVG file")
    parser.add_argument("--kind", choices=["lines", "pareto", "bar"], default="lines")
    parser.add_argument("--x", default=None, help="lines: rounds|time|bits|energy|COLUMN; "
                        "pareto: a runs column (default time_to_target_s)")
    parser.add_argument("--y", default=None, help="lines: series column (default "
                        "consensus_error); pareto: runs column (default energy_to_target_j); "
                        "bar: runs column (default sim_time_s)")
    parser.add_argument("--logx", action="store_true", help="logarithmic x axis")
    parser.add_argument("--logy", action="store_true", help="logarithmic y axis")
    parser.add_argument("--no-logy", action="store_true",
                        help="linear y axis even for consensus_error and train_loss")
    parser.add_argument("--ylim", nargs=2, type=float, metavar=("LO", "HI"))
    names = parser.add_mutually_exclusive_group()
    names.add_argument("--labels", help="JSON file {config or name: legend name}")
    names.add_argument("--label-by", help="runs column(s) naming a line, comma-separated")
    parser.add_argument("--filter", action="append", default=[], metavar="COLUMN=VALUE",
                        help="keep runs whose COLUMN is VALUE (or one of V1,V2,...)")
    parser.add_argument("--target", metavar="METRIC=VALUE",
                        help="recompute the *_to_target columns from the series")
    parser.add_argument("--maximize", choices=["x", "y"], action="append", default=[],
                        help="pareto: this axis is better when larger")
    parser.add_argument("--color-by", help="runs column(s): one colour per value "
                        "(the legend then names the values, not every line)")
    parser.add_argument("--marker-by", help="runs column(s): one marker and line style per value")
    parser.add_argument("--panel-by", help="runs column(s): one panel per value")
    parser.add_argument("--title", default="")
    return parser.parse_args(argv)


def need(table, column, what):
    if column not in table.columns:
        available = ", ".join(sorted(map(str, table.columns)))
        hint = (" (runs without stop.target have no to-target figures: add --target "
                "METRIC=VALUE)" if column in cp.TARGET_COLUMNS else "")
        raise UsageError(f"{what} {column}: no such column{hint}; available: {available}")


def matches(value, wanted):
    text = cp._format_value(value) if not isinstance(value, str) else value
    for item in wanted:
        if any(ch in item for ch in "*?[") and fnmatch.fnmatchcase(text, item):
            return True
        if text == item:
            return True
        try:
            if float(text) == float(item):
                return True
        except ValueError:
            pass
    return False


def select(res, filters):
    runs = res.runs
    for item in filters:
        if "=" not in item:
            raise UsageError(f"--filter {item}: expected COLUMN=VALUE")
        column, values = item.split("=", 1)
        need(runs, column, "--filter")
        runs = runs[runs[column].map(lambda v, w=values.split(","): matches(v, w))]
    if runs.empty:
        raise UsageError("no run is left after --filter " + " ".join(filters))
    series = res.series[res.series["run"].isin(set(runs["run"]))]
    return runs, series


def legend_names(runs, options):
    if options.label_by:
        for column in options.label_by.split(","):
            need(runs, column, "--label-by")
    label_map = None
    if options.labels:
        try:
            label_map = json.loads(pathlib.Path(options.labels).read_text())
        except (OSError, ValueError) as error:
            raise UsageError(f"--labels {options.labels}: {error}") from error
    return cp.line_names(runs, label_map=label_map, label_by=options.label_by)


def panels(runs, series, panel_by):
    """[(title, runs, series)]: one panel per value of the panel_by columns."""
    if not panel_by:
        return [("", runs, series)]
    columns = panel_by.split(",")
    for column in columns:
        need(runs, column, "--panel-by")
    out = []
    for key, part in runs.groupby(columns if len(columns) > 1 else columns[0], sort=True,
                                  dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        title = ", ".join(f"{c.split('.')[-1]}={cp._format_value(v)}" for c, v in zip(columns, key))
        out.append((title, part, series[series["run"].isin(set(part["run"]))]))
    return out


def draw(argv):
    """Draws the figure; returns (kind, data): lines: {config: line_stats},
    pareto: pareto_points, bar: bar_stats, each with a `name` per config
    (line_stats: .attrs["name"]); with --panel-by, a list of (title, data)."""
    options = parse(argv)
    for path in options.paths:
        if not pathlib.Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")
    try:
        res = cr.load(*options.paths, warn=False)
    except (OSError, ValueError) as error:
        raise UsageError(str(error)) from error
    runs, series = select(res, options.filter)
    series = cp.add_total_energy(series)
    if options.target:
        metric, _, value = options.target.partition("=")
        need(series, metric, "--target")
        try:
            runs = cp.to_target(runs, series, metric, float(value))
        except ValueError as error:
            raise UsageError(f"--target {options.target}: expected METRIC=NUMBER") from error
    styles, handles, labels = None, None, None
    encoded = [c for c in (options.marker_by, options.color_by) if c]
    for column in ",".join(encoded).split(","):
        if column:
            need(runs, column, "--color-by/--marker-by")
    if encoded and not (options.labels or options.label_by):
        # Lines are told apart by the encoded columns; name them by those too.
        options.label_by = ",".join(encoded)
    names = legend_names(runs, options)
    if encoded:
        styles, handles, labels = cp.encode(runs, names, options.color_by, options.marker_by,
                                            lines=options.kind == "lines")
    parts = panels(runs, series, options.panel_by)
    figure, axes = cp.subplots(ncols=len(parts), sharey=options.kind == "lines")
    results = []
    for axis, (title, part_runs, part_series) in zip(axes[0], parts):
        if options.kind == "lines":
            x = X_AXES.get(options.x or "rounds", options.x)
            y = options.y or "consensus_error"
            need(series, x, "--x")
            need(series, y, "--y")
            if series[y].dropna().empty:
                raise UsageError(f"--y {y}: no values in these runs")
            logy = (options.logy or y in LOG_METRICS) and not options.no_logy
            data = cp.plot_lines(axis, part_series, x, y, names=names, styles=styles,
                                 logx=options.logx, logy=logy, ylim=options.ylim)
            for config, stats in data.items():
                stats.attrs["name"] = names[config]
        elif options.kind == "pareto":
            x = options.x or "time_to_target_s"
            y = options.y or "energy_to_target_j"
            need(runs, x, "--x")
            need(runs, y, "--y")
            data = cp.plot_pareto(axis, part_runs, x, y, names=names, styles=styles,
                                  maximize=options.maximize, logx=options.logx,
                                  logy=options.logy, note_partial=styles is not None)
            data["name"] = data["config"].map(names)
        else:
            y = options.y or "sim_time_s"
            need(runs, y, "--y")
            data = cp.plot_bar(axis, part_runs, y, names=names, logy=options.logy,
                               ylim=options.ylim)
        if axis is not axes[0][0] and options.kind == "lines":
            axis.set_ylabel("")
        axis.set_title(title)
        results.append((title, data))
    if handles:
        front = [(h, l) for h, l in zip(*axes[0][0].get_legend_handles_labels())
                 if l.startswith("Pareto")]
        cp.legend_right(figure, handles=handles + [h for h, _ in front],
                        labels=labels + [l for _, l in front])
    elif options.kind != "bar":
        cp.legend_right(figure, axes)
    cp.finish(figure, options.output, title=options.title)
    if res.stale:
        print(f"plot.py: ignored {len(res.stale)} folder(s) that are not runs of their sweep "
              f"(an earlier version of it?): {', '.join(str(p) for p in res.stale)}",
              file=sys.stderr)
    print(f"plot.py: wrote {options.output}", file=sys.stderr)
    return options.kind, (results if options.panel_by else results[0][1])


def main(argv=None):
    try:
        draw(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        print(f"plot.py: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
