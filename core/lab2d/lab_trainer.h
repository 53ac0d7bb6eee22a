#pragma once
// Trains one small MLP GAN on a 2D PointMixture in chunks of steps, so a UI can animate it, and measures it:
// modes captured and high-quality share (PacGAN/VEEGAN definitions), diversity against real points, D's
// decision surface and G's density; every measurement feeds a TrainingHealthMonitor. Seeded and deterministic
// on the CPU: the same config and mixture give the same numbers however the steps are chunked, and however
// often the caller measures (evaluation draws from its own generator).
#include <ATen/ATen.h>

#include <functional>
#include <memory>
#include <vector>

#include "lab2d/field2d.h"
#include "lab2d/lab_config.h"
#include "lab2d/mode_measures.h"
#include "lab2d/point_mixture.h"
#include "metrics/training_health.h"

namespace gs {

struct Lab2dMeasures {
  int64_t step = 0;
  ModeCoverage coverage;                  // over config.eval_samples generated points
  double diversity_ratio = 0;             // mean pairwise distance, generated / real
  double mode_excess = 0;                 // see modeExcess(); fed to the monitor as duplicate_fraction
  double g_loss = 0, d_loss = 0;          // of the latest step
  double d_real = 0, d_fake = 0;          // mean D outputs of the latest step (probabilities for logistic losses)
  std::vector<Alarm> raised;              // alarms raised by this measurement
  bool collapse_alarm = false;            // the mode-collapse alarm holds now
};

class Lab2dTrainer {
 public:
  // Throws GanscopeError on an invalid config.
  Lab2dTrainer(const Lab2dConfig& config, PointMixture mixture, HealthOptions health = {});
  ~Lab2dTrainer();
  Lab2dTrainer(const Lab2dTrainer&) = delete;
  Lab2dTrainer& operator=(const Lab2dTrainer&) = delete;

  // Runs up to `n` more steps, never past config.steps; returns how many ran.
  int64_t train(int64_t n);
  // Measures G now on fresh evaluation samples and feeds the health monitor.
  Lab2dMeasures measure();

  // n generated points [n, 2] in data coordinates (from the evaluation generator).
  at::Tensor generate(int64_t n);
  // D's output on a grid: probabilities of "real" for logistic losses, raw critic scores otherwise. With pack > 1
  // each cell is judged as a pack of identical points.
  Field2d decisionSurface(double extent, int cells);
  // The fixed real points the diversity ratio is measured against [config.diversity_samples, 2].
  const at::Tensor& realPoints() const;

  int64_t step() const;
  bool done() const { return step() >= config_.steps; }
  const Lab2dConfig& config() const { return config_; }
  const PointMixture& mixture() const { return mixture_; }
  const TrainingHealthMonitor& health() const;

 private:
  struct State;
  void applyLearningRates();
  void updateAverage();
  Lab2dConfig config_;
  PointMixture mixture_;
  std::unique_ptr<State> s_;
};

// A whole run: trains config.steps steps, measuring every config.measure_every steps (and at the end), calling
// `on_measure` with each; stops early when `should_stop` returns true. Returns the last measurement.
Lab2dMeasures runLab2d(Lab2dTrainer& trainer, const std::function<void(const Lab2dMeasures&)>& on_measure = {},
                       const std::function<bool()>& should_stop = {});

}  // namespace gs
