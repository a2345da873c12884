// CAT's level against brute force: for every T build the base
// compressor's message with k = T, measure its alpha from the message itself,
// price its payload with the real link model, and take the smallest T of the
// best alpha/cost. CAT (sorted prefix sums, tabulated costs) must pick the same
// T and send the same message, for every base, link model and cost metric.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "models/compressors/cat_levels.hpp"
#include "models/compressors/compressor_params.hpp"
#include "models/compressors/registry.hpp"
#include "models/compressors/water_filling.hpp"
#include "models/links/registry.hpp"

using namespace commsim;

namespace {

struct Case {
  std::string name;
  nlohmann::json link;
  std::vector<std::string> metrics;
};

// Small frames and packets, so that levels of a 40-entry vector span several.
std::vector<Case> cases() {
  return {
      {"affine_bit",
       {{"model", "affine_bit"},
        {"latency_s", 50e-6},
        {"bandwidth_bps", 1e6},
        {"overhead_bits", 200},
        {"energy_per_message_j", 1e-6},
        {"sender_energy_share", 0.7}},
       {"bits", "time", "joules", "packets"}},
      {"ethernet", {{"model", "ethernet"}}, {"packets", "time", "joules"}},
      {"ethernet small mtu",
       {{"model", "ethernet"}, {"mtu_bytes", 100}, {"bandwidth_bps", 1e7}, {"latency_s", 1e-4}},
       {"packets", "time", "joules"}},
      {"ieee802154", {{"model", "ieee802154"}}, {"packets", "time", "joules"}},
      {"ieee802154 small frames",
       {{"model", "ieee802154"}, {"payload_bytes_per_frame", 20}, {"energy_mode", "active_only"}},
       {"packets", "time", "joules"}},
  };
}

double metric_of(const LinkModel& link, const std::string& metric, std::int64_t bits) {
  if (metric == "bits")
    return static_cast<double>(bits);
  const LinkCost cost = link.expected_cost(bits, Transmission::kUnicast);
  if (metric == "packets")
    return static_cast<double>(cost.frames);
  if (metric == "time")
    return static_cast<double>(cost.delivery);
  return cost.sender_energy_j + cost.receiver_energy_j;
}

double dot(const std::vector<float>& a, std::span<const float> b) {
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

struct Candidate {
  double alpha = 0.0;
  std::int64_t payload_bits = 0;  // realized (top_k, sq) or expected (wangni)
};

// One level, measured on the base compressor's own message.
Candidate measure(const std::string& base, std::span<const float> g, std::size_t t,
                  const nlohmann::json& widths) {
  nlohmann::json block = widths;
  block["kind"] = base;
  block["k"] = t;
  Rng rng(3, "brute force");
  const Encoded message = make_compressor(block, "compressor", g.size())->encode(g, rng);
  const std::vector<float> gv(g.begin(), g.end());
  const double norm2 = dot(gv, g);
  Candidate c;
  if (base == "top_k") {
    c.alpha = dot(message.decoded, message.decoded) / norm2;
    c.payload_bits = message.payload_bits;
  } else if (base == "sq") {
    const double inner = dot(message.decoded, g);
    c.alpha = inner * inner / (dot(message.decoded, message.decoded) * norm2);
    c.payload_bits = message.payload_bits;
  } else {
    // Expected payload E[nnz] = sum p_i entries; alpha = ||g||^2 / sum g_i^2/p_i.
    const WaterFilling plan = water_filling(g, static_cast<double>(t));
    double expected_nnz = 0.0;
    double second_moment = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (plan.probabilities[i] <= 0.0)
        continue;
      expected_nnz += plan.probabilities[i];
      second_moment += static_cast<double>(g[i]) * g[i] / plan.probabilities[i];
    }
    c.alpha = norm2 / second_moment;
    const std::int64_t index_bits = widths["index_bits"] == "log2d"
                                        ? ceil_log2(g.size())
                                        : std::stoll(widths["index_bits"].get<std::string>());
    const std::int64_t entry_bits = index_bits + widths["value_bits"].get<std::int64_t>();
    CHECK(message.payload_bits == message.nonzeros * entry_bits);
    c.payload_bits = std::llround(expected_nnz) * entry_bits;
  }
  return c;
}

std::vector<float> gaussian(std::size_t d, std::uint64_t seed, bool with_zeros) {
  Rng rng(seed, "cat brute force vector");
  std::vector<float> g(d);
  for (std::size_t i = 0; i < d; ++i)
    g[i] = static_cast<float>(rng.normal() * (1.0 + static_cast<double>(i % 3)));
  if (with_zeros) {
    for (std::size_t i = 0; i < d; i += 4)
      g[i] = 0.0f;
  }
  return g;
}

}  // namespace

TEST_CASE("cat picks the brute-force level for every base, link model and cost metric") {
  const std::vector<nlohmann::json> widths = {{{"index_bits", "log2d"}, {"value_bits", 32}},
                                              {{"index_bits", "32"}, {"value_bits", 64}}};
  int checked = 0;
  int distinct_levels_mask = 0;
  for (const Case& link_case : cases()) {
    const auto link = make_link_model(link_case.link, "link");
    for (const std::string& metric : link_case.metrics) {
      for (const std::string base : {"top_k", "sq", "wangni"}) {
        for (std::size_t d : {5, 12, 23, 40}) {
          for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const nlohmann::json& width = widths[seed % 2];
            const std::vector<float> g = gaussian(d, seed * 100 + d, seed == 3);
            CAPTURE(link_case.name);
            CAPTURE(metric);
            CAPTURE(base);
            CAPTURE(d);
            CAPTURE(seed);
            const LevelQualities q = level_qualities(g, base == "top_k" ? CatBase::kTopK
                                                        : base == "sq"  ? CatBase::kSparseSign
                                                                        : CatBase::kWaterFilled);
            std::vector<double> efficiency;
            for (std::size_t t = 1; t <= d; ++t) {
              const Candidate c = measure(base, g, t, width);
              CHECK(q.alpha[t - 1] == doctest::Approx(c.alpha).epsilon(1e-9));
              efficiency.push_back(c.alpha / metric_of(*link, metric, c.payload_bits));
            }
            double best = 0.0;
            for (double e : efficiency)
              best = std::max(best, e);
            std::size_t expected = 1;
            while (efficiency[expected - 1] < best * (1.0 - kLevelTieTolerance))
              ++expected;

            nlohmann::json cat = width;
            cat["kind"] = "cat";
            cat["base"] = base;
            cat["cost"] = metric;
            cat["variance_step"] = false;
            Rng rng(3, "brute force");
            const Encoded chosen = make_compressor(cat, "compressor", d, link)->encode(g, rng);
            REQUIRE(chosen.level == static_cast<std::int64_t>(expected));
            // The message is the base compressor's at k = T*, bit for bit (the
            // same stream for wangni's coins).
            nlohmann::json block = width;
            block["kind"] = base;
            block["k"] = expected;
            Rng same(3, "brute force");
            const Encoded reference = make_compressor(block, "compressor", d)->encode(g, same);
            CHECK(chosen.payload_bits == reference.payload_bits);
            CHECK(chosen.decoded == reference.decoded);
            CHECK(chosen.nonzeros == reference.nonzeros);
            ++checked;
            distinct_levels_mask |= expected == 1 ? 1 : (expected == d ? 2 : 4);
          }
        }
      }
    }
  }
  CHECK(checked == 16 * 3 * 4 * 3);  // 16 link/metric pairs, 3 bases, 4 sizes, 3 seeds
  CHECK(distinct_levels_mask == 7);  // the cases reach T* = 1, interior and d
}
