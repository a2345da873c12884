#include "app/divergence_watch.hpp"

#include <cmath>
#include <utility>

#include "app/number_format.hpp"

namespace commsim {

std::optional<std::string> DivergenceWatch::check(const SeriesRow& row) {
  const std::pair<const char*, const std::optional<double>*> metrics[] = {
      {"train_loss", &row.train_loss},
      {"test_accuracy", &row.test_accuracy},
      {"consensus_error", &row.consensus_error},
      {"test_loss", &row.test_loss}};
  for (const auto& [name, value] : metrics) {
    if (*value && !std::isfinite(**value)) {
      std::string detail = name;
      detail += " became " + format_double(**value) + " at round " + std::to_string(row.round);
      return detail;
    }
  }
  if (row.train_loss) {
    if (auto detail = check_growth("train_loss", *row.train_loss, row.round, first_train_loss_))
      return detail;
  }
  if (row.consensus_error) {
    return check_growth("consensus_error", *row.consensus_error, row.round, first_consensus_error_);
  }
  return std::nullopt;
}

std::optional<std::string> DivergenceWatch::check_growth(const char* name, double value,
                                                         std::int64_t round,
                                                         std::optional<double>& first) const {
  if (!first) {
    if (value > 0.0)
      first = value;
    return std::nullopt;
  }
  if (value <= factor_ * *first)
    return std::nullopt;
  std::string detail = name;
  detail += " reached " + format_double(value) + " at round " + std::to_string(round) +
            ", more than stop.divergence_factor = " + format_double(factor_) +
            " times its first value " + format_double(*first);
  return detail;
}

}  // namespace commsim
