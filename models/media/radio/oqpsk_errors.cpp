#include "models/media/radio/oqpsk_errors.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace commsim {

namespace {

constexpr double kNoErrorsFromSinr = kOqpskErrorFreeSinr;

double formula(double sinr) {
  // (-1)^k C(16, k) for k = 2 .. 16.
  static constexpr double kSignedBinomial[17] = {1,    -16,    120,   -560,   1820, -4368,
                                                 8008, -11440, 12870, -11440, 8008, -4368,
                                                 1820, -560,   120,   -16,    1};
  double sum = 0.0;
  for (int k = 2; k <= 16; ++k) {
    sum += kSignedBinomial[k] * std::exp(20.0 * sinr * (1.0 / k - 1.0));
  }
  return std::clamp(sum * 8.0 / 15.0 / 16.0, 0.0, 1.0);
}

// log(-log(1 - BER)) on a grid of SINRs: it is smooth and, above 0 dB,
// nearly linear in the SINR (one exponential term dominates), so linear
// interpolation between entries stays within 1e-5 relative of the formula
// (1 / 1024 apart below 0 dB, 1 / 128 above), at one exp instead of fifteen:
// a shared channel asks for it at every frame start and end at every radio
// that is receiving through interference.
class LogErrorFreeTable {
 public:
  LogErrorFreeTable() : low_(0.0, 1.0, 1024.0), high_(1.0, kNoErrorsFromSinr, 128.0) {}
  // log(1 - BER(sinr)) for sinr in [0, kNoErrorsFromSinr].
  double log_error_free_bit(double sinr) const {
    return sinr < 1.0 ? low_.at(sinr) : high_.at(sinr);
  }

 private:
  class Segment {
   public:
    Segment(double from, double to, double steps_per_unit)
        : from_(from), steps_per_unit_(steps_per_unit) {
      const auto entries = static_cast<std::size_t>((to - from) * steps_per_unit) + 2;
      values_.reserve(entries);
      for (std::size_t i = 0; i < entries; ++i) {
        const double sinr = from + static_cast<double>(i) / steps_per_unit;
        values_.push_back(std::log(-std::log1p(-formula(sinr))));
      }
    }
    double at(double sinr) const {
      const double position = (sinr - from_) * steps_per_unit_;
      const auto i = static_cast<std::size_t>(position);
      const double t = position - static_cast<double>(i);
      return -std::exp(values_[i] * (1.0 - t) + values_[i + 1] * t);
    }

   private:
    double from_;
    double steps_per_unit_;
    std::vector<double> values_;
  };
  Segment low_;
  Segment high_;
};

const LogErrorFreeTable& table() {
  static const LogErrorFreeTable built;
  return built;
}

}  // namespace

void prepare_oqpsk_errors() {
  table();
}

double oqpsk_bit_error_rate(double sinr) {
  if (sinr > kNoErrorsFromSinr)
    return 0.0;
  return formula(sinr);
}

double oqpsk_log_success(double sinr, double bits) {
  if (sinr > kNoErrorsFromSinr)
    return 0.0;
  return bits * table().log_error_free_bit(std::max(sinr, 0.0));
}

}  // namespace commsim
