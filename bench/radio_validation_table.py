"""Prints the side-by-side tables of bench/run_radio_validation.sh from the raw
JSON lines it leaves in one folder (commsim.R.jsonl, ns3.R.jsonl for rounds
R = 1, 2, ...): the results of round 1 (every round simulates the same
seeds), and the speed of both as medians over the rounds.
    python3 bench/radio_validation_table.py FOLDER
"""
import glob, json, statistics, sys

out = sys.argv[1]

def read(path):
    rows = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            rows.setdefault(r["case"], []).append(r)
    return rows

rounds = {side: [read(p) for p in sorted(glob.glob(f"{out}/{side}.*.jsonl"))]
          for side in ("commsim", "ns3")}
runs = {}
for side in ("commsim", "ns3"):
    for case, rows in rounds[side][0].items():
        runs[(case, side)] = rows

cases = []
for case, _ in runs:
    if case not in cases:
        cases.append(case)

def mean_sd(rows, key):
    values = [r[key] for r in rows if r[key] is not None]
    if not values:
        return None, None
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)

def cell(rows, key, scale, digits):
    m, sd = mean_sd(rows, key)
    if m is None:
        return "-"
    return f"{m * scale:.{digits}f} ({sd * scale:.{digits}f})"

def diff(a_rows, b_rows, key):
    a, _ = mean_sd(a_rows, key)
    b, _ = mean_sd(b_rows, key)
    if a is None or b is None or b == 0:
        return "-"
    return f"{100.0 * (a - b) / b:+.1f} %"

metrics = [
    ("messages_delivered", "delivered", 1, 2),
    ("last_delivery_s", "last delivery, ms", 1e3, 1),
    ("all_done_s", "all done, ms", 1e3, 1),
    ("data_tx", "data frames sent", 1, 1),
    ("frames_lost", "data frames lost", 1, 1),
    ("cca_failures", "CCA failures", 1, 2),
    ("retries", "retransmissions", 1, 1),
    ("energy_j", "energy, mJ", 1e3, 2),
]
n = len(runs[(cases[0], "commsim")])
print(f"Means over {n} seeds (standard deviation in brackets); difference of the means.\n")
print("| case | metric | commsim | ns-3 | difference |")
print("|---|---|---|---|---|")
for case in cases:
    c, s = runs[(case, "commsim")], runs[(case, "ns3")]
    for key, label, scale, digits in metrics:
        print(f"| {case} | {label} | {cell(c, key, scale, digits)} | {cell(s, key, scale, digits)} "
              f"| {diff(c, s, key)} |")

def per_frame(rows):
    return sum(r["cpu_s"] for r in rows) / sum(r["data_tx"] for r in rows)

print(f"\nSpeed: CPU seconds of the simulation loops per data frame sent, all seeds together; "
      f"medians over {len(rounds['commsim'])} rounds.\n")
print("| case | commsim, us/frame | ns-3, us/frame | ns-3 / commsim |")
print("|---|---|---|---|")
for case in cases:
    per_c = statistics.median(per_frame(r[case]) for r in rounds["commsim"])
    per_s = statistics.median(per_frame(r[case]) for r in rounds["ns3"])
    print(f"| {case} | {per_c * 1e6:.2f} | {per_s * 1e6:.2f} | {per_s / per_c:.0f}x |")
