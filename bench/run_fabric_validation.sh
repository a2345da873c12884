# The fabric medium against SimGrid's flow model and ns-3's point-to-point
# links and routers (packet mode), message by message, and the flow model's
# speed side by side with SimGrid's in one run (see docs/network.md,
# "Fabric"). Run with bash:
#   bash bench/run_fabric_validation.sh
# Builds fabric_cases (commsim), simgrid_flows (needs Debian's
# libsimgrid-dev) and ns3_packets (libns3-dev, libgsl-dev), writes the cases
# (links, routes and messages as JSON), runs them ROUNDS times (default 3),
# alternately, and prints per case the largest relative difference of any
# delivered message's finish time, messages lost and packets dropped on both
# sides, and the CPU time of both simulation loops (medians over rounds).
#
# Environment: BUILD_DIR (default: build-bench in the repository), ROUNDS,
# OUT_DIR (cases and raw JSON lines; default a fresh temporary directory).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-bench}
rounds=${ROUNDS:-3}
out=${OUT_DIR:-$(mktemp -d)}
mkdir -p "$out/cases" "$out/speed" "$out/packet"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMMSIM_BUILD_TESTS=OFF \
  -DCOMMSIM_BUILD_BENCH=ON -DCOMMSIM_BUILD_PEERS=ON >/dev/null
ninja -C "$build" fabric_cases simgrid_flows ns3_packets >/dev/null

# SimGrid needs two actors per message; without guard pages their stacks fit
# the kernel's default limit on memory mappings.
simgrid=("$build/bench/peers/simgrid_flows" --cfg=contexts/guard-size:0)
for round in $(seq "$rounds"); do
  echo "round $round/$rounds" >&2
  "$build/bench/fabric_cases" "$out/cases" >"$out/commsim.$round.jsonl"
  "$build/bench/fabric_cases" "$out/speed" --speed >>"$out/commsim.$round.jsonl"
  "$build/bench/fabric_cases" "$out/packet" --packet >>"$out/commsim.$round.jsonl"
  "${simgrid[@]}" "$out"/cases/*.json "$out"/speed/*.json >"$out/peer.$round.jsonl"
  "$build/bench/peers/ns3_packets" "$out"/packet/*.json >>"$out/peer.$round.jsonl"
done
echo "raw results: $out" >&2

python3 "$repo/bench/fabric_validation_table.py" "$out"
