#pragma once
// The tests behind each alarm of TrainingHealthMonitor, as pure functions of recent observations, so each can be
// read and tested on its own. A Finding says whether the condition holds and, when it does, why (one sentence).
#include <deque>
#include <string>

#include "metrics/training_health.h"

namespace gs {

struct Finding {
  bool evaluated = false;  // enough data to judge
  bool holds = false;
  std::string message;     // set when holds
};

// Latest diversity measurements (newest last): collapse when the last `collapse_confirm` all have a low diversity
// ratio together with many duplicates (or a very low ratio) and diversity is not climbing back.
Finding modeCollapseFinding(const std::deque<HealthSample>& diversity, const HealthOptions& o);

// D wins outright: logistic D(G(z)) below d_wins_fake for a whole window; or the G gradient norm's window median
// fallen below grad_collapse of its peak; or, for critics, the real-fake gap growing by critic_gap_growth across
// the window. `peak_grad_median` is the largest window median seen so far (updated here).
Finding discriminatorWinsFinding(const std::deque<HealthSample>& recent, const HealthOptions& o,
                                 double& peak_grad_median);

// G loss swinging without trend over the last oscillation_window observations: after removing the linear trend
// and smoothing step noise, at least oscillation_swings swings between +-A/2 (A: half the peak-to-peak), with A
// at least oscillation_amplitude of the mean |G loss| and larger than the trend across the window.
Finding oscillationFinding(const std::deque<HealthSample>& recent, const HealthOptions& o);

// Infinite values in any field, or the caller's non_finite flag.
Finding nonFiniteFinding(const HealthSample& sample);

}  // namespace gs
