#pragma once
// Histograms of D's outputs on real and generated images, over fixed bins so that histograms from different
// steps line up on one chart.
#include <ATen/ATen.h>

#include "metrics/health_record.h"

namespace gs {

// outputs: D's raw outputs [N]. Logistic losses: D(x) = sigmoid(logit) in `bins` bins over [0, 1]. Critics: raw
// scores in bins over [-critic_range, critic_range], values beyond counted in the end bins.
Histogram outputHistogram(const at::Tensor& outputs, bool logistic, int bins = 20, double critic_range = 10.0);

}  // namespace gs
