#include "metrics/health_conditions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace gs {
namespace {

std::string fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

// The last n values of one field, or an empty vector when any of them is missing.
template <typename Get>
std::vector<double> lastValues(const std::deque<HealthSample>& samples, size_t n, Get get) {
  if (n == 0 || samples.size() < n) return {};
  std::vector<double> out;
  out.reserve(n);
  for (auto it = samples.end() - static_cast<std::ptrdiff_t>(n); it != samples.end(); ++it) {
    const double v = get(*it);
    if (!std::isfinite(v)) return {};
    out.push_back(v);
  }
  return out;
}

double mean(const std::vector<double>& v, size_t begin, size_t end) {
  double sum = 0;
  for (size_t i = begin; i < end; ++i) sum += v[i];
  return end > begin ? sum / static_cast<double>(end - begin) : 0.0;
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

}  // namespace

Finding modeCollapseFinding(const std::deque<HealthSample>& diversity, const HealthOptions& o) {
  Finding f;
  const size_t n = static_cast<size_t>(std::max(1, o.collapse_confirm));
  if (diversity.size() < n) return f;
  f.evaluated = true;
  const auto first = diversity.end() - static_cast<std::ptrdiff_t>(n);
  for (auto it = first; it != diversity.end(); ++it) {
    const double ratio = it->diversity_ratio;
    const bool many_duplicates = std::isfinite(it->duplicate_fraction) && it->duplicate_fraction >= o.collapse_duplicates;
    const bool collapsed = ratio < o.collapse_diversity && (many_duplicates || ratio < o.collapse_diversity / 2);
    if (!collapsed) return f;
  }
  const HealthSample& last = diversity.back();
  // A generator that is spreading out again (typical early in training) is not collapsing - unless it is still
  // far too narrow: a G that D has beaten creeps outwards slowly for a long time.
  if (n > 1 && last.diversity_ratio > first->diversity_ratio * o.collapse_recovering &&
      last.diversity_ratio >= o.collapse_recovering_floor)
    return f;
  f.holds = true;
  f.message = fmt("generated samples are only %.0f%% as diverse as real images (diversity ratio %.2f)",
                  100 * last.diversity_ratio, last.diversity_ratio);
  if (std::isfinite(last.duplicate_fraction))
    f.message += fmt(" and %.0f%% of them have a near-duplicate", 100 * last.duplicate_fraction);
  f.message += ": the generator is settling on a few outputs.";
  return f;
}

Finding discriminatorWinsFinding(const std::deque<HealthSample>& recent, const HealthOptions& o,
                                 double& peak_grad_median) {
  Finding f;
  const size_t n = static_cast<size_t>(std::max(2, o.window));
  if (recent.size() < n) return f;
  const bool logistic = recent.back().logistic;

  // Logistic D: D(G(z)) pinned near 0.
  const auto fake = lastValues(recent, n, [](const HealthSample& s) { return s.d_fake; });
  if (logistic && !fake.empty()) {
    f.evaluated = true;
    if (*std::max_element(fake.begin(), fake.end()) < o.d_wins_fake) {
      f.holds = true;
      f.message = fmt("D(G(z)) stayed below %.2f for the last %.0f observations (mean %.3f): the discriminator "
                      "rejects every fake and the generator learns little.",
                      o.d_wins_fake, static_cast<double>(n), mean(fake, 0, fake.size()));
      return f;
    }
  }

  // Any loss: the generator's gradient vanishing relative to what it was.
  const auto grads = lastValues(recent, n, [](const HealthSample& s) { return s.g_grad_norm; });
  if (!grads.empty()) {
    f.evaluated = true;
    const double med = median(grads);
    peak_grad_median = std::max(peak_grad_median, med);
    if (peak_grad_median > 0 && med < o.grad_collapse * peak_grad_median) {
      f.holds = true;
      f.message = fmt("the generator's gradient norm fell to %.2g (%.2g%% of its peak %.3g): its gradients vanish "
                      "because the discriminator wins outright.",
                      med, 100 * med / peak_grad_median, peak_grad_median);
      return f;
    }
  }

  // Critics: the real-fake gap widening across the window.
  const auto gaps = lastValues(recent, n, [](const HealthSample& s) { return s.d_real - s.d_fake; });
  if (!logistic && !gaps.empty()) {
    f.evaluated = true;
    const double early = mean(gaps, 0, n / 2), late = mean(gaps, n / 2, n);
    if (early > 0 && late > o.critic_gap_growth * early) {
      f.holds = true;
      f.message = fmt("the critic's real-fake gap widened from %.3g to %.3g over the last %.0f observations: the "
                      "critic is pulling away from the generator.",
                      early, late, static_cast<double>(n));
    }
  }
  return f;
}

Finding oscillationFinding(const std::deque<HealthSample>& recent, const HealthOptions& o) {
  Finding f;
  const size_t n = static_cast<size_t>(std::max(8, o.oscillation_window));
  const auto x = lastValues(recent, n, [](const HealthSample& s) { return s.g_loss; });
  if (x.empty()) return f;
  f.evaluated = true;

  // Remove the least-squares line; what is left are the swings plus step noise.
  const double tm = (static_cast<double>(n) - 1) / 2, xm = mean(x, 0, n);
  double sxy = 0, sxx = 0, mean_abs = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (static_cast<double>(i) - tm) * (x[i] - xm);
    sxx += (static_cast<double>(i) - tm) * (static_cast<double>(i) - tm);
    mean_abs += std::abs(x[i]) / static_cast<double>(n);
  }
  const double slope = sxy / sxx;
  std::vector<double> r(n), s(n);
  for (size_t i = 0; i < n; ++i) r[i] = x[i] - (xm + slope * (static_cast<double>(i) - tm));

  // Centred moving average over a tenth of the window smooths step noise but keeps slower swings.
  const size_t half = std::max<size_t>(1, n / 20);
  double noise = 0;
  for (size_t i = 0; i < n; ++i) {
    const size_t lo = i >= half ? i - half : 0, hi = std::min(n, i + half + 1);
    s[i] = mean(r, lo, hi);
    noise += (r[i] - s[i]) * (r[i] - s[i]) / static_cast<double>(n);
  }
  noise = std::sqrt(noise);
  const auto [lo_it, hi_it] = std::minmax_element(s.begin(), s.end());
  const double amplitude = (*hi_it - *lo_it) / 2;
  const double trend = std::abs(slope) * static_cast<double>(n - 1);
  if (amplitude < o.oscillation_amplitude * mean_abs || amplitude < 2 * noise || trend >= amplitude) return f;

  // Count swings with hysteresis: a swing is a move from above +A/2 to below -A/2 or back.
  int side = 0, swings = 0;
  for (double v : s) {
    const int now = v > amplitude / 2 ? 1 : (v < -amplitude / 2 ? -1 : 0);
    if (now != 0 && now != side) {
      if (side != 0) ++swings;
      side = now;
    }
  }
  if (swings < o.oscillation_swings) return f;
  f.holds = true;
  f.message = fmt("the generator loss swings by +-%.2g around %.2g without a trend (%.0f swings in the window): "
                  "the two networks are chasing each other.",
                  amplitude, xm, static_cast<double>(swings));
  return f;
}

Finding nonFiniteFinding(const HealthSample& sample) {
  Finding f;
  f.evaluated = true;
  std::string what = sample.non_finite_what;
  const std::pair<const char*, double> fields[] = {
      {"g_loss", sample.g_loss},           {"d_loss", sample.d_loss},
      {"d_real", sample.d_real},           {"d_fake", sample.d_fake},
      {"g_grad_norm", sample.g_grad_norm}, {"diversity_ratio", sample.diversity_ratio}};
  for (const auto& [name, value] : fields)
    if (std::isinf(value)) what += (what.empty() ? "" : ", ") + std::string(name);
  if (!sample.non_finite && what.empty()) return f;
  f.holds = true;
  f.message = (what.empty() ? std::string("a loss or weight") : what) +
              " is NaN or infinite: training diverged; roll back to the last good checkpoint.";
  return f;
}

}  // namespace gs
