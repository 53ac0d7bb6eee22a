#include "lab2d/lab_config.h"

#include "util/error.h"

namespace gs {
namespace {

void require(bool ok, const std::string& message) {
  if (!ok) throw GanscopeError("2D lab: " + message);
}

}  // namespace

void validate(const Lab2dConfig& c) {
  require(c.latent_dim >= 1 && c.latent_dim <= 64, "latent_dim must be 1-64, got " + std::to_string(c.latent_dim));
  require(c.g.width >= 1 && c.g.depth >= 1 && c.d.width >= 1 && c.d.depth >= 1,
          "networks need at least one hidden layer of at least one unit");
  require(c.pack >= 1, "pack must be at least 1");
  require(c.batch >= 2 && c.batch % c.pack == 0,
          "batch must be at least 2 and a multiple of pack (" + std::to_string(c.pack) + "), got " +
              std::to_string(c.batch));
  require(c.lr_g > 0 && c.lr_d > 0, "learning rates must be positive");
  require(c.beta1 >= 0 && c.beta1 < 1 && c.beta2 >= 0 && c.beta2 < 1, "Adam betas must be in [0, 1)");
  require(c.r1_gamma >= 0, "r1_gamma must not be negative");
  require(c.d_steps >= 1, "d_steps must be at least 1");
  require(c.steps >= 0, "steps must not be negative");
  require(c.eval_samples >= 2 && c.diversity_samples >= 2 && c.diversity_samples <= c.eval_samples,
          "eval_samples and diversity_samples must be at least 2, diversity_samples <= eval_samples");
  require(c.measure_every >= 1, "measure_every must be at least 1");
}

}  // namespace gs
