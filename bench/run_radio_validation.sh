# The radio medium against ns-3's lr-wpan, side by side in one run (see
# docs/network.md, "Validation"). Run with bash:
#   bash bench/run_radio_validation.sh
# Builds radio_cases (commsim) and ns3_lrwpan (needs Debian's libns3-dev and
# libgsl-dev), runs both on every case for SEEDS (default 1..20), and prints a
# Markdown table of means (standard deviations in brackets) and the speed of
# both per simulated data frame (CPU seconds of the simulation loops only).
# Both programs run ROUNDS times (default 3), alternately, so that drifting
# load on a shared machine hits both alike; speeds are medians over rounds.
#
# Environment: BUILD_DIR (default: build-bench in the repository), SEEDS
# (FIRST..LAST), ROUNDS, OUT_DIR (raw JSON lines; default a fresh temporary
# directory).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-bench}
seeds=${SEEDS:-1..20}
rounds=${ROUNDS:-3}
out=${OUT_DIR:-$(mktemp -d)}
mkdir -p "$out"

cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMMSIM_BUILD_TESTS=OFF \
  -DCOMMSIM_BUILD_BENCH=ON -DCOMMSIM_BUILD_PEERS=ON >/dev/null
ninja -C "$build" radio_cases ns3_lrwpan >/dev/null

for round in $(seq "$rounds"); do
  echo "round $round/$rounds" >&2
  "$build/bench/radio_cases" --case=all --seeds="$seeds" >"$out/commsim.$round.jsonl"
  "$build/bench/peers/ns3_lrwpan" --case=all --seeds="$seeds" >"$out/ns3.$round.jsonl"
done
echo "raw results: $out" >&2

python3 "$repo/bench/radio_validation_table.py" "$out"
