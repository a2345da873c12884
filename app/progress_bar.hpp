#pragma once
// Progress on stderr. On a terminal: a one-line bar redrawn at most ten times
// a second. Elsewhere (a batch job's log): a plain line at most every ten
// seconds, so a long sweep is seen to move without littering the log.
#include <chrono>
#include <cstdio>
#include <string>

namespace commsim {

class ProgressBar {
 public:
  explicit ProgressBar(bool wanted) : ProgressBar(wanted, stderr, std::chrono::seconds(10)) {}
  // Any stream (a terminal or not), and the interval between plain lines.
  ProgressBar(bool wanted, std::FILE* out, std::chrono::milliseconds log_interval);
  void update(double fraction, const std::string& text);
  void finish();  // clears the bar (a plain line stays)

 private:
  bool wanted_;
  std::FILE* out_;
  bool terminal_;
  std::chrono::milliseconds log_interval_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace commsim
