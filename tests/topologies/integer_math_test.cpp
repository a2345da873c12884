// topologies/integer_math.hpp: the integer-only arithmetic of the constructions.
#include <doctest/doctest.h>

#include "topologies/integer_math.hpp"

namespace commsim {
namespace {

TEST_CASE("logarithms and powers") {
  CHECK(ceil_log2(1) == 0);
  CHECK(ceil_log2(2) == 1);
  CHECK(ceil_log2(25) == 5);
  CHECK(ceil_log2(1024) == 10);
  CHECK(ceil_log2(1025) == 11);
  CHECK(is_power_of_two(64));
  CHECK_FALSE(is_power_of_two(96));
  CHECK(integer_power(3, 5) == 243);
}

TEST_CASE("greedy factor lists") {
  using List = std::vector<std::int64_t>;
  CHECK(*greedy_factors(1, 3) == List{});
  CHECK(*greedy_factors(6, 2) == List{2, 3});
  CHECK(*greedy_factors(12, 3) == List{3, 4});
  CHECK(*greedy_factors(8, 2) == List{2, 2, 2});
  CHECK(*greedy_factors(25, 4) == List{5, 5});
  CHECK(*greedy_factors(20, 4) == List{4, 5});
  CHECK(*greedy_factors(7, 100) == List{7});
  CHECK_FALSE(greedy_factors(7, 2).has_value());
  CHECK_FALSE(greedy_factors(22, 4).has_value());
}

TEST_CASE("smooth parts, divisors and digits") {
  CHECK(smooth_part(66, 5) == 6);
  CHECK(smooth_part(100000, 2) == 32);
  CHECK(smooth_part(245, 3) == 1);
  CHECK(smooth_part(2 * 101, 200) == 202);
  CHECK(largest_prime_factor(7) == 7);
  CHECK(largest_prime_factor(245) == 7);
  CHECK(largest_prime_factor(1024) == 2);
  CHECK(divisors(12) == std::vector<std::int64_t>{1, 2, 3, 4, 6, 12});
  CHECK(divisors(1) == std::vector<std::int64_t>{1});
  // 245 = 1*3^5 + 0*3^4 + 0*3^3 + 0*3^2 + 0*3 + 2: the float-log trap.
  const auto digits = nonzero_digits(245, 3);
  REQUIRE(digits.size() == 2);
  CHECK(digits[0].value == 1);
  CHECK(digits[0].position == 5);
  CHECK(digits[1].value == 2);
  CHECK(digits[1].position == 0);
  CHECK(nonzero_digits(22, 5).size() == 2);
}

}  // namespace
}  // namespace commsim
