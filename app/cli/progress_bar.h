#pragma once
// Training progress for the terminal: on a TTY one line redrawn in place ("\r"), at most ten times a second;
// otherwise (a pipe, a log file) one plain line every log_every steps.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>

#include "training/step_stats.h"

namespace gs::cli {

// "1h02m", "3m05s", "42s".
std::string formatDuration(double seconds);
// "[#####-----] 120/1000  28.4 img/s  G 1.234  D 0.567  D(x) 0.61  D(G(z)) 0.32  ETA 3m05s"; bar_width 0: no bar.
std::string formatProgress(const StepStats& s, int64_t total, double images_per_second, double eta_seconds,
                           int bar_width);

class ProgressBar {
 public:
  ProgressBar(std::FILE* out, bool tty, int64_t total_steps, int log_every);
  void update(const StepStats& s);
  // Any other step loop: "[#####-----] 120/300  <text>  ETA 5s" (the text after the count).
  void update(int64_t step, const std::string& text);
  // Prints a message on its own line (clearing a half-drawn bar first).
  void message(const std::string& text);
  // Ends the in-place line.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  struct Mark {
    Clock::time_point t;
    int64_t step;
    int64_t images;
  };
  double rate(double& seconds_per_step) const;
  // Records the step; false when this one is not drawn (too soon on a TTY, not a log step otherwise).
  bool record(int64_t step, int64_t images);
  void draw(const std::string& line_with_bar, const std::string& plain_line);

  std::FILE* out_;
  bool tty_;
  int64_t total_;
  int log_every_;
  bool line_open_ = false;
  Clock::time_point last_draw_{};
  std::deque<Mark> window_;  // recent steps: the speed shown is over the last few seconds
};

}  // namespace gs::cli
