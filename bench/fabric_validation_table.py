"""Prints the side-by-side tables of bench/run_fabric_validation.sh from the
raw JSON lines it leaves in one folder (commsim.R.jsonl, simgrid.R.jsonl for
rounds R = 1, 2, ...): per case, the largest relative difference between the
two simulators' finish times of any message (round 1; every round computes
the same), and the CPU time of both simulation loops, medians over rounds.
    python3 bench/fabric_validation_table.py FOLDER
"""
import glob
import json
import statistics
import sys

out = sys.argv[1]


def read(path):
    with open(path) as f:
        return {r["case"]: r for r in map(json.loads, f)}


rounds = {side: [read(p) for p in sorted(glob.glob(f"{out}/{side}.*.jsonl"))]
          for side in ("commsim", "simgrid")}
first_c, first_s = rounds["commsim"][0], rounds["simgrid"][0]

print("| case | messages | last finish, ms | largest relative difference | "
      "commsim CPU, ms | SimGrid CPU, ms | SimGrid / commsim |")
print("|---|---|---|---|---|---|---|")
for case, mine in first_c.items():
    theirs = first_s[case]
    a = [m["finish_s"] for m in mine["messages"]]
    b = [m["finish_s"] for m in theirs["messages"]]
    worst = max(abs(x - y) / y for x, y in zip(a, b))
    cpu_c = statistics.median(r[case]["cpu_s"] for r in rounds["commsim"])
    cpu_s = statistics.median(r[case]["cpu_s"] for r in rounds["simgrid"])
    print(f"| {case} | {len(a)} | {max(a) * 1e3:.4f} | {worst:.1e} | {cpu_c * 1e3:.3f} | "
          f"{cpu_s * 1e3:.3f} | {cpu_s / cpu_c:.1f}x |")
