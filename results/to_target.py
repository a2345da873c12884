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
    for run_dir in sorted(pathlib.Path(args.sweep).glob("*/nodes.csv")):
        run_dir = run_dir.parent
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
    import matplotlib.pyplot as plt

    links = sorted({link for link, _, _ in curves})
    for x, label in (("uplink_bits", "uplink payload bits"), ("uplink_j", "uplink energy (J)")):
        figure, axes = plt.subplots(1, len(links), figsize=(6 * len(links), 4.5), squeeze=False)
        for ax, link in zip(axes[0], links):
            for curve_link, compressor, data in curves:
                if curve_link != link:
                    continue
                positive = data[data["suboptimality"] > 0]
                ax.plot(positive[x], positive["suboptimality"], label=compressor,
                        linestyle="-" if compressor.startswith("cat") else "--")
            ax.set_yscale("log")
            ax.set_xscale("log")
            ax.set_xlabel(label)
            ax.set_ylabel("f(x) - f*")
            ax.set_title(link)
            ax.legend(fontsize=7)
        figure.tight_layout()
        figure.savefig(f"{prefix}_{'bits' if x == 'uplink_bits' else 'joules'}.png", dpi=110)
    figure, axes = plt.subplots(1, len(links), figsize=(6 * len(links), 4), squeeze=False)
    for ax, link in zip(axes[0], links):
        for curve_link, compressor, data in curves:
            if curve_link == link and compressor.startswith("cat"):
                ax.plot(data.index, data["compression_level"], label=compressor)
        ax.set_xlabel("round")
        ax.set_ylabel("chosen T (mean over workers)")
        ax.set_title(link)
        ax.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(f"{prefix}_level.png", dpi=110)


if __name__ == "__main__":
    main()
