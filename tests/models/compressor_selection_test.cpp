// Deterministic behaviour: top-k selection and ties, S+Q, sign and scaled
// sign decoding, determinism per seed, registry.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "models/compressors/collective.hpp"
#include "models/compressors/magnitude_sort.hpp"
#include "models/compressors/registry.hpp"
#include "models/compressors/top_k_select.hpp"

using namespace commsim;

namespace {

const std::vector<float> kSpecVector = {0.5f, -2.0f, 1.0f, 0.1f, -3.0f};  // worked example

Encoded run(const nlohmann::json& block, const std::vector<float>& v, std::uint64_t seed = 1) {
  Rng rng(seed, "compressor test");
  return make_compressor(block, "compressor", v.size())->encode(v, rng);
}

}  // namespace

TEST_CASE("compressor top_k keeps the largest magnitudes (top_2 = {4, 1})") {
  CHECK(top_k_indices(kSpecVector, 2) == std::vector<std::size_t>{1, 4});
  const Encoded out = run({{"kind", "top_k"}, {"k", 2}}, kSpecVector);
  CHECK(out.decoded == std::vector<float>{0.0f, -2.0f, 0.0f, 0.0f, -3.0f});
  CHECK(out.payload_bits == 70);  // P_top(2) = 2 * (3 + 32)
  CHECK(run({{"kind", "top_k"}, {"k", 5}}, kSpecVector).decoded == kSpecVector);
}

TEST_CASE("compressor top_k tie rule: smaller index wins among equal magnitudes") {
  const std::vector<float> v = {1.0f, -2.0f, 2.0f, 0.5f, -2.0f, 2.0f};
  CHECK(top_k_indices(v, 1) == std::vector<std::size_t>{1});
  CHECK(top_k_indices(v, 2) == std::vector<std::size_t>{1, 2});
  CHECK(top_k_indices(v, 3) == std::vector<std::size_t>{1, 2, 4});
  CHECK(top_k_indices(v, 5) == std::vector<std::size_t>{0, 1, 2, 4, 5});
  const std::vector<float> flat(1001, 0.25f);
  const auto chosen = top_k_indices(flat, 10);
  for (std::size_t i = 0; i < chosen.size(); ++i)
    CHECK(chosen[i] == i);
}

TEST_CASE("top-k from a known k-th magnitude selects exactly what the selection does, ties too") {
  // Small integer magnitudes with both signs: many ties at every threshold.
  Rng rng(5, "top-k at threshold test");
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<float> v(97);
    for (float& x : v)
      x = static_cast<float>(static_cast<int>(rng.uniform_below(9)) - 4);
    const std::vector<float> sorted = descending_magnitudes(v);
    for (std::size_t k = 1; k <= v.size(); ++k)
      REQUIRE(top_k_indices_at(v, k, sorted[k - 1]) == top_k_indices(v, k));
  }
}

TEST_CASE("compressor sq: top-T support, signs, scalar ||g_T||_1/T") {
  const Encoded out = run({{"kind", "sq"}, {"k", 2}}, kSpecVector);
  CHECK(out.decoded == std::vector<float>{0.0f, -2.5f, 0.0f, 0.0f, -2.5f});
  CHECK(out.payload_bits == 40);  // P_SQ(2) = 40
  CHECK(run({{"kind", "sq"}, {"k", 3}}, kSpecVector).payload_bits == 44);
  const Encoded three = run({{"kind", "sq"}, {"k", 3}}, kSpecVector);
  CHECK(three.decoded == std::vector<float>{0.0f, -2.0f, 2.0f, 0.0f, -2.0f});
}

TEST_CASE("compressor sign and scaled_sign decode exactly") {
  const Encoded sign = run({{"kind", "sign"}}, kSpecVector);
  CHECK(sign.decoded == std::vector<float>{1.0f, -1.0f, 1.0f, 1.0f, -1.0f});
  CHECK(sign.payload_bits == 5);
  const Encoded scaled = run({{"kind", "scaled_sign"}}, kSpecVector);
  const float a = static_cast<float>(6.6 / 5.0);  // ||p||_1 / d = 1.32
  CHECK(scaled.decoded == std::vector<float>{a, -a, a, a, -a});
  CHECK(scaled.payload_bits == 37);
  // Zeros go out as a random sign, never as 0.
  const Encoded zeros = run({{"kind", "sign"}}, std::vector<float>(64, 0.0f));
  int positive = 0;
  for (float x : zeros.decoded) {
    CHECK((x == 1.0f || x == -1.0f));
    positive += x > 0.0f;
  }
  CHECK(positive > 0);
  CHECK(positive < 64);
}

TEST_CASE("compressor determinism: same seed, same message, unbiased flags") {
  std::vector<float> v(257);
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = static_cast<float>(i % 13) - 6.0f;
  for (const auto& entry : compressor_registry().entries()) {
    CAPTURE(entry.info.name);
    nlohmann::json block = {{"kind", entry.info.name}};
    if (as_collective(make_compressor(block, "compressor", v.size()).get()))
      continue;  // no per-vector encode
    const Encoded a = run(block, v, 7);
    const Encoded b = run(block, v, 7);
    CHECK(a.decoded == b.decoded);
    CHECK(a.payload_bits == b.payload_bits);
    CHECK(a.nonzeros == b.nonzeros);
  }
  CHECK(run({{"kind", "rand_k"}, {"k", 20}}, v, 1).decoded !=
        run({{"kind", "rand_k"}, {"k", 20}}, v, 2).decoded);
  const auto unbiased = [](const nlohmann::json& block) {
    return make_compressor(block, "compressor", 10)->unbiased();
  };
  CHECK(unbiased({{"kind", "none"}}));
  CHECK(unbiased({{"kind", "qsgd"}}));
  CHECK(unbiased({{"kind", "terngrad"}}));
  CHECK(unbiased({{"kind", "wangni"}}));
  CHECK(unbiased({{"kind", "rand_k"}, {"unbiased", true}}));
  CHECK_FALSE(unbiased({{"kind", "rand_k"}}));
  CHECK_FALSE(unbiased({{"kind", "top_k"}}));
  CHECK_FALSE(unbiased({{"kind", "sign"}}));
  CHECK_FALSE(unbiased({{"kind", "scaled_sign"}}));
  CHECK_FALSE(unbiased({{"kind", "sq"}}));
}

TEST_CASE("compressor registry lists every compressor, none first") {
  const auto names = compressor_registry().names();
  CHECK(names == std::vector<std::string>{"none", "top_k", "rand_k", "qsgd", "terngrad", "sign",
                                          "scaled_sign", "sq", "wangni", "cat", "clt_k", "powersgd",
                                          "count_sketch", "dgc", "double_quant"});
  for (const auto& entry : compressor_registry().entries())
    CHECK_FALSE(entry.info.description.empty());
}

TEST_CASE("qsgd of a diverged vector (NaN or infinity) decodes to NaN, without undefined casts") {
  for (const float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    const Encoded out = run({{"kind", "qsgd"}, {"levels", 15}}, {1.0f, bad, -2.0f});
    REQUIRE(out.decoded.size() == 3);
    for (float x : out.decoded)
      CHECK(std::isnan(x));
  }
}
