#include "progress_bar.h"

#include <cmath>

namespace gs::cli {
namespace {

// "[#####-----] " for the share done.
std::string barText(double done, int width) {
  const int filled = static_cast<int>(std::min(1.0, std::max(0.0, done)) * width + 0.5);
  return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "] ";
}

}  // namespace

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s / 60) % 60);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%llds", s);
  return buf;
}

std::string formatProgress(const StepStats& s, int64_t total, double images_per_second, double eta_seconds,
                           int bar_width) {
  std::string line;
  if (bar_width > 0) line = barText(total > 0 ? static_cast<double>(s.step) / total : 0.0, bar_width);
  char buf[256];
  std::snprintf(buf, sizeof buf, "%lld/%lld  %.1f img/s  G %.3f  D %.3f  D(x) %.2f  D(G(z)) %.2f  ETA %s",
                static_cast<long long>(s.step), static_cast<long long>(total), images_per_second, s.g_loss, s.d_loss,
                s.d_real, s.d_fake, formatDuration(eta_seconds).c_str());
  line += buf;
  if (s.augmenting) {
    std::snprintf(buf, sizeof buf, "  p %.3f  r_t %.2f", s.augment_p, s.ada_rt);
    line += buf;
  }
  if (s.has_l1) {  // image-to-image models: distance of G(A) to the target
    std::snprintf(buf, sizeof buf, "  L1 %.3f", s.l1);
    line += buf;
  }
  if (s.has_cycle) {  // CycleGAN: how far round trips and identities are from their inputs
    std::snprintf(buf, sizeof buf, "  cycle %.3f  identity %.3f", s.cycle, s.identity);
    line += buf;
  }
  return line;
}

ProgressBar::ProgressBar(std::FILE* out, bool tty, int64_t total_steps, int log_every)
    : out_(out), tty_(tty), total_(total_steps), log_every_(log_every > 0 ? log_every : 1) {}

double ProgressBar::rate(double& seconds_per_step) const {
  seconds_per_step = NAN;
  if (window_.size() < 2) return 0;
  const double dt = std::chrono::duration<double>(window_.back().t - window_.front().t).count();
  const int64_t steps = window_.back().step - window_.front().step;
  if (dt <= 0 || steps <= 0) return 0;
  seconds_per_step = dt / steps;
  return (window_.back().images - window_.front().images) / dt;
}

bool ProgressBar::record(int64_t step, int64_t images) {
  const auto now = Clock::now();
  window_.push_back({now, step, images});
  while (window_.size() > 2 && now - window_.front().t > std::chrono::seconds(10)) window_.pop_front();
  const bool last = step >= total_;
  if (tty_ && !last && now - last_draw_ < std::chrono::milliseconds(100)) return false;
  if (!tty_ && !last && step % log_every_ != 0) return false;
  last_draw_ = now;
  return true;
}

void ProgressBar::draw(const std::string& line_with_bar, const std::string& plain_line) {
  if (tty_) {
    // "\033[K" clears what a longer previous line left behind.
    std::fprintf(out_, "\r%s\033[K", line_with_bar.c_str());
    line_open_ = true;
  } else {
    std::fprintf(out_, "step %s\n", plain_line.c_str());
  }
  std::fflush(out_);
}

void ProgressBar::update(const StepStats& s) {
  if (!record(s.step, s.images_seen)) return;
  double seconds_per_step = NAN;
  double speed = rate(seconds_per_step);
  if (speed <= 0) speed = s.images_per_second;  // first step: the step's own figure
  const double eta = std::isfinite(seconds_per_step) ? seconds_per_step * (total_ - s.step) : NAN;
  draw(formatProgress(s, total_, speed, eta, 20), formatProgress(s, total_, speed, eta, 0));
}

void ProgressBar::update(int64_t step, const std::string& text) {
  if (!record(step, step)) return;
  double seconds_per_step = NAN;
  rate(seconds_per_step);
  const double eta = std::isfinite(seconds_per_step) ? seconds_per_step * (total_ - step) : NAN;
  const std::string count = std::to_string(step) + "/" + std::to_string(total_) + "  " + text + "  ETA " +
                            formatDuration(eta);
  draw(barText(total_ > 0 ? double(step) / total_ : 0.0, 20) + count, count);
}

void ProgressBar::message(const std::string& text) {
  if (line_open_) std::fputs("\r\033[K", out_);
  std::fprintf(out_, "%s\n", text.c_str());
  line_open_ = false;
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (line_open_) std::fputc('\n', out_);
  line_open_ = false;
  std::fflush(out_);
}

}  // namespace gs::cli
