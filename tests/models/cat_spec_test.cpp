// CAT on the worked vector g = (0.5, -2, 1, 0.1, -3): alpha tables of the
// three variants, the saturation check, and the level T* under pure bits, an
// affine cost and one packet.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "models/compressors/cat_levels.hpp"
#include "models/compressors/registry.hpp"
#include "models/compressors/water_filling.hpp"
#include "models/links/registry.hpp"

using namespace commsim;

namespace {

// d = 5, so b_idx = ceil(log2 5) = 3 and b_idx + b_f = 35 bits per entry.
const std::vector<float> kSpecVector = {0.5f, -2.0f, 1.0f, 0.1f, -3.0f};
constexpr double kNormSquared = 14.26;  // ||g||^2

std::shared_ptr<const LinkModel> link(const nlohmann::json& block) {
  return make_link_model(block, "link");
}

// Cost(P) = 1000 + P in ns (time) or nJ (joules): the affine c0 = 1000, c1 = 1.
std::shared_ptr<const LinkModel> affine_1000_plus_p() {
  return link({{"model", "affine_bit"},
               {"bandwidth_bps", 1e9},
               {"overhead_bits", 1000},
               {"energy_per_bit_j", 1e-9}});
}

Encoded run_cat(const nlohmann::json& params, std::shared_ptr<const LinkModel> over = nullptr,
                std::uint64_t seed = 1) {
  nlohmann::json block = params;
  block["kind"] = "cat";
  Rng rng(seed, "cat test");
  return make_compressor(block, "compressor", kSpecVector.size(), std::move(over))
      ->encode(kSpecVector, rng);
}

void check_alphas(CatBase base, const std::vector<double>& expected) {
  const LevelQualities q = level_qualities(kSpecVector, base);
  REQUIRE(q.alpha.size() == expected.size());
  CHECK(q.nonzeros == 5);
  // 0.1f is not 0.1, so the float input is within ~1e-10 of the exact fractions.
  for (std::size_t t = 0; t < expected.size(); ++t)
    CHECK(q.alpha[t] == doctest::Approx(expected[t]).epsilon(1e-9));
}

}  // namespace

TEST_CASE("cat alpha_top(T) = S2(T)/||g||^2 (0.63114 .. 1)") {
  check_alphas(CatBase::kTopK,
               {9 / kNormSquared, 13 / kNormSquared, 14 / kNormSquared, 14.25 / kNormSquared, 1.0});
  CHECK(level_qualities(kSpecVector, CatBase::kTopK).alpha[0] ==
        doctest::Approx(0.63114).epsilon(1e-5));
}

TEST_CASE("cat alpha_SQ(T) = S1(T)^2/(T ||g||^2) (0.63114, 0.87658, ...)") {
  // S1 = 3, 5, 6, 6.5, 6.6.
  check_alphas(CatBase::kSparseSign, {9 / kNormSquared, 12.5 / kNormSquared, 12 / kNormSquared,
                                      6.5 * 6.5 / 4 / kNormSquared, 6.6 * 6.6 / 5 / kNormSquared});
  CHECK(level_qualities(kSpecVector, CatBase::kSparseSign).alpha[4] ==
        doctest::Approx(0.61094).epsilon(1e-5));
}

TEST_CASE("cat stochastic alpha(T) = 1/(1+omega(T)) with saturation") {
  // sum g^2/p: T = 1, 2 unsaturated ||g||_1^2/T = 43.56, 21.78; T = 3: s = 2,
  // 13 + 1.6^2 = 15.56; T = 4: s = 3, 14 + 0.6^2 = 14.36; T = 5: all kept.
  check_alphas(CatBase::kWaterFilled, {kNormSquared / 43.56, kNormSquared / 21.78,
                                       kNormSquared / 15.56, kNormSquared / 14.36, 1.0});
  CHECK(water_filling(kSpecVector, 3.0).saturated == 2);
  CHECK(water_filling(kSpecVector, 4.0).saturated == 3);
  CHECK(level_qualities(kSpecVector, CatBase::kWaterFilled).alpha[2] ==
        doctest::Approx(0.91645).epsilon(1e-5));
}

TEST_CASE("cat payload P(T) per base") {
  const BitWidths widths{3, 32};
  CHECK(level_payload_bits(CatBase::kTopK, 3, widths) == 105);
  CHECK(level_payload_bits(CatBase::kSparseSign, 2, widths) == 40);
  CHECK(level_payload_bits(CatBase::kSparseSign, 5, widths) == 52);
  CHECK(level_payload_bits(CatBase::kWaterFilled, 4, widths) == 140);
}

TEST_CASE("cat level choice with a cost callback: affine T* = 3, ties to the smallest T") {
  const auto q = level_qualities(kSpecVector, CatBase::kTopK);
  std::vector<double> affine;
  std::vector<double> bits;
  for (int t = 1; t <= 5; ++t) {
    affine.push_back(1000.0 + 35.0 * t);
    bits.push_back(35.0 * t);
  }
  CHECK(most_efficient_level(q.alpha, affine) == 3);
  CHECK(most_efficient_level(q.alpha, bits) == 1);
  CHECK(most_efficient_level(std::vector<double>{0.25, 0.5, 0.7},
                             std::vector<double>{1.0, 2.0, 3.0}) == 1);  // exact tie
  CHECK(most_efficient_level(std::vector<double>{0.25, 0.5 + 1e-6, 0.7},
                             std::vector<double>{1.0, 2.0, 3.0}) == 2);  // beyond the tolerance
}

TEST_CASE("cat top: T* = 1 under pure bits, 3 under c0 = 1000, d under one packet") {
  const Encoded bits = run_cat({{"base", "top_k"}, {"cost", "bits"}});
  CHECK(bits.level == 1);
  CHECK(bits.payload_bits == 35);
  CHECK(bits.decoded == std::vector<float>{0.0f, 0.0f, 0.0f, 0.0f, -3.0f});

  for (const char* metric : {"time", "joules"}) {
    CAPTURE(metric);
    const Encoded affine = run_cat({{"base", "top_k"}, {"cost", metric}}, affine_1000_plus_p());
    CHECK(affine.level == 3);
    CHECK(affine.payload_bits == 105);
    CHECK(affine.decoded == std::vector<float>{0.0f, -2.0f, 1.0f, 0.0f, -3.0f});
  }

  // 175 bits = 22 bytes: every level fits in one Ethernet packet.
  const Encoded packet =
      run_cat({{"base", "top_k"}, {"cost", "packets"}}, link({{"model", "ethernet"}}));
  CHECK(packet.level == 5);
  CHECK(packet.payload_bits == 175);
  CHECK(packet.decoded == kSpecVector);
}

TEST_CASE("cat sq: T* = 2 under pure bits, the sq message at k = 2") {
  const Encoded out = run_cat({{"base", "sq"}});
  CHECK(out.level == 2);
  CHECK(out.payload_bits == 40);
  CHECK(out.decoded == std::vector<float>{0.0f, -2.5f, 0.0f, 0.0f, -2.5f});
}

TEST_CASE("cat wangni: T* = 1 under pure bits (exact tie with 2), 4 under c0 = 1000") {
  CHECK(run_cat({{"base", "wangni"}}).level == 1);
  const auto affine = affine_1000_plus_p();
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Encoded scaled = run_cat({{"base", "wangni"}, {"cost", "time"}}, affine, seed);
    const Encoded plain =
        run_cat({{"base", "wangni"}, {"cost", "time"}, {"variance_step", false}}, affine, seed);
    CHECK(scaled.level == 4);
    CHECK(plain.level == 4);
    // p = (0.8333, 1, 1, 0.1667, 1): the saturated entries are always sent, as
    // g_i (unbiased) or alpha(4) g_i = (14.26/14.36) g_i (variance step).
    const double alpha = level_qualities(kSpecVector, CatBase::kWaterFilled).alpha[3];
    CHECK(plain.decoded[1] == -2.0f);
    CHECK(plain.decoded[4] == -3.0f);
    CHECK(scaled.decoded[1] == static_cast<float>(alpha * -2.0));
    CHECK(scaled.decoded[2] == static_cast<float>(alpha * 1.0));
    CHECK(scaled.payload_bits == plain.payload_bits);  // same coins, same entries
    CHECK(plain.payload_bits == plain.nonzeros * 35);
  }
}

TEST_CASE("cat is unbiased only as wangni without the variance step") {
  const auto unbiased = [](const nlohmann::json& params) {
    nlohmann::json block = params;
    block["kind"] = "cat";
    return make_compressor(block, "compressor", 10)->unbiased();
  };
  CHECK(unbiased({{"base", "wangni"}, {"variance_step", false}}));
  CHECK_FALSE(unbiased({{"base", "wangni"}}));
  CHECK_FALSE(unbiased({{"base", "top_k"}}));
  CHECK_FALSE(unbiased({{"base", "sq"}, {"variance_step", false}}));
}

TEST_CASE("cat input errors: a link price without a link, a link that charges nothing") {
  const nlohmann::json packets = {{"kind", "cat"}, {"cost", "packets"}};
  CHECK_THROWS_WITH_AS(make_compressor(packets, "compressor", 10),
                       doctest::Contains("compressor.cost: got \"packets\""), InputError);
  const auto free_energy = link({{"model", "affine_bit"}, {"energy_per_bit_j", 0.0}});
  const nlohmann::json joules = {{"kind", "cat"}, {"cost", "joules"}};
  CHECK_THROWS_WITH_AS(make_compressor(joules, "compressor", 10, free_energy),
                       doctest::Contains("needs every cost positive"), InputError);
  CHECK_NOTHROW(
      make_compressor({{"kind", "cat"}, {"cost", "time"}}, "compressor", 10, free_energy));
}

TEST_CASE("cat: a zero vector sends the cheapest level") {
  const std::vector<float> zeros(8, 0.0f);
  Rng rng(1, "cat test");
  for (const char* base : {"top_k", "sq", "wangni"}) {
    CAPTURE(base);
    const Encoded out =
        make_compressor({{"kind", "cat"}, {"base", base}}, "compressor", 8)->encode(zeros, rng);
    CHECK(out.level == 1);
    CHECK(out.decoded == zeros);
  }
}

TEST_CASE("cat at an imposed level (common_T): the base message at that T, clamped to 1..d") {
  const auto compressor =
      make_compressor({{"kind", "cat"}, {"base", "top_k"}, {"cost", "bits"}, {"common_T", true}},
                      "compressor", kSpecVector.size());
  const auto& cat = dynamic_cast<const AdaptiveCompressor&>(*compressor);
  CHECK(cat.common_level());
  Rng rng(1, "cat test");
  CHECK(cat.best_level(kSpecVector) == 1);  // T* = 1 under pure bits
  CHECK(cat.encode(kSpecVector, rng).level == 1);
  const Encoded three = cat.encode_at(kSpecVector, 3, rng);
  CHECK(three.level == 3);
  CHECK(three.payload_bits == 105);  // P_top(3)
  CHECK(three.decoded == std::vector<float>{0.0f, -2.0f, 1.0f, 0.0f, -3.0f});
  CHECK(cat.encode_at(kSpecVector, 0, rng).level == 1);
  CHECK(cat.encode_at(kSpecVector, 99, rng).decoded == kSpecVector);
  // wangni: above the non-zeros every level sends the same message, T is cut there.
  const std::vector<float> sparse = {0.0f, 2.0f, 0.0f, -1.0f, 0.0f};
  const auto wangni = make_compressor(
      {{"kind", "cat"}, {"base", "wangni"}, {"cost", "bits"}, {"variance_step", false}},
      "compressor", sparse.size());
  const auto& adaptive = dynamic_cast<const AdaptiveCompressor&>(*wangni);
  CHECK_FALSE(adaptive.common_level());
  const Encoded all = adaptive.encode_at(sparse, 5, rng);
  CHECK(all.level == 2);
  CHECK(all.decoded == sparse);
}
