#pragma once
// Watches a training run's numbers as they arrive and raises named alarms for the three classic GAN failures
// (mode collapse, a discriminator that wins outright, oscillating losses) and for non-finite numbers. Plain
// data in, plain data out: the image trainer's run loop and the 2D lab both feed it, the CLI prints its alarms,
// the desktop app shows them as a banner and as markers on the charts. No LibTorch types here.
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "metrics/alarm.h"

namespace gs {

// One observation. Fields a caller did not measure at this step stay NaN and are ignored.
struct HealthSample {
  int64_t step = 0;
  double g_loss = std::numeric_limits<double>::quiet_NaN();
  double d_loss = std::numeric_limits<double>::quiet_NaN();
  // Mean D outputs. For logistic losses (minimax, ns) these are probabilities in [0, 1]; for critics (wgan-gp,
  // hinge) raw scores, and `logistic` is false.
  double d_real = std::numeric_limits<double>::quiet_NaN();
  double d_fake = std::numeric_limits<double>::quiet_NaN();
  bool logistic = true;
  double g_grad_norm = std::numeric_limits<double>::quiet_NaN();
  // Diversity of generated samples as a ratio to the same measure on real data (1: as diverse as the data).
  double diversity_ratio = std::numeric_limits<double>::quiet_NaN();
  // Share of generated samples that have a near-duplicate closer than real images ever are (0..1).
  double duplicate_fraction = std::numeric_limits<double>::quiet_NaN();
  // Set by the caller when it saw NaN or Inf where "not measured" is no excuse (a loss it computed, a weight).
  // Infinite values in the fields above count too; NaN there only means "not measured".
  bool non_finite = false;
  std::string non_finite_what;  // what was not finite, for the message ("g_loss", "D weights", ...)
};


struct HealthOptions {
  int window = 20;                     // observations that make up "recently" (D wins)
  double collapse_diversity = 0.5;     // diversity ratio below this counts as collapsed ...
  double collapse_duplicates = 0.25;   // ... together with at least this duplicate fraction (or diversity < half of it)
  int collapse_confirm = 2;            // consecutive diversity measurements that must look collapsed
  double collapse_recovering = 1.1;    // not collapse while diversity climbs by this factor over those measurements,
  double collapse_recovering_floor = 0;  // ... unless it is still below this ratio (0: any climb excuses)
  double d_wins_fake = 0.05;           // logistic D(G(z)) below this for a whole window: D wins
  double grad_collapse = 0.01;         // window median of the G grad norm below this share of its peak: D wins
  double critic_gap_growth = 1.5;      // critics: real-fake gap grows by this factor across one window: D wins
  int oscillation_window = 100;        // observations of G loss examined for oscillation
  double oscillation_swings = 4;       // at least this many swings between +-amplitude/2 (detrended, smoothed) ...
  double oscillation_amplitude = 0.5;  // ... with half the peak-to-peak at least this share of the mean |G loss|
  int64_t warmup_steps = 0;            // no collapse, D-wins or oscillation alarms before this step
};

class TrainingHealthMonitor {
 public:
  explicit TrainingHealthMonitor(HealthOptions options = {});
  // Adds an observation; returns the alarms that became active at this observation (each kind is raised once
  // and re-armed only after the condition has cleared for a whole window: `window` observations for D wins and
  // oscillation, `collapse_confirm` diversity measurements for collapse, one finite observation for non-finite).
  std::vector<Alarm> observe(const HealthSample& sample);
  // Alarms whose condition holds at the latest observation.
  std::vector<Alarm> active() const;
  // Every alarm raised so far, oldest first.
  const std::vector<Alarm>& history() const { return history_; }
  // Forgets the observations after `step` (a rollback to a checkpoint); alarm history stays.
  void rewind(int64_t step);
  void reset();
  const HealthOptions& options() const { return options_; }

 private:
  struct KindState {
    bool holds = false;    // condition held at its latest evaluation
    bool raised = false;   // raised and not yet re-armed
    int clear_count = 0;   // evaluations since the condition last held
    Alarm alarm;           // the alarm as last raised (for active())
  };
  void update(AlarmKind kind, bool evaluated, bool holds, int rearm_after, Alarm candidate,
              std::vector<Alarm>& raised);

  HealthOptions options_;
  std::deque<HealthSample> recent_;     // newest last, at most max(window, oscillation_window)
  std::deque<HealthSample> diversity_;  // observations that carried a diversity ratio, newest last
  double peak_grad_median_ = 0;         // largest window median of the G grad norm so far
  std::vector<Alarm> history_;
  KindState kinds_[kAlarmKinds];
};

}  // namespace gs
