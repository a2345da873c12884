# Learning speed three ways on the same DSGD rounds (see docs/performance.md,
# "Learning: commsim vs bare arithmetic vs PyTorch"). Run with bash:
#   bash bench/run_learning_comparison.sh
# (no interpreter line, so that no path outside the repository is written here).
#
# Workloads: bench/learning/{softmax,mlp}_{ring,complete}.json, 25 nodes,
# DSGD with heavy ball on Fashion-MNIST, batch 32. Three sides, each timed in
# CPU seconds (user + sys):
#   commsim  the whole `commsim run --threads 1` (loading, the rounds, a series
#            row with evaluation every 50 rounds) with the kernels the CPU
#            picks, and with COMMSIM_KERNELS=portable; again with stop.rounds 1
#            (loading and setup) and with record.every ROUND_COUNT (evaluation
#            at the end only); and with --threads 2 (wall seconds);
#   bare     bench/learning_bare.cpp, the rounds alone in a tight Eigen loop,
#            built portably (learning_bare) and for x86-64-v3 (learning_bare_v3);
#   PyTorch  bench/peers/torch_dsgd.py, the rounds alone, one thread, on the
#            nodes' shards of commsim (written by learning_bare --split-out).
# Each repetition runs every side once per workload, back to back, so that
# drifting load on a shared machine hits all alike; the table gives medians.
#
# Environment: BUILD_DIR (default: build-bench in the repository), ROUNDS
# (repetitions, default 3), ROUND_COUNT (DSGD rounds, default 2000),
# PEER_MLP_ROUNDS (rounds PyTorch runs on the MLP workloads, default 500, its
# time scaled to ROUND_COUNT in the table), WORKLOADS (default all four),
# OUT_DIR (raw results; default a fresh temporary directory), PYTHON (an
# interpreter that imports torch and numpy; default python3), CMAKE_ARGS
# (extra configure arguments, e.g. a compiler launcher), JOBS (build jobs).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-bench}
rounds=${ROUNDS:-3}
round_count=${ROUND_COUNT:-2000}
peer_mlp_rounds=${PEER_MLP_ROUNDS:-500}
if ((peer_mlp_rounds > round_count)); then
  peer_mlp_rounds=$round_count
fi
workloads=${WORKLOADS:-softmax_ring softmax_complete mlp_ring mlp_complete}
python=${PYTHON:-python3}
out=${OUT_DIR:-$(mktemp -d)}
mkdir -p "$out"

"$python" -c 'import numpy, torch' || {
  echo "run_learning_comparison.sh: $python cannot import torch and numpy; set PYTHON" >&2
  exit 1
}
# shellcheck disable=SC2086  # CMAKE_ARGS is a list of arguments
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOMMSIM_BUILD_TESTS=OFF \
  -DCOMMSIM_BUILD_BENCH=ON ${CMAKE_ARGS:-} >/dev/null
ninja -C "$build" ${JOBS:+-j "$JOBS"} commsim learning_bare learning_bare_v3 >/dev/null

# commsim_run NAME SCENARIO [--set PATH=VALUE]...: one run into $out/NAME/,
# its CPU and wall seconds ("user sys real", from bash's time) in $out/NAME.cpu.
commsim_run() {
  local name=$1 scenario=$2
  shift 2
  local TIMEFORMAT='%3U %3S %3R'
  { time "$build/app/commsim" run "$scenario" "$@" --out "$out/$name" --quiet \
    >"$out/$name.log" 2>&1; } 2>"$out/$name.cpu"
}

for rep in $(seq "$rounds"); do
  for workload in $workloads; do
    echo "repetition $rep/$rounds: $workload" >&2
    model=${workload%_*}
    topology=${workload#*_}
    scenario=$repo/bench/learning/$workload.json
    commsim_run "commsim.$workload.$rep" "$scenario" --threads 1 --set "stop.rounds=$round_count"
    COMMSIM_KERNELS=portable commsim_run "commsim_portable.$workload.$rep" "$scenario" \
      --threads 1 --set "stop.rounds=$round_count"
    commsim_run "commsim_threads2.$workload.$rep" "$scenario" --threads 2 \
      --set "stop.rounds=$round_count"
    commsim_run "commsim_load.$workload.$rep" "$scenario" --threads 1 --set stop.rounds=1
    commsim_run "commsim_end_only.$workload.$rep" "$scenario" --threads 1 \
      --set "stop.rounds=$round_count" --set "record.every=$round_count"
    # The portable run writes its split (commsim's) for PyTorch to learn on.
    "$build/bench/learning_bare" --model="$model" --topology="$topology" --rounds="$round_count" \
      --split-out="$out/split.json" >"$out/learning_bare.$workload.$rep.json"
    "$build/bench/learning_bare_v3" --model="$model" --topology="$topology" \
      --rounds="$round_count" >"$out/learning_bare_v3.$workload.$rep.json"
    peer_rounds=$round_count
    if [[ $model == mlp ]]; then
      peer_rounds=$peer_mlp_rounds
    fi
    OMP_NUM_THREADS=1 "$python" "$repo/bench/peers/torch_dsgd.py" --model "$model" \
      --topology "$topology" --rounds "$peer_rounds" --split "$out/split.json" \
      >"$out/torch.$workload.$rep.json"
  done
done
echo "raw results: $out" >&2

"$python" "$repo/bench/learning_comparison_table.py" "$out" "$round_count"
