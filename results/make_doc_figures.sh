#!/usr/bin/env bash
# Reruns the studies behind docs/figures/*.png and redraws every figure.
#
#   results/make_doc_figures.sh [--only NAME]... [--list] [--plot-only]
#
# For every study (NAME = the scenario's name, --list prints them) it runs
# `commsim sweep scenarios/NAME.json` into $RESULTS/NAME (a rerun resumes:
# only runs that are missing or whose resolved scenario changed are
# simulated), writes the study script's tables to $RESULTS/NAME.tables.md
# where it has one, and draws the study's figures into docs/figures/ with
# results/plot.py or the study script (all in the style of
# results/commsim_results/plotting.py). --plot-only skips the simulations
# and redraws from what $RESULTS holds. The last "study", results_in_pandas,
# reruns the notebook page docs/results-in-pandas.md on
# results/topology_x_compressor (its printed outputs and its figure).
#
# Environment: RESULTS (default results), JOBS (sweep --jobs, default 2),
# COMMSIM (default build/app/commsim), PYTHON (default /usr/bin/python3, which
# sees Debian's python3-pandas and python3-matplotlib), FIGURES (default
# docs/figures). Wall times with JOBS=2 on the 2-core machine the docs were
# made on, shared with two other jobs: quickstart, consensus_topologies,
# choco_vs_dcd, cat_four_nodes, the three radio studies and datacenter
# 4-45 s each; ps_vs_gossip 25 s; cat_single_worker 1.5 min;
# fmnist_topologies 2 min; mlp_topologies 16.5 min; topology_x_compressor
# about 45-60 min.
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-results}
JOBS=${JOBS:-2}
COMMSIM=${COMMSIM:-build/app/commsim}
PYTHON=${PYTHON:-/usr/bin/python3}
FIGURES=${FIGURES:-docs/figures}

STUDIES=(quickstart consensus_topologies fmnist_topologies mlp_topologies ps_vs_gossip
         choco_vs_dcd cat_single_worker cat_four_nodes consensus_topologies_radio
         ps_vs_gossip_radio iot_radio datacenter topology_x_compressor results_in_pandas)

only=()
plot_only=false
while (($#)); do
  case $1 in
    --only) only+=("$2"); shift 2 ;;
    --plot-only) plot_only=true; shift ;;
    --list) printf '%s\n' "${STUDIES[@]}"; exit 0 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make_doc_figures.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
for name in "${only[@]}"; do
  if [[ " ${STUDIES[*]} " != *" $name "* ]]; then
    echo "make_doc_figures.sh: no study $name; studies: ${STUDIES[*]}" >&2
    exit 2
  fi
done
mkdir -p "$RESULTS" "$FIGURES"

plot() { "$PYTHON" results/plot.py "$@"; }
sweep() {  # sweep NAME: the study's sweep into $RESULTS/NAME, resumed
  $plot_only && return 0
  "$COMMSIM" sweep "scenarios/$1.json" --out "$RESULTS/$1" --jobs "$JOBS" --quiet
}

study_quickstart() {
  $plot_only || "$COMMSIM" run scenarios/quickstart.json --out "$RESULTS/quickstart" --quiet
  plot "$RESULTS/quickstart" --x time -o "$FIGURES/quickstart.png" \
    --title "quickstart: 16 nodes, 1-peer exponential graph, 802.15.4"
}

study_consensus_topologies() {
  sweep consensus_topologies
  local by=(--label-by topology.kind,topology.k)
  plot "$RESULTS/consensus_topologies" --x rounds "${by[@]}" \
    -o "$FIGURES/consensus_topologies_rounds.png" --title "consensus, 25 nodes, 802.15.4"
  plot "$RESULTS/consensus_topologies" --x time "${by[@]}" \
    -o "$FIGURES/consensus_topologies_time.png" --title "consensus, 25 nodes, 802.15.4"
}

study_fmnist_topologies() {
  sweep fmnist_topologies
  local by=(--label-by topology.kind,topology.k)
  plot "$RESULTS/fmnist_topologies" --y test_accuracy --ylim 0.6 0.86 "${by[@]}" \
    -o "$FIGURES/fmnist_topologies_accuracy.png" \
    --title "DSGD, softmax on Fashion-MNIST, 25 nodes, Dirichlet 0.1"
  plot "$RESULTS/fmnist_topologies" --y consensus_error "${by[@]}" \
    -o "$FIGURES/fmnist_topologies_consensus.png" \
    --title "DSGD, softmax on Fashion-MNIST, 25 nodes, Dirichlet 0.1"
}

study_mlp_topologies() {
  sweep mlp_topologies
  local by=(--label-by topology.kind,topology.k)
  plot "$RESULTS/mlp_topologies" --y test_accuracy --ylim 0.6 0.88 "${by[@]}" \
    -o "$FIGURES/mlp_topologies_accuracy.png" \
    --title "DSGD, MLP on Fashion-MNIST, 25 nodes, plain Dirichlet 0.05"
  plot "$RESULTS/mlp_topologies" --y train_loss "${by[@]}" \
    -o "$FIGURES/mlp_topologies_loss.png" \
    --title "DSGD, MLP on Fashion-MNIST, 25 nodes, plain Dirichlet 0.05"
}

study_ps_vs_gossip() {
  sweep ps_vs_gossip
  local by=(--label-by algorithm.kind) r="$RESULTS/ps_vs_gossip"
  plot "$r" --filter link.model=ethernet --x time --y test_accuracy --ylim 0.6 0.86 "${by[@]}" \
    -o "$FIGURES/ps_vs_gossip_ethernet.png" --title "1 GbE: accuracy against simulated time"
  plot "$r" --filter link.model=ieee802154 --x time --logx --y test_accuracy --ylim 0.6 0.86 \
    "${by[@]}" -o "$FIGURES/ps_vs_gossip_802154.png" \
    --title "IEEE 802.15.4: accuracy against simulated time"
  plot "$r" --filter link.model=ieee802154 --x energy --logx --y test_accuracy --ylim 0.6 0.86 \
    "${by[@]}" -o "$FIGURES/ps_vs_gossip_802154_energy.png" \
    --title "IEEE 802.15.4: accuracy against joules"
}

study_choco_vs_dcd() {
  sweep choco_vs_dcd
  # Exact DSGD, CHOCO with 1 % top-k and rand-k, and naive DSGD with the same.
  plot "$RESULTS/choco_vs_dcd" --filter algorithm.kind=choco,dsgd \
    --filter compressor.kind=none,top_k,rand_k --x bits --logx --y train_loss \
    --label-by algorithm.kind,compressor.kind,algorithm.gamma \
    -o "$FIGURES/choco_vs_dcd_bits.png" --title "logistic regression, ring of 9, lr 0.1"
}

study_cat_single_worker() {
  sweep cat_single_worker
  "$PYTHON" results/to_target.py "$RESULTS/cat_single_worker" --optimum 0.3876 --eps 0.0501 \
    --plot "$FIGURES/cat_single_worker" > "$RESULTS/cat_single_worker.tables.md"
}

study_cat_four_nodes() {
  sweep cat_four_nodes
  "$PYTHON" results/to_target.py "$RESULTS/cat_four_nodes" --optimum 0.3876 --eps 0.0501 \
    --plot "$FIGURES/cat_four_nodes" > "$RESULTS/cat_four_nodes.tables.md"
}

study_consensus_topologies_radio() {
  sweep consensus_topologies_radio
  "$PYTHON" results/media_study.py "$RESULTS/consensus_topologies_radio" \
    --plot "$FIGURES/consensus_topologies_radio" > "$RESULTS/consensus_topologies_radio.tables.md"
}

study_ps_vs_gossip_radio() {
  sweep ps_vs_gossip_radio
  "$PYTHON" results/media_study.py "$RESULTS/ps_vs_gossip_radio" --metric test_accuracy \
    --plot "$FIGURES/ps_vs_gossip_radio" > "$RESULTS/ps_vs_gossip_radio.tables.md"
}

study_iot_radio() {
  sweep iot_radio
  "$PYTHON" results/media_study.py "$RESULTS/iot_radio" --metric test_accuracy \
    --plot "$FIGURES/iot_radio" > "$RESULTS/iot_radio.tables.md"
}

study_datacenter() {
  sweep datacenter
  "$PYTHON" results/datacenter_study.py "$RESULTS/datacenter" \
    --plot "$FIGURES/datacenter.png" > "$RESULTS/datacenter.tables.md"
}

study_topology_x_compressor() {
  sweep topology_x_compressor
  local r="$RESULTS/topology_x_compressor"
  "$PYTHON" results/topology_x_compressor.py "$r" --plot "$FIGURES/topology_x_compressor" \
    > "$RESULTS/topology_x_compressor.tables.md"
  # Cost to the softmax target, one marker per topology x compressor.
  plot "$r" --kind pareto --filter task.kind=softmax --target test_accuracy=0.78 \
    --x time_to_target_s --y energy_to_target_j --logx --logy --panel-by nodes \
    --color-by compressor.kind --marker-by topology.kind,topology.k \
    -o "$FIGURES/topology_x_compressor_pareto.png" \
    --title "softmax on Fashion-MNIST, 802.15.4: cost to test accuracy 0.78 (mean of 3 seeds)"
}

study_results_in_pandas() {
  # docs/results-in-pandas.md is a notebook on results/topology_x_compressor:
  # rerunning its code blocks rewrites their printed output and its figure.
  if [[ $RESULTS != results ]]; then
    echo "make_doc_figures.sh: results_in_pandas reads results/topology_x_compressor;" \
         "skipped with RESULTS=$RESULTS" >&2
    return 0
  fi
  sweep topology_x_compressor
  "$PYTHON" results/run_doc_page.py docs/results-in-pandas.md
}

for name in "${STUDIES[@]}"; do
  if ((${#only[@]})) && [[ " ${only[*]} " != *" $name "* ]]; then
    continue
  fi
  start=$SECONDS
  echo "make_doc_figures.sh: $name" >&2
  "study_$name"
  echo "make_doc_figures.sh: $name done in $((SECONDS - start)) s" >&2
done
