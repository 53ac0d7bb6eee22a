// Geometric augmentations: exact pixel blitting (flip, quarter turns, integer translation) and one bilinear
// resampling of a per-sample affine map (scaling, rotation, fractional translation).
#include <c10/util/Exception.h>

#include "training/augment.h"

namespace gs {
namespace {

void checkImages(const at::Tensor& x, const char* op) {
  TORCH_CHECK(x.dim() == 4 && x.size(2) == x.size(3), op, ": expected square images [N, C, H, W], got ",
              x.sizes());
}

// [N] parameters as whole numbers on `device`.
at::Tensor wholeOn(const at::Tensor& t, const c10::Device& device) {
  const at::Tensor v = t.is_floating_point() ? t.round() : t;
  return v.to(device, at::kLong).reshape({-1});
}

at::Tensor sampleMask(const at::Tensor& mask, const at::Tensor& x) {
  TORCH_CHECK(mask.numel() == x.size(0), "augment: mask has ", mask.numel(), " entries for ", x.size(0), " images");
  return mask.to(x.device(), at::kBool).view({-1, 1, 1, 1});
}

// Reflection without repeating the edge pixel (numpy's "reflect"): -1 -> 1, n -> n - 2.
at::Tensor reflectIndex(const at::Tensor& i, int64_t n) {
  if (n == 1) return at::zeros_like(i);
  const int64_t period = 2 * (n - 1);
  const at::Tensor m = at::remainder(i, period);
  return at::where(m < n, m, period - m);
}

at::Tensor eye3(int64_t n) { return at::eye(3, at::kFloat).expand({n, 3, 3}).clone(); }

}  // namespace

at::Tensor flipX(const at::Tensor& x, const at::Tensor& mask) {
  checkImages(x, "flipX");
  return at::where(sampleMask(mask, x), x.flip({3}), x);
}

at::Tensor rotate90(const at::Tensor& x, const at::Tensor& k) {
  checkImages(x, "rotate90");
  const at::Tensor turns = at::remainder(wholeOn(k, c10::kCPU), 4);
  at::Tensor out = x;
  for (int64_t q = 1; q < 4; ++q) {
    const at::Tensor on = turns == q;
    if (on.any().item<bool>()) out = at::where(sampleMask(on, x), x.rot90(q, {2, 3}), out);
  }
  return out;
}

at::Tensor translateInt(const at::Tensor& x, const at::Tensor& dx, const at::Tensor& dy, EdgeFill fill) {
  checkImages(x, "translateInt");
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  TORCH_CHECK(dx.numel() == n && dy.numel() == n, "translateInt: need one shift per image");
  const auto longs = at::TensorOptions(at::kLong).device(x.device());
  // Output pixel (y, x) shows input pixel (y - dy, x - dx).
  at::Tensor ys = at::arange(h, longs).view({1, h, 1}) - wholeOn(dy, x.device()).view({n, 1, 1});
  at::Tensor xs = at::arange(w, longs).view({1, 1, w}) - wholeOn(dx, x.device()).view({n, 1, 1});
  const at::Tensor inside = (ys >= 0).logical_and(ys < h).logical_and(xs >= 0).logical_and(xs < w);
  if (fill == EdgeFill::Reflect) {
    ys = reflectIndex(ys, h);
    xs = reflectIndex(xs, w);
  } else {
    ys = ys.clamp(0, h - 1);
    xs = xs.clamp(0, w - 1);
  }
  const at::Tensor index = (ys * w + xs).reshape({n, 1, h * w}).expand({n, c, h * w});
  at::Tensor out = x.flatten(2).gather(2, index).view_as(x);
  if (fill == EdgeFill::Zero) out = out * inside.unsqueeze(1).to(x.scalar_type());
  return out;
}

at::Tensor scaleInverse(const at::Tensor& sx, const at::Tensor& sy) {
  at::Tensor m = eye3(sx.numel());
  m.select(1, 0).select(1, 0).copy_(1.0 / sx.to(at::kCPU, at::kFloat).reshape({-1}));
  m.select(1, 1).select(1, 1).copy_(1.0 / sy.to(at::kCPU, at::kFloat).reshape({-1}));
  return m;
}

at::Tensor rotationInverse(const at::Tensor& angle) {
  const at::Tensor a = angle.to(at::kCPU, at::kFloat).reshape({-1});
  const at::Tensor c = a.cos(), s = a.sin();
  at::Tensor m = eye3(a.numel());
  // The inverse of a turn by a is the turn by -a.
  m.select(1, 0).select(1, 0).copy_(c);
  m.select(1, 0).select(1, 1).copy_(s);
  m.select(1, 1).select(1, 0).copy_(-s);
  m.select(1, 1).select(1, 1).copy_(c);
  return m;
}

at::Tensor translationInverse(const at::Tensor& tx, const at::Tensor& ty) {
  at::Tensor m = eye3(tx.numel());
  // One image width is 2 in affine_grid's frame.
  m.select(1, 0).select(1, 2).copy_(-2.0 * tx.to(at::kCPU, at::kFloat).reshape({-1}));
  m.select(1, 1).select(1, 2).copy_(-2.0 * ty.to(at::kCPU, at::kFloat).reshape({-1}));
  return m;
}

at::Tensor warpAffine(const at::Tensor& x, const at::Tensor& inverse, const at::Tensor& mask) {
  checkImages(x, "warpAffine");
  TORCH_CHECK(inverse.dim() == 3 && inverse.size(0) == x.size(0) && inverse.size(1) == 3 && inverse.size(2) == 3,
              "warpAffine: expected [N, 3, 3] matrices, got ", inverse.sizes());
  if (!mask.any().item<bool>()) return x;
  const at::Tensor theta = inverse.slice(1, 0, 2).to(x.device(), x.scalar_type());
  const at::Tensor grid = at::affine_grid_generator(theta, x.sizes(), /*align_corners=*/false);
  const at::Tensor warped = at::grid_sampler(x, grid, /*interpolation_mode=bilinear*/ 0,
                                             /*padding_mode=reflection*/ 2, /*align_corners=*/false);
  return at::where(sampleMask(mask, x), warped, x);
}

}  // namespace gs
