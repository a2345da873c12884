#include "app/progress_bar.hpp"

#include <unistd.h>
#include <algorithm>
#include <cstdio>

namespace commsim {

namespace {
constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
}  // namespace

ProgressBar::ProgressBar(bool wanted, std::FILE* out, std::chrono::milliseconds log_interval)
    : wanted_(wanted),
      out_(out),
      terminal_(::isatty(::fileno(out)) == 1),
      log_interval_(log_interval) {}

void ProgressBar::update(double fraction, const std::string& text) {
  if (!wanted_)
    return;
  const auto now = std::chrono::steady_clock::now();
  const int percent = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 100);
  if (!terminal_) {
    // The first line only after one interval: short runs print nothing.
    if (!drawn_) {
      drawn_ = true;
      last_draw_ = now;
      return;
    }
    if (now - last_draw_ < log_interval_)
      return;
    last_draw_ = now;
    std::fprintf(out_, "commsim: %3d%% %s\n", percent, text.c_str());
    std::fflush(out_);
    return;
  }
  if (drawn_ && fraction < 1.0 && now - last_draw_ < kTerminalInterval)
    return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, ' ');
  std::fprintf(out_, "\r[%s] %3d%% %s\033[K", bar.c_str(), percent, text.c_str());
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (wanted_ && terminal_ && drawn_)
    std::fprintf(out_, "\r\033[K");
  drawn_ = false;
}

}  // namespace commsim
