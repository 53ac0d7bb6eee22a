// Colour augmentations as per-sample 4x4 matrices on (r, g, b, 1), StyleGAN2-ADA's formulation: the grey axis
// is v = (1, 1, 1) / sqrt(3); brightness and contrast act about 0, the middle of [-1, 1].
#include <c10/util/Exception.h>

#include <cmath>

#include "training/augment.h"

namespace gs {
namespace {

at::Tensor params(const at::Tensor& t) { return t.to(at::kCPU, at::kFloat).reshape({-1}); }

at::Tensor eye4(int64_t n) { return at::eye(4, at::kFloat).expand({n, 4, 4}).clone(); }

// v v^T in the colour block of a 4x4 matrix.
at::Tensor greyProjection() {
  at::Tensor p = at::zeros({4, 4}, at::kFloat);
  p.slice(0, 0, 3).slice(1, 0, 3).fill_(1.0 / 3.0);
  return p;
}

// The colour channels of x (the first three, or the only one).
at::Tensor colourOf(const at::Tensor& x) { return x.size(1) >= 3 ? x.slice(1, 0, 3) : x; }

// x with its colour channels replaced (alpha, when there is one, kept).
at::Tensor withColour(const at::Tensor& x, const at::Tensor& colour) {
  return x.size(1) == 4 ? at::cat({colour, x.slice(1, 3, 4)}, 1) : colour;
}

}  // namespace

at::Tensor brightnessMatrix(const at::Tensor& b) {
  const at::Tensor v = params(b);
  at::Tensor m = eye4(v.numel());
  m.select(2, 3).slice(1, 0, 3).copy_(v.view({-1, 1}).expand({-1, 3}));
  return m;
}

at::Tensor contrastMatrix(const at::Tensor& c) {
  const at::Tensor v = params(c);
  at::Tensor m = eye4(v.numel());
  for (int i = 0; i < 3; ++i) m.select(1, i).select(1, i).copy_(v);
  return m;
}

at::Tensor lumaFlipMatrix(const at::Tensor& flip) {
  const at::Tensor v = params(flip).view({-1, 1, 1});
  // I - 2 v v^T reflects through the plane orthogonal to the grey axis.
  return eye4(v.size(0)) - 2.0 * greyProjection() * v;
}

at::Tensor hueMatrix(const at::Tensor& angle) {
  const at::Tensor a = params(angle).view({-1, 1, 1});
  const double k = 1.0 / std::sqrt(3.0);
  // Rodrigues: R = cos I + sin [v]x + (1 - cos) v v^T, in the colour block.
  at::Tensor cross = at::zeros({4, 4}, at::kFloat);
  cross[0][1] = -k;
  cross[0][2] = k;
  cross[1][0] = k;
  cross[1][2] = -k;
  cross[2][0] = -k;
  cross[2][1] = k;
  at::Tensor colour_eye = at::eye(4, at::kFloat);
  colour_eye[3][3] = 0;
  at::Tensor m = a.cos() * colour_eye + a.sin() * cross + (1 - a.cos()) * greyProjection();
  m.select(1, 3).select(1, 3).fill_(1.0);
  return m;
}

at::Tensor saturationMatrix(const at::Tensor& s) {
  const at::Tensor v = params(s).view({-1, 1, 1});
  at::Tensor colour_eye = at::eye(4, at::kFloat);
  colour_eye[3][3] = 0;
  at::Tensor m = greyProjection() + (colour_eye - greyProjection()) * v;
  m.select(1, 3).select(1, 3).fill_(1.0);
  return m;
}

at::Tensor applyColourMatrix(const at::Tensor& x, const at::Tensor& m) {
  TORCH_CHECK(x.dim() == 4 && (x.size(1) == 1 || x.size(1) == 3 || x.size(1) == 4),
              "applyColourMatrix: expected [N, 1|3|4, H, W], got ", x.sizes());
  TORCH_CHECK(m.dim() == 3 && m.size(0) == x.size(0) && m.size(1) == 4 && m.size(2) == 4,
              "applyColourMatrix: expected [N, 4, 4] matrices, got ", m.sizes());
  const int64_t n = x.size(0);
  const at::Tensor mm = m.to(x.device(), x.scalar_type());
  const at::Tensor offset = mm.slice(1, 0, 3).select(2, 3);  // [N, 3]
  if (x.size(1) == 1) {
    const at::Tensor gain = mm.slice(1, 0, 3).slice(2, 0, 3).sum(2).mean(1);
    return x * gain.view({n, 1, 1, 1}) + offset.mean(1).view({n, 1, 1, 1});
  }
  const at::Tensor rgb = colourOf(x).flatten(2);  // [N, 3, HW]
  const at::Tensor out = at::matmul(mm.slice(1, 0, 3).slice(2, 0, 3), rgb) + offset.unsqueeze(2);
  return withColour(x, out.view({n, 3, x.size(2), x.size(3)}));
}

at::Tensor contrastAboutMean(const at::Tensor& x, const at::Tensor& c) {
  const at::Tensor colour = colourOf(x);
  const at::Tensor mean = colour.mean({1, 2, 3}, /*keepdim=*/true);
  const at::Tensor gain = c.to(x.device(), x.scalar_type()).view({-1, 1, 1, 1});
  return withColour(x, (colour - mean) * gain + mean);
}

at::Tensor cutout(const at::Tensor& x, const at::Tensor& x0, const at::Tensor& y0, int64_t size) {
  TORCH_CHECK(x.dim() == 4, "cutout: expected [N, C, H, W], got ", x.sizes());
  const int64_t n = x.size(0), h = x.size(2), w = x.size(3);
  const auto longs = at::TensorOptions(at::kLong).device(x.device());
  const at::Tensor left = x0.to(x.device(), at::kLong).view({n, 1, 1});
  const at::Tensor top = y0.to(x.device(), at::kLong).view({n, 1, 1});
  const at::Tensor cols = at::arange(w, longs).view({1, 1, w});
  const at::Tensor rows = at::arange(h, longs).view({1, h, 1});
  const at::Tensor inside =
      (cols >= left).logical_and(cols < left + size).logical_and(rows >= top).logical_and(rows < top + size);
  return x * inside.logical_not().unsqueeze(1).to(x.scalar_type());
}

}  // namespace gs
