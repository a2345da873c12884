"""Prints the Markdown tables of bench/run_learning_comparison.sh from the raw
results it leaves in one folder: for workload W and repetition R,
commsim{,_portable,_threads2,_load,_end_only}.W.R.cpu ("user sys real"
seconds) with the run folders
beside them, and learning_bare{,_v3}.W.R.json and torch.W.R.json (one JSON
line each). Times are medians over the repetitions; losses come from
repetition 1 (every side is seeded, so repetitions learn alike).
    python3 bench/learning_comparison_table.py FOLDER ROUND_COUNT
"""
import csv
import glob
import json
import os
import re
import statistics
import sys

out, round_count = sys.argv[1], int(sys.argv[2])
ORDER = ["softmax_ring", "softmax_complete", "mlp_ring", "mlp_complete"]


def cpu_seconds(path):
    user, system = open(path).read().split()[:2]
    return float(user) + float(system)


def wall_seconds(path):
    return float(open(path).read().split()[2])


def reps(side, workload, ext):
    found = glob.glob(os.path.join(out, f"{side}.{workload}.*.{ext}"))
    return sorted(found, key=lambda p: int(re.search(r"\.(\d+)\." + ext + "$", p).group(1)))


def cpu_by_rep(side, workload):
    return [cpu_seconds(p) for p in reps(side, workload, "cpu")]


def median_cpu(side, workload):
    values = cpu_by_rep(side, workload)
    return statistics.median(values) if values else None


def median_wall(side, workload):
    values = [wall_seconds(p) for p in reps(side, workload, "cpu")]
    return statistics.median(values) if values else None


def median_difference(a, b):
    """Median over the repetitions of a - b: the two ran back to back, so
    their difference is steadier than the difference of their medians."""
    pairs = list(zip(a, b))
    return statistics.median(x - y for x, y in pairs) if pairs else None


def peer(side, workload):
    return [json.loads(open(p).read()) for p in reps(side, workload, "json")]


def median_of(rows, key, scale=lambda row: 1.0):
    return statistics.median(row[key] * scale(row) for row in rows) if rows else None


def commsim_row(workload, round_wanted):
    """train_loss and test_accuracy of repetition 1's row at round_wanted."""
    with open(os.path.join(out, f"commsim.{workload}.1", "series.csv")) as f:
        for row in csv.DictReader(f):
            if int(row["round"]) == round_wanted:
                return float(row["train_loss"]), float(row["test_accuracy"])
    return None, None


def seconds(value):
    return "-" if value is None else f"{value:.2f}"


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:.1f}x"


workloads = [w for w in ORDER if reps("commsim", w, "cpu")]
count = len(reps("commsim", workloads[0], "cpu"))
rows = {}
for w in workloads:
    torch_runs = peer("torch", w)
    rows[w] = {
        "commsim": median_cpu("commsim", w),
        "portable": median_cpu("commsim_portable", w),
        "wall_1": median_wall("commsim", w),
        "wall_2": median_wall("commsim_threads2", w),
        "load": median_cpu("commsim_load", w),
        "evaluation": median_difference(cpu_by_rep("commsim", w),
                                        cpu_by_rep("commsim_end_only", w)),
        "rounds": median_difference(cpu_by_rep("commsim_end_only", w),
                                    cpu_by_rep("commsim_load", w)),
        "bare": peer("learning_bare", w),
        "bare_v3": peer("learning_bare_v3", w),
        "torch": torch_runs,
        # the peer may time fewer rounds: scale its time to round_count
        "torch_s": median_of(torch_runs, "rounds_cpu_seconds", lambda r: round_count / r["rounds"]),
        "torch_rounds": torch_runs[0]["rounds"] if torch_runs else None,
    }

print(f"DSGD, 25 nodes, Fashion-MNIST, batch 32, {round_count} rounds; "
      f"CPU seconds (user + sys), medians of {count} repetitions\n")
print("| workload | commsim (s) | bare x86-64-v3 (s) | commsim / bare x86-64-v3 "
      "| commsim portable (s) | bare portable (s) | commsim / bare portable | PyTorch (s) "
      "| PyTorch / commsim |")
print("|---|---|---|---|---|---|---|---|---|")
scaled = False
for w, r in rows.items():
    bare = median_of(r["bare"], "rounds_cpu_seconds")
    bare_v3 = median_of(r["bare_v3"], "rounds_cpu_seconds")
    mark = ""
    if r["torch_rounds"] is not None and r["torch_rounds"] != round_count:
        mark, scaled = " *", True
    print(f"| {w} | {seconds(r['commsim'])} | {seconds(bare_v3)} | {ratio(r['commsim'], bare_v3)} "
          f"| {seconds(r['portable'])} | {seconds(bare)} | {ratio(r['portable'], bare)} "
          f"| {seconds(r['torch_s'])}{mark} | {ratio(r['torch_s'], r['commsim'])} |")
print("\ncommsim: the whole `commsim run --threads 1` (loading, setup, a row with "
      "evaluation every 50 rounds), with the kernels the CPU picks and with "
      "COMMSIM_KERNELS=portable; bare and PyTorch: the rounds alone.")
if scaled:
    print("\\* PyTorch timed " + ", ".join(
        f"{r['torch_rounds']} rounds ({w})" for w, r in rows.items()
        if r["torch_rounds"] not in (None, round_count)) + f", scaled to {round_count}.")

print("\nThreads: wall seconds of the same run with --threads 1 and --threads 2 "
      "(the CPU's kernels)\n")
print("| workload | 1 thread (s) | 2 threads (s) | speed-up |")
print("|---|---|---|---|")
for w, r in rows.items():
    print(f"| {w} | {seconds(r['wall_1'])} | {seconds(r['wall_2'])} "
          f"| {ratio(r['wall_1'], r['wall_2'])} |")

print("\nWhere commsim's time goes (s): load = a run with stop.rounds 1 (loading, "
      "splitting, setup, two evaluations); evaluation = the run above minus one that "
      "evaluates at the end only; rounds = that one minus load (medians of the "
      "differences per repetition)\n")
print("| workload | end to end | load | evaluation | rounds | rounds / bare x86-64-v3 "
      "| PyTorch / commsim rounds |")
print("|---|---|---|---|---|---|---|")
for w, r in rows.items():
    bare_v3 = median_of(r["bare_v3"], "rounds_cpu_seconds")
    print(f"| {w} | {seconds(r['commsim'])} | {seconds(r['load'])} "
          f"| {seconds(r['evaluation'])} | {seconds(r['rounds'])} | {ratio(r['rounds'], bare_v3)} "
          f"| {ratio(r['torch_s'], r['rounds'])} |")

print("\nLoading outside the rounds (s): commsim as above; bare: commsim's loader and "
      "partition; PyTorch: gzip + numpy and reading that split, and start-up "
      "(Python, import torch)\n")
print("| workload | commsim load | bare load | PyTorch load | PyTorch start-up |")
print("|---|---|---|---|---|")
for w, r in rows.items():
    print(f"| {w} | {seconds(r['load'])} | {seconds(median_of(r['bare'], 'load_cpu_seconds'))} "
          f"| {seconds(median_of(r['torch'], 'load_cpu_seconds'))} "
          f"| {seconds(median_of(r['torch'], 'startup_cpu_seconds'))} |")

print("\nAfter the rounds: train_loss of the nodes' average model on 10,000 training rows "
      "(test accuracy)\n")
print("| workload | rounds | commsim | bare portable | bare x86-64-v3 | PyTorch |")
print("|---|---|---|---|---|---|")


def loss(runs):
    return "-" if not runs else f"{runs[0]['train_loss']:.4f} ({runs[0]['test_accuracy']:.3f})"


for w, r in rows.items():
    train_loss, accuracy = commsim_row(w, round_count)
    print(f"| {w} | {round_count} | {train_loss:.4f} ({accuracy:.3f}) | {loss(r['bare'])} "
          f"| {loss(r['bare_v3'])} | {loss(r['torch']) if r['torch_rounds'] == round_count else '-'} |")
    if r["torch_rounds"] not in (None, round_count):
        at = r["torch_rounds"]
        train_loss, accuracy = commsim_row(w, at)
        commsim_cell = "-" if train_loss is None else f"{train_loss:.4f} ({accuracy:.3f})"
        print(f"| {w} | {at} | {commsim_cell} | - | - | {loss(r['torch'])} |")
