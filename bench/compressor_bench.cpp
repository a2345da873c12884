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

#include "models/compressors/magnitude_sort.hpp"
#include "models/compressors/registry.hpp"
#include "models/links/registry.hpp"
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
BENCHMARK(BM_NthElementPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SortPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RadixSortPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TopK1Percent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RandK1Percent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Qsgd15Levels)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScaledSign)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatTopKBits)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatTopKEthernetPackets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatSqBits)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatWangniIeee802154Time)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CatBuildIeee802154Table)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace commsim::bench

BENCHMARK_MAIN();
