// Compressors on one 1M-float Gaussian vector, against the two baselines that
// bound them: one std::nth_element pass (what top-k selection must do) and a
// plain memory pass (copy, sum). bytes_per_second counts the 4 MB input read
// once per encode, so "GB/s" compares directly with the memory passes.
// See docs/performance.md for the table and how it was produced.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <vector>

#include "models/compressors/cat_levels.hpp"
#include "models/compressors/cost_probe.hpp"
#include "models/compressors/magnitude_sort.hpp"
#include "models/compressors/registry.hpp"
#include "models/links/registry.hpp"
#include "sim/kernel/coordinate_coins.hpp"
#include "sim/kernel/rng.hpp"

namespace commsim::bench {
namespace {

constexpr std::size_t kDimension = 1'000'000;

const std::vector<float>& gradient() {
  static const std::vector<float> g = [] {
    Rng rng(1, "compressor bench vector");
    std::vector<float> v(kDimension);
    for (float& x : v)
      x = static_cast<float>(rng.normal());
    return v;
  }();
  return g;
}

void count_input(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kDimension * sizeof(float)));
}

// --- Baselines.

void BM_MemcpyPass(benchmark::State& state) {
  const auto& g = gradient();
  std::vector<float> out(g.size());
  for (auto _ : state) {
    std::memcpy(out.data(), g.data(), g.size() * sizeof(float));
    benchmark::ClobberMemory();
  }
  count_input(state);
}

void BM_SumPass(benchmark::State& state) {
  const auto& g = gradient();
  for (auto _ : state) {
    double sum = 0.0;
    for (float x : g)
      sum += std::fabs(static_cast<double>(x));
    benchmark::DoNotOptimize(sum);
  }
  count_input(state);
}

// Read the vector and write a fresh one of the same size: the least a dense
// quantizer does (every compressor returns its decoded vector).
void BM_ScaleIntoFreshPass(benchmark::State& state) {
  const auto& g = gradient();
  for (auto _ : state) {
    std::vector<float> out(g.size());
    for (std::size_t i = 0; i < g.size(); ++i)
      out[i] = 0.5f * g[i];
    benchmark::DoNotOptimize(out.data());
  }
  count_input(state);
}

// One counter-based coin per coordinate (qsgd's, terngrad's rounding), written
// to a vector.
void BM_CoinPass(benchmark::State& state) {
  const auto& g = gradient();
  Rng rng(3, "compressor bench coins");
  std::vector<float> coins(g.size());
  for (auto _ : state) {
    CoordinateCoins(rng).fill(0, coins);
    benchmark::DoNotOptimize(coins.data());
  }
  count_input(state);
}

// One selection of the 1% largest magnitudes on a copy of the values.
void BM_NthElementPass(benchmark::State& state) {
  const auto& g = gradient();
  std::vector<float> work(g.size());
  const std::size_t k = g.size() / 100;
  for (auto _ : state) {
    std::copy(g.begin(), g.end(), work.begin());
    std::nth_element(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(k), work.end(),
                     [](float a, float b) { return std::fabs(a) > std::fabs(b); });
    benchmark::DoNotOptimize(work[k]);
  }
  count_input(state);
}

// A full descending sort of the magnitudes: CAT's O(d log d) step.
void BM_SortPass(benchmark::State& state) {
  const auto& g = gradient();
  std::vector<float> work(g.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < g.size(); ++i)
      work[i] = std::fabs(g[i]);
    std::sort(work.begin(), work.end(), std::greater<>());
    benchmark::DoNotOptimize(work[0]);
  }
  count_input(state);
}

// The same with the radix sort CAT uses.
void BM_RadixSortPass(benchmark::State& state) {
  const auto& g = gradient();
  for (auto _ : state) {
    const std::vector<float> sorted = descending_magnitudes(g);
    benchmark::DoNotOptimize(sorted.data());
  }
  count_input(state);
}

// --- Compressors, built through the registry as a scenario builds them.

void encode_loop(benchmark::State& state, const nlohmann::json& block,
                 std::shared_ptr<const LinkModel> link = nullptr) {
  const auto& g = gradient();
  const auto compressor = make_compressor(block, "compressor", g.size(), std::move(link));
  Rng rng(2, "compressor bench");
  std::int64_t level = 0;
  for (auto _ : state) {
    const Encoded out = compressor->encode(g, rng);
    level = out.level;
    benchmark::DoNotOptimize(out.decoded.data());
  }
  count_input(state);
  state.counters["level"] = static_cast<double>(level);
}

void BM_TopK1Percent(benchmark::State& state) {
  encode_loop(state, {{"kind", "top_k"}, {"ratio", 0.01}});
}
void BM_RandK1Percent(benchmark::State& state) {
  encode_loop(state, {{"kind", "rand_k"}, {"ratio", 0.01}});
}
void BM_Qsgd15Levels(benchmark::State& state) {
  encode_loop(state, {{"kind", "qsgd"}, {"levels", 15}});
}
void BM_Qsgd15LevelsElias(benchmark::State& state) {
  encode_loop(state, {{"kind", "qsgd"}, {"levels", 15}, {"coding", "elias"}});
}
void BM_TernGrad(benchmark::State& state) {
  encode_loop(state, {{"kind", "terngrad"}});
}
void BM_Sign(benchmark::State& state) {
  encode_loop(state, {{"kind", "sign"}});
}
void BM_ScaledSign(benchmark::State& state) {
  encode_loop(state, {{"kind", "scaled_sign"}});
}

void BM_CatTopKBits(benchmark::State& state) {
  encode_loop(state, {{"kind", "cat"}, {"base", "top_k"}, {"cost", "bits"}});
}
void BM_CatTopKEthernetPackets(benchmark::State& state) {
  encode_loop(state, {{"kind", "cat"}, {"base", "top_k"}, {"cost", "packets"}},
              make_link_model({{"model", "ethernet"}}, "link"));
}
void BM_CatSqBits(benchmark::State& state) {
  encode_loop(state, {{"kind", "cat"}, {"base", "sq"}, {"cost", "bits"}});
}
void BM_CatWangniIeee802154Time(benchmark::State& state) {
  encode_loop(state, {{"kind", "cat"}, {"base", "wangni"}, {"cost", "time"}},
              make_link_model({{"model", "ieee802154"}}, "link"));
}

// CAT's criterion alone (sort, alpha(T) for every T, arg-max of alpha/Cost
// over Ethernet packet counts), S+Q, at d = 10^5 .. 10^7 (state.range(0)):
// it is a radix sort plus O(d) passes, so the time per coordinate should
// stay flat rather than grow like log d. The whole encode adds the message,
// whose dense decoded vector is a fresh allocation of 4d bytes.
std::vector<float> gaussian(std::size_t d) {
  Rng rng(4, "compressor bench scaling vector");
  std::vector<float> g(d);
  for (float& x : g)
    x = static_cast<float>(rng.normal());
  return g;
}

void BM_CatCriterionScaling(benchmark::State& state) {
  const auto d = static_cast<std::size_t>(state.range(0));
  const std::vector<float> g = gaussian(d);
  const auto link = make_link_model({{"model", "ethernet"}}, "link");
  const CostProbe probe(CostMetric::kPackets, link);
  std::vector<double> costs(d);
  for (std::size_t t = 1; t <= d; ++t)
    costs[t - 1] = probe(level_payload_bits(CatBase::kSparseSign, t, {32, 32}));
  LevelQualities q;
  std::size_t level = 0;
  for (auto _ : state) {
    level_qualities(g, CatBase::kSparseSign, q);
    level = most_efficient_level(q.alpha, costs);
    benchmark::DoNotOptimize(level);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(d));
  state.counters["level"] = static_cast<double>(level);
}

void BM_CatSqEthernetScaling(benchmark::State& state) {
  const auto d = static_cast<std::size_t>(state.range(0));
  const std::vector<float> g = gaussian(d);
  const auto compressor =
      make_compressor({{"kind", "cat"}, {"base", "sq"}, {"cost", "packets"}}, "compressor", d,
                      make_link_model({{"model", "ethernet"}}, "link"));
  Rng rng(2, "compressor bench");
  for (auto _ : state) {
    const Encoded out = compressor->encode(g, rng);
    benchmark::DoNotOptimize(out.decoded.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(d));
}

// Building CAT prices all 10^6 levels once (the cost table); 802.15.4 is the
// model whose expected cost used to loop over the frames.
void BM_CatBuildIeee802154Table(benchmark::State& state) {
  const auto link = make_link_model({{"model", "ieee802154"}}, "link");
  for (auto _ : state) {
    auto compressor =
        make_compressor({{"kind", "cat"}, {"cost", "time"}}, "compressor", kDimension, link);
    benchmark::DoNotOptimize(compressor.get());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kDimension));
}

BENCHMARK(BM_MemcpyPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SumPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScaleIntoFreshPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CoinPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NthElementPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SortPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RadixSortPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopK1Percent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RandK1Percent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Qsgd15Levels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Qsgd15LevelsElias)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TernGrad)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScaledSign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatTopKBits)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatTopKEthernetPackets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatSqBits)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatWangniIeee802154Time)->Unit(benchmark::kMillisecond);
// At least 2 s each: the first encode at d = 10^7 touches 200 MB of fresh
// buffers, which a simulation pays once per run, not per message.
BENCHMARK(BM_CatCriterionScaling)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->MinTime(2.0)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatSqEthernetScaling)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->MinTime(2.0)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatBuildIeee802154Table)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace commsim::bench

BENCHMARK_MAIN();
