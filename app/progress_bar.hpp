#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal and
// redrawn at most ten times a second, so it never slows a run or litters logs.
#include <chrono>
#include <string>

namespace commsim {

class ProgressBar {
 public:
  explicit ProgressBar(bool wanted);
  bool enabled() const { return enabled_; }
  void update(double fraction, const std::string& text);
  void finish();  // clears the line

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace commsim
