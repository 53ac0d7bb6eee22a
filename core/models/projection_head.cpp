#include "models/projection_head.h"

#include <cmath>

#include "models/conditional_batchnorm.h"

namespace gs {

ProjectionHeadImpl::ProjectionHeadImpl(int64_t classes, int64_t features) {
  embed = register_parameter("embed", at::randn({classes, features}) / std::sqrt(static_cast<double>(features)));
}

at::Tensor ProjectionHeadImpl::score(const at::Tensor& features, const at::Tensor& classes) {
  checkClasses(classes, features.size(0), embed.size(0));
  return (embed.index_select(0, classes) * features).sum(1);
}

at::Tensor ProjectionHeadImpl::allScores(const at::Tensor& features) { return features.matmul(embed.t()); }

}  // namespace gs
