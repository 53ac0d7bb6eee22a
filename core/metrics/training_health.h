#pragma once
// Watches a training run's numbers as they arrive and raises named alarms for the three classic GAN failures
// (mode collapse, a discriminator that wins outright, oscillating losses) and for non-finite numbers. Plain
// data in, plain data out: the image trainer's run loop and the 2D lab both feed it, the CLI prints its alarms,
// the desktop app shows them as a banner and as markers on the charts. No LibTorch types here.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

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
};

enum class AlarmKind { ModeCollapse, DiscriminatorWins, Oscillation, NonFinite };

struct Alarm {
  AlarmKind kind = AlarmKind::ModeCollapse;
  int64_t step = 0;                    // step at which it was raised
  std::string message;                 // one sentence a person can act on
  std::vector<std::string> remedies;   // short names of the standard remedies, best first
};

std::string toString(AlarmKind kind);  // "mode-collapse", "discriminator-wins", "oscillation", "non-finite"

struct HealthOptions {
  int window = 20;                     // observations that make up "recently"
  double collapse_diversity = 0.5;     // diversity ratio below this counts as collapsed ...
  double collapse_duplicates = 0.25;   // ... together with at least this duplicate fraction (or diversity < half of it)
  double d_wins_fake = 0.05;           // logistic D(G(z)) below this for a whole window: D wins
  double oscillation_swings = 0.6;     // share of sign changes in successive G-loss differences ...
  double oscillation_amplitude = 0.5;  // ... with swings at least this large relative to the mean |G loss|
};

class TrainingHealthMonitor {
 public:
  explicit TrainingHealthMonitor(HealthOptions options = {});
  // Adds an observation; returns the alarms that became active at this observation (each kind is raised once
  // and re-armed only after the condition has cleared for a whole window).
  std::vector<Alarm> observe(const HealthSample& sample);
  // Alarms whose condition holds at the latest observation.
  std::vector<Alarm> active() const;
  // Every alarm raised so far, oldest first.
  const std::vector<Alarm>& history() const { return history_; }
  void reset();

 private:
  HealthOptions options_;
  std::vector<HealthSample> recent_;
  std::vector<Alarm> history_;
  std::vector<Alarm> active_;
  std::vector<int> clear_count_;  // per AlarmKind: observations since its condition last held
};

}  // namespace gs
