"""Prints the side-by-side table of bench/run_fabric_validation.sh from the
raw JSON lines it leaves in one folder (commsim.R.jsonl, peer.R.jsonl for
rounds R = 1, 2, ...): per case, the largest relative difference between the
finish times of the messages both delivered (round 1; every round computes
the same), messages lost and packets dropped on both sides, and the CPU time
of both simulation loops, medians over the rounds.
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
          for side in ("commsim", "peer")}
first_c, first_p = rounds["commsim"][0], rounds["peer"][0]

print("| case | peer | messages | last finish, ms | largest relative difference | lost (commsim, peer) "
      "| packets dropped | commsim CPU, ms | peer CPU, ms | peer / commsim |")
print("|---|---|---|---|---|---|---|---|---|---|")
for case, mine in first_c.items():
    theirs = first_p[case]
    a = [m["finish_s"] for m in mine["messages"]]
    b = [m["finish_s"] for m in theirs["messages"]]
    both = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    worst = max((abs(x - y) / y for x, y in both), default=0.0)
    lost = (sum(x is None for x in a), sum(y is None for y in b))
    drops = f"{mine.get('drops', 0)}, {theirs.get('drops', 0)}" if "drops" in theirs else "-"
    cpu_c = statistics.median(r[case]["cpu_s"] for r in rounds["commsim"])
    cpu_p = statistics.median(r[case]["cpu_s"] for r in rounds["peer"])
    last = max(x for x, _ in both) if both else float("nan")
    print(f"| {case} | {theirs['simulator']} | {len(a)} | {last * 1e3:.4f} | {worst:.1e} | "
          f"{lost[0]}, {lost[1]} | {drops} | {cpu_c * 1e3:.3f} | {cpu_p * 1e3:.3f} | "
          f"{cpu_p / cpu_c:.1f}x |")
