#include "metrics/training_health.h"

#include <algorithm>
#include <cmath>

#include "metrics/health_conditions.h"
#include "metrics/remedies.h"

namespace gs {
namespace {

// Standard remedies per failure, best first.
std::vector<std::string> remediesFor(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::ModeCollapse:
      return {kRemedyMinibatchStd, kRemedyWganGp, kRemedySpectralNorm, kRemedyLowerLrD};
    case AlarmKind::DiscriminatorWins:
      return {kRemedyAda, kRemedyLowerLrD, kRemedySpectralNorm, kRemedyWganGp, kRemedyNonSaturating};
    case AlarmKind::Oscillation:
      return {kRemedyLowerLr, kRemedySpectralNorm, kRemedyWganGp};
    case AlarmKind::NonFinite:
      return {kRemedyRollback, kRemedyLowerLr, kRemedyWganGp};
  }
  return {};
}

}  // namespace

TrainingHealthMonitor::TrainingHealthMonitor(HealthOptions options) : options_(options) {}

void TrainingHealthMonitor::update(AlarmKind kind, bool evaluated, bool holds, int rearm_after, Alarm candidate,
                                   std::vector<Alarm>& raised) {
  KindState& k = kinds_[static_cast<int>(kind)];
  if (!evaluated) return;  // keeps its last verdict until there is data to judge again
  k.holds = holds;
  if (holds) {
    k.clear_count = 0;
    if (!k.raised) {
      k.raised = true;
      k.alarm = std::move(candidate);
      history_.push_back(k.alarm);
      raised.push_back(k.alarm);
    }
  } else if (k.raised && ++k.clear_count >= rearm_after) {
    k.raised = false;
    k.clear_count = 0;
  }
}

std::vector<Alarm> TrainingHealthMonitor::observe(const HealthSample& sample) {
  const HealthOptions& o = options_;
  recent_.push_back(sample);
  const size_t keep = static_cast<size_t>(std::max({o.window, o.oscillation_window, 2}));
  while (recent_.size() > keep) recent_.pop_front();
  const bool has_diversity = std::isfinite(sample.diversity_ratio);
  if (has_diversity) {
    diversity_.push_back(sample);
    while (diversity_.size() > static_cast<size_t>(std::max(1, o.collapse_confirm))) diversity_.pop_front();
  }

  auto candidate = [&](AlarmKind kind, const Finding& f) {
    Alarm a;
    a.kind = kind;
    a.step = sample.step;
    a.message = f.message;
    a.remedies = remediesFor(kind);
    return a;
  };
  std::vector<Alarm> raised;
  const Finding bad = nonFiniteFinding(sample);
  update(AlarmKind::NonFinite, true, bad.holds, 1, candidate(AlarmKind::NonFinite, bad), raised);
  if (bad.holds) return raised;  // the other tests would only repeat the same news
  if (sample.step < o.warmup_steps) return raised;

  if (has_diversity) {
    const Finding f = modeCollapseFinding(diversity_, o);
    update(AlarmKind::ModeCollapse, f.evaluated, f.holds, std::max(1, o.collapse_confirm),
           candidate(AlarmKind::ModeCollapse, f), raised);
  }
  const Finding wins = discriminatorWinsFinding(recent_, o, peak_grad_median_);
  update(AlarmKind::DiscriminatorWins, wins.evaluated, wins.holds, o.window,
         candidate(AlarmKind::DiscriminatorWins, wins), raised);
  const Finding osc = oscillationFinding(recent_, o);
  update(AlarmKind::Oscillation, osc.evaluated, osc.holds, o.window, candidate(AlarmKind::Oscillation, osc),
         raised);
  return raised;
}

std::vector<Alarm> TrainingHealthMonitor::active() const {
  std::vector<Alarm> out;
  for (const KindState& k : kinds_)
    if (k.holds && k.raised) out.push_back(k.alarm);
  return out;
}

void TrainingHealthMonitor::rewind(int64_t step) {
  auto later = [step](const HealthSample& s) { return s.step > step; };
  recent_.erase(std::remove_if(recent_.begin(), recent_.end(), later), recent_.end());
  diversity_.erase(std::remove_if(diversity_.begin(), diversity_.end(), later), diversity_.end());
  for (KindState& k : kinds_) k = KindState{};
}

void TrainingHealthMonitor::reset() {
  recent_.clear();
  diversity_.clear();
  history_.clear();
  peak_grad_median_ = 0;
  for (KindState& k : kinds_) k = KindState{};
}

}  // namespace gs
