#!/usr/bin/env python3
"""Uplink cost to a target training loss, per run of a parameter-server sweep.

    results/to_target.py SWEEP_FOLDER --optimum F --eps E [--plot PREFIX]

For parameter-server runs (workers 0..n-1, server n) recorded with
record.per_node = true. The uplink is what the workers send (their gradients):
uplink bits = payload bits sent by the workers, uplink joules = the workers'
sender joules + the server's receiver joules, uplink messages = messages the
workers sent. For each run it prints, at the first recorded round with
train_loss <= F + E: the round, uplink bits, uplink joules, uplink frames and
the mean compression level (series column compression_level) over the rounds
until then, the simulated seconds, and the joules of the whole network
(comm_energy_j: both directions, and on the radio medium every radio's
energy by state, listening included; uplink joules are not separable there
and print as 0). With --plot it also draws train_loss - F (log y) against uplink
bits and uplink joules, one line per run, into PREFIX_bits.png and
PREFIX_joules.png, and the compression level against rounds into
PREFIX_level.png. Needs Debian's python3-pandas and python3-matplotlib
(/usr/bin/python3).
"""
import argparse
import json
import pathlib
import sys

try:
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"to_target.py: {error}; run with /usr/bin/python3 (Debian's python3-pandas)")


def describe(resolved):
    link = resolved["link"]
    compressor = resolved["compressor"]
    link_name = link["model"]
    if link.get("application_packet_bytes"):
        link_name += f" ({link['application_packet_bytes']} B packets)"
    medium = resolved.get("network", {}).get("medium")
    if medium is not None:
        link_name += f", {medium['kind']} medium"
    kind = compressor["kind"]
    if kind == "cat":
        name = f"cat {compressor['base']} / {compressor['cost']}"
        if compressor.get("common_T"):
            name += " common T"
    elif "k" in compressor and compressor.get("k") is not None:
        name = f"{kind} k={compressor['k']}"
    else:
        name = kind
    if compressor.get("error_feedback"):
        name += " +EF"
    return link_name, name


def run_folders(*folders):
    """The run folders of these sweeps that their manifest lists (folders left
    over from an earlier version of a sweep are skipped), via commsim_results."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import commsim_results as cr
    return [pathlib.Path(folder) for folder in cr.load(*folders).runs["folder"]]


def uplink(run_dir, workers):
    nodes = pd.read_csv(run_dir / "nodes.csv")
    up = nodes[nodes["node"] < workers].groupby("round")
    server = nodes[nodes["node"] == workers].set_index("round")
    frame = pd.DataFrame({
        "uplink_bits": up["payload_bits_sent"].sum(),
        "uplink_frames": up["frames_sent"].sum(),
        "uplink_messages": up["messages_sent"].sum(),
        "uplink_j": up["sender_energy_j"].sum() + server["receiver_energy_j"],
    })
    series = pd.read_csv(run_dir / "series.csv").set_index("round")
    return series.join(frame)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sweep")
    parser.add_argument("--optimum", type=float, required=True, help="f*, the optimal training loss")
    parser.add_argument("--eps", type=float, required=True, help="target suboptimality")
    parser.add_argument("--plot", help="prefix of the figure files")
    args = parser.parse_args()
    rows, curves = [], []
    for run_dir in run_folders(args.sweep):
        if not (run_dir / "nodes.csv").is_file():
            continue
        resolved = json.loads((run_dir / "scenario.resolved.json").read_text())
        link, compressor = describe(resolved)
        data = uplink(run_dir, resolved["nodes"])
        data["suboptimality"] = data["train_loss"] - args.optimum
        curves.append((link, compressor, data))
        reached = data[data["suboptimality"] <= args.eps]
        row = {"link": link, "compressor": compressor}
        if reached.empty:
            row.update(round=None, uplink_bits=None, uplink_j=None, uplink_frames=None, mean_level=None,
                       seconds=None, network_j=None)
        else:
            at = reached.index[0]
            levels = data.loc[1:at, "compression_level"].dropna()
            row.update(round=at, uplink_bits=data.at[at, "uplink_bits"], uplink_j=data.at[at, "uplink_j"],
                       uplink_frames=data.at[at, "uplink_frames"],
                       mean_level=levels.mean() if not levels.empty else None,
                       seconds=data.at[at, "sim_time_s"], network_j=data.at[at, "comm_energy_j"])
        rows.append(row)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_rows", 500):
        print(table.to_string(index=False))
    if args.plot:
        plot(curves, args.plot)


def plot(curves, prefix):
    import matplotlib
    matplotlib.use("Agg")
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    from commsim_results import plotting as cp

    links = sorted({link for link, _, _ in curves})
    frames = []
    for link, compressor, data in curves:
        frame = data.reset_index()
        frame["link"], frame["config"], frame["run"] = link, compressor, f"{link} {compressor}"
        frames.append(frame)
    series = pd.concat(frames, ignore_index=True)
    # One colour and marker per compressor in every panel and figure.
    names = {c: c for c in dict.fromkeys(compressor for _, compressor, _ in curves)}
    levels = {c: c for c in names if c.startswith("cat")}
    figures = (("uplink_bits", "uplink payload bits", "f(x) - f*", names, "bits"),
               ("uplink_j", "uplink energy (J)", "f(x) - f*", names, "joules"),
               ("round", "round", "chosen T (mean over workers)", levels, "level"))
    for x, xlabel, ylabel, shown, suffix in figures:
        # The chosen levels differ by an order of magnitude between links.
        figure, axes = cp.subplots(ncols=len(links), sharey=suffix != "level")
        for axis, link in zip(axes[0], links):
            part = series[series["link"] == link]
            if suffix == "level":
                cp.plot_lines(axis, part, x, "compression_level", names=shown, xlabel=xlabel,
                              ylabel=ylabel)
            else:
                cp.plot_lines(axis, part, x, "suboptimality", names=shown, logx=True, logy=True,
                              xlabel=xlabel, ylabel=ylabel)
            axis.set_title(link)
            if axis is not axes[0][0] and suffix != "level":
                axis.set_ylabel("")
        cp.legend_right(figure, axes)
        cp.finish(figure, f"{prefix}_{suffix}.png")
        print(f"to_target.py: wrote {prefix}_{suffix}.png", file=sys.stderr)


if __name__ == "__main__":
    main()
