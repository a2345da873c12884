// Exact payload bits of every compressor.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models/compressors/compressor_params.hpp"
#include "models/compressors/elias_omega.hpp"
#include "models/compressors/registry.hpp"

using namespace commsim;

namespace {

std::vector<float> ramp(std::size_t d) {
  std::vector<float> v(d);
  for (std::size_t i = 0; i < d; ++i)
    v[i] = static_cast<float>((i % 7) + 1) * (i % 2 ? -0.5f : 1.0f);
  return v;
}

Encoded run(const nlohmann::json& block, const std::vector<float>& v, std::uint64_t seed = 1) {
  Rng rng(seed, "compressor test");
  return make_compressor(block, "compressor", v.size())->encode(v, rng);
}

}  // namespace

TEST_CASE("compressor ceil_log2 and Elias-omega lengths") {
  CHECK(ceil_log2(1) == 0);
  CHECK(ceil_log2(2) == 1);
  CHECK(ceil_log2(5) == 3);
  CHECK(ceil_log2(1024) == 10);
  CHECK(ceil_log2(1025) == 11);
  const std::vector<std::int64_t> expected = {1, 3, 3, 6, 6, 6, 6, 7};  // n = 1..8
  for (std::size_t n = 1; n <= expected.size(); ++n)
    CHECK(elias_omega_bits(n) == expected[n - 1]);
  CHECK(elias_omega_bits(15) == 7);
  CHECK(elias_omega_bits(16) == 11);
}

TEST_CASE("compressor none, sign, scaled_sign, terngrad, qsgd fixed: dense bit counts") {
  for (std::size_t d : {1u, 5u, 7u, 100u, 1000u}) {
    const auto v = ramp(d);
    const auto di = static_cast<std::int64_t>(d);
    CHECK(run({{"kind", "none"}}, v).payload_bits == 32 * di);
    CHECK(run({{"kind", "none"}, {"value_bits", 64}}, v).payload_bits == 64 * di);
    CHECK(run({{"kind", "sign"}}, v).payload_bits == di);
    CHECK(run({{"kind", "scaled_sign"}}, v).payload_bits == di + 32);
    CHECK(run({{"kind", "terngrad"}}, v).payload_bits == 2 * di + 32);
    CHECK(run({{"kind", "terngrad"}, {"value_bits", 64}}, v).payload_bits == 2 * di + 64);
    for (std::int64_t s : {1, 2, 3, 4, 15, 16, 255}) {
      const std::int64_t per_entry = 1 + static_cast<std::int64_t>(std::ceil(std::log2(s + 1.0)));
      CHECK(run({{"kind", "qsgd"}, {"levels", s}, {"coding", "fixed"}}, v).payload_bits ==
            32 + di * per_entry);
    }
  }
}

TEST_CASE("compressor sparse bit counts: top_k, rand_k, sq") {
  for (std::size_t d : {5u, 7u, 100u, 1000u}) {
    const auto v = ramp(d);
    const auto log2d = static_cast<std::int64_t>(std::ceil(std::log2(static_cast<double>(d))));
    for (std::size_t k : {std::size_t{1}, std::size_t{3}, d}) {
      const auto ki = static_cast<std::int64_t>(k);
      CAPTURE(d);
      CAPTURE(k);
      CHECK(run({{"kind", "top_k"}, {"k", k}}, v).payload_bits == ki * (log2d + 32));
      CHECK(run({{"kind", "top_k"}, {"k", k}, {"index_bits", "64"}}, v).payload_bits == ki * 96);
      CHECK(run({{"kind", "top_k"}, {"k", k}, {"index_bits", "32"}, {"value_bits", 64}}, v)
                .payload_bits == ki * 96);
      CHECK(run({{"kind", "rand_k"}, {"k", k}}, v).payload_bits == ki * (log2d + 32));
      CHECK(run({{"kind", "rand_k"}, {"k", k}, {"shared_seed", true}}, v).payload_bits ==
            ki * 32 + 32);
      CHECK(run({{"kind", "sq"}, {"k", k}}, v).payload_bits == ki * (log2d + 1) + 32);
      CHECK(run({{"kind", "top_k"}, {"k", k}}, v).nonzeros == ki);
    }
  }
}

TEST_CASE("compressor k from ratio: floor, at least 1, at most d, k and ratio exclude") {
  const auto v = ramp(250);
  CHECK(run({{"kind", "top_k"}}, v).nonzeros == 2);  // default ratio 0.01 -> floor(2.5)
  CHECK(run({{"kind", "top_k"}, {"ratio", 0.001}}, v).nonzeros == 1);
  CHECK(run({{"kind", "top_k"}, {"ratio", 1.0}}, v).nonzeros == 250);
  CHECK(run({{"kind", "top_k"}, {"k", 1000}}, v).nonzeros == 250);
  try {
    run({{"kind", "top_k"}, {"k", 3}, {"ratio", 0.5}}, v);
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    const std::string message = error.what();
    CHECK(message.find("compressor.k") != std::string::npos);
    CHECK(message.find("compressor.ratio") != std::string::npos);
  }
  CHECK_THROWS_AS(run({{"kind", "none"}, {"value_bits", 48}}, v), InputError);
  CHECK_THROWS_AS(run({{"kind", "top_kk"}}, v), InputError);
}

TEST_CASE("compressor qsgd elias: bits counted by encoding") {
  // ||v|| = 5, s = 5: levels 3 and 4 exactly, so no randomness.
  const nlohmann::json block = {{"kind", "qsgd"}, {"levels", 5}, {"coding", "elias"}};
  // gaps 1, 1: 32 + (L(1) + 1 + L(3)) + (L(1) + 1 + L(4)) = 32 + 5 + 8
  CHECK(run(block, {3.0f, -4.0f}).payload_bits == 45);
  // gaps 2, 3: 32 + (L(2) + 1 + L(3)) + (L(3) + 1 + L(4)) = 32 + 7 + 10
  const Encoded spread = run(block, {0.0f, 3.0f, 0.0f, 0.0f, -4.0f});
  CHECK(spread.payload_bits == 49);
  CHECK(spread.nonzeros == 2);
  CHECK(spread.decoded == std::vector<float>{0.0f, 3.0f, 0.0f, 0.0f, -4.0f});
  CHECK(run(block, {0.0f, 0.0f}).payload_bits == 32);  // zero vector: the norm alone
}

TEST_CASE("compressor wangni: realized nnz * (b_idx + b_f)") {
  const auto v = ramp(100);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Encoded out = run({{"kind", "wangni"}, {"k", 10}}, v, seed);
    CHECK(out.payload_bits == out.nonzeros * (7 + 32));
    std::int64_t nonzero = 0;
    for (float x : out.decoded)
      nonzero += x != 0.0f;
    CHECK(nonzero == out.nonzeros);
  }
  // k = d keeps everything exactly.
  const Encoded all = run({{"kind", "wangni"}, {"k", 100}}, v);
  CHECK(all.decoded == v);
  CHECK(all.payload_bits == 100 * 39);
}
