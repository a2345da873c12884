#include "sim/kernel/rng.hpp"

#include <cmath>
#include <numbers>

namespace commsim {

std::uint64_t mix64(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t hash_name(std::string_view name) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Rng::Rng(std::uint64_t seed, std::string_view purpose, std::uint64_t index)
    : engine_(mix64(mix64(mix64(seed) ^ hash_name(purpose)) ^ index)) {}

std::uint64_t Rng::uniform_below(std::uint64_t bound) {
  return lemire_below(*this, bound);
}

double Rng::normal() {
  // 1 - u lies in (0, 1], so the logarithm is finite.
  const double u1 = 1.0 - uniform01();
  const double u2 = uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Rng::exponential(double mean) {
  return -mean * std::log(1.0 - uniform01());
}

}  // namespace commsim
