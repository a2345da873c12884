#pragma once
// What the algorithms need besides the compressor itself: the error-feedback
// options of the scenario's compressor block, and the running tally of the
// levels adaptive compressors choose, which the recorder reads at every
// recorded row.
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

namespace commsim {

// EF-SGD's error feedback with ScaleCom's low-pass filter: p = v + e,
// Delta = C(p), e <- (1 - beta) e + beta (p - Delta). beta = 1 is classic EF.
struct ErrorFeedback {
  bool enabled = false;
  double beta = 1.0;
};

// From a resolved compressor block (error_feedback, error_feedback_beta).
ErrorFeedback read_error_feedback(const nlohmann::json& compressor_block);

// The resolved scenario compresses a server's model broadcast (a `downlink`
// block of a kind other than none).
bool has_compressed_downlink(const nlohmann::json& scenario);

// Mean Encoded::level since the last take(); only levels > 0 count (fixed
// compressors report 0).
class CompressionLevels {
 public:
  void add(std::int64_t level) {
    if (level <= 0)
      return;
    sum_ += static_cast<double>(level);
    ++count_;
  }
  // The mean since the previous call (none when no level was reported); resets.
  std::optional<double> take_mean() {
    std::optional<double> mean;
    if (count_ > 0)
      mean = sum_ / static_cast<double>(count_);
    sum_ = 0.0;
    count_ = 0;
    return mean;
  }

 private:
  double sum_ = 0.0;
  std::int64_t count_ = 0;
};

}  // namespace commsim
