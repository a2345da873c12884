# Hold model, commsim vs ns-3, side by side in one run (see docs/performance.md).
# Run with bash: `bash bench/run_hold_comparison.sh` (no interpreter line, so
# that no path outside the repository is written here).
#
# Builds event_queue_bench and ns3_hold (needs Debian's libns3-dev and
# libgsl-dev), then runs ROUNDS rounds; each round runs the commsim benchmarks
# once and the ns-3 peer once, back to back, so that drifting load on a shared
# machine hits both sides alike. Prints a Markdown table of medians over the
# rounds, in events (pop + push pairs) per CPU second, and the ratios of
# commsim to the best ns-3 scheduler at each P.
#
# Environment: BUILD_DIR (default: build-bench in the repository), ROUNDS
# (default 5), OUT_DIR (raw JSON; default a fresh temporary directory),
# NS3_ARGS (extra ns3_hold arguments, e.g. --calendar-max-pending=1000000).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-bench}
rounds=${ROUNDS:-5}
out=${OUT_DIR:-$(mktemp -d)}
mkdir -p "$out"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCOMMSIM_BUILD_BENCH=ON -DCOMMSIM_BUILD_PEERS=ON >/dev/null
ninja -C "$build" event_queue_bench ns3_hold >/dev/null

for round in $(seq "$rounds"); do
  echo "round $round/$rounds" >&2
  "$build/bench/event_queue_bench" --benchmark_filter='BM_(SimulatorHold|EventQueueHold)/' \
    --benchmark_format=json >"$out/commsim.$round.json"
  # shellcheck disable=SC2086  # NS3_ARGS is a list of arguments
  "$build/bench/peers/ns3_hold" --reps=1 ${NS3_ARGS:-} >"$out/ns3.$round.jsonl"
done
echo "raw results: $out" >&2

python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys

out, rounds = sys.argv[1], int(sys.argv[2])
rates = {}  # (series, P) -> per-round events/s
for r in range(1, rounds + 1):
    for b in json.load(open(f"{out}/commsim.{r}.json"))["benchmarks"]:
        name, pending = b["name"].split("/")[:2]
        series = {"BM_SimulatorHold": "commsim Simulator",
                  "BM_EventQueueHold": "commsim EventQueue"}[name]
        rates.setdefault((series, int(pending)), []).append(b["items_per_second"])
    for line in open(f"{out}/ns3.{r}.jsonl"):
        x = json.loads(line)
        rates.setdefault((f"ns-3 {x['scheduler']}", x["pending"]), []).extend(x["events_per_second"])

median = {key: statistics.median(v) for key, v in rates.items()}
pendings = sorted({p for _, p in median})
ns3 = ["ns-3 PriorityQueue", "ns-3 Map", "ns-3 Heap", "ns-3 Calendar"]
columns = ["commsim Simulator", "commsim EventQueue"] + ns3

def cell(series, p):
    v = median.get((series, p))
    return f"{v / 1e6:.2f} M" if v else "n/a"

print(f"Hold model, median of {rounds} rounds, events per CPU second\n")
print("| P | " + " | ".join(columns) + " | Simulator / best ns-3 | EventQueue / best ns-3 |")
print("|---" * (len(columns) + 3) + "|")
for p in pendings:
    best = max((median[(s, p)], s) for s in ns3 if (s, p) in median)
    sim = median[("commsim Simulator", p)] / best[0]
    queue = median[("commsim EventQueue", p)] / best[0]
    print(f"| {p:,} | " + " | ".join(cell(s, p) for s in columns)
          + f" | {sim:.2f}x ({best[1][5:]}) | {queue:.2f}x |")
PY
