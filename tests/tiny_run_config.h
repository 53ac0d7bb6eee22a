#pragma once
// The smallest training run that still goes through every part (32 px, widths 8, latent 16, batch 8, on the
// CPU). Tests of the run loop, run folders and the desktop app start from it and set what they test.
#include <cstdint>
#include <string>

#include "config.h"

namespace gs {

inline TrainConfig tinyRunConfig(int64_t steps, const std::string& data = {}) {
  TrainConfig c;
  c.data.path = data;
  c.data.resolution = c.model.resolution = 32;
  c.model.g_width = c.model.d_width = 8;
  c.model.latent_dim = 16;
  c.batch = 8;
  c.total_steps = steps;
  c.device = "cpu";
  return c;
}

}  // namespace gs
