#include "metrics/sliced_wasserstein.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>

#include <algorithm>

#include "util/error.h"

namespace gs {
namespace {

// 5-tap binomial filter [1 4 6 4 1] / 16 in both directions, per channel, mirrored at the borders.
at::Tensor blur(const at::Tensor& x) {
  const at::Tensor k1 = at::tensor({1.0, 4.0, 6.0, 4.0, 1.0}, x.options()) / 16.0;
  const int64_t c = x.size(1);
  const at::Tensor kernel = at::outer(k1, k1).expand({c, 1, 5, 5}).contiguous();
  return at::conv2d(at::reflection_pad2d(x, {2, 2, 2, 2}), kernel, /*bias=*/at::Tensor(), /*stride=*/{1, 1},
                    /*padding=*/at::IntArrayRef{0, 0}, /*dilation=*/{1, 1}, /*groups=*/c);
}

at::Tensor down(const at::Tensor& x) { return blur(x).slice(2, 0, x.size(2), 2).slice(3, 0, x.size(3), 2); }

at::Tensor up(const at::Tensor& x, int64_t h, int64_t w) {
  at::Tensor z = at::zeros({x.size(0), x.size(1), h, w}, x.options());
  z.slice(2, 0, h, 2).slice(3, 0, w, 2).copy_(x);
  return blur(z) * 4.0;
}

// Patches [N * per_image, C * patch^2] at positions drawn from gen (same draws for any set of the same shape).
at::Tensor patches(const at::Tensor& level, int patch, int per_image, at::Generator& gen) {
  const int64_t n = level.size(0), c = level.size(1), h = level.size(2), w = level.size(3);
  const int64_t half = patch / 2, count = n * per_image;
  const auto longs = at::TensorOptions(at::kLong);
  const at::Tensor img = at::arange(count, longs).div(per_image, "floor").view({count, 1, 1, 1});
  const at::Tensor ys = at::randint(half, h - half, {count, 1, 1, 1}, gen, longs);
  const at::Tensor xs = at::randint(half, w - half, {count, 1, 1, 1}, gen, longs);
  const at::Tensor ch = at::arange(c, longs).view({1, c, 1, 1});
  const at::Tensor dy = at::arange(-half, half + 1, longs).view({1, 1, patch, 1});
  const at::Tensor dx = at::arange(-half, half + 1, longs).view({1, 1, 1, patch});
  const at::Tensor index = ((img * c + ch) * h + ys + dy) * w + xs + dx;
  return at::take(level.contiguous(), index).view({count, c * patch * patch});
}

// ProGAN normalises each set's descriptors per channel (mean 0, std 1 over all patches and pixels).
at::Tensor normalised(const at::Tensor& desc, int64_t channels) {
  const at::Tensor v = desc.view({desc.size(0), channels, -1});
  const at::Tensor mean = v.mean(at::IntArrayRef{0, 2}, /*keepdim=*/true);
  const at::Tensor sd = v.std(at::IntArrayRef{0, 2}, /*unbiased=*/false, /*keepdim=*/true).clamp_min(1e-8);
  return ((v - mean) / sd).view({desc.size(0), -1});
}

// Each row sorted ascending. std::sort on the raw floats, rows in parallel: at::sort (values and indices) was
// ten times slower here.
at::Tensor sortedRows(const at::Tensor& x) {
  at::Tensor out = x.to(at::kFloat).contiguous().clone();
  float* p = out.data_ptr<float>();
  const int64_t cols = out.size(1);
  at::parallel_for(0, out.size(0), 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) std::sort(p + r * cols, p + (r + 1) * cols);
  });
  return out;
}

}  // namespace

std::vector<at::Tensor> laplacianPyramid(const at::Tensor& images, int levels) {
  std::vector<at::Tensor> out;
  at::Tensor current = images;
  for (int i = 0; i + 1 < levels; ++i) {
    const at::Tensor small = down(current);
    out.push_back(current - up(small, current.size(2), current.size(3)));
    current = small;
  }
  out.push_back(current);
  return out;
}

double slicedWasserstein(const at::Tensor& a, const at::Tensor& b, int repeats, int directions, uint64_t seed) {
  if (a.dim() != 2 || !a.sizes().equals(b.sizes()))
    throw GanscopeError("sliced Wasserstein distance: both sets must be [N, D] of the same shape");
  at::Generator gen = at::detail::createCPUGenerator(seed);
  double total = 0;
  for (int r = 0; r < repeats; ++r) {
    at::Tensor dirs = at::randn({a.size(1), directions}, gen, a.options());
    dirs = dirs / dirs.norm(2, {0}, true);
    const at::Tensor pa = sortedRows(at::matmul(dirs.t(), a.t()));
    const at::Tensor pb = sortedRows(at::matmul(dirs.t(), b.t()));
    total += (pa - pb).abs().mean().item<double>();
  }
  return total / repeats;
}

SwdResult slicedWassersteinDistance(const at::Tensor& real, const at::Tensor& fake, const SwdOptions& o) {
  if (real.dim() != 4 || !real.sizes().equals(fake.sizes()))
    throw GanscopeError("sliced Wasserstein distance: real and generated images must be [N, C, H, W] of the "
                        "same shape");
  const int64_t side = std::min(real.size(2), real.size(3));
  if (side < o.patch) throw GanscopeError("sliced Wasserstein distance: images smaller than one patch");
  int levels = 1;
  while ((side >> levels) >= std::max(o.min_resolution, o.patch)) ++levels;
  const at::Tensor r = real.detach().to(at::kCPU, at::kFloat), f = fake.detach().to(at::kCPU, at::kFloat);
  const std::vector<at::Tensor> pr = laplacianPyramid(r, levels), pf = laplacianPyramid(f, levels);
  SwdResult out;
  for (int l = 0; l < levels; ++l) {
    // Same patch positions and directions for both sets: identical sets give exactly 0.
    at::Generator gen_r = at::detail::createCPUGenerator(o.seed * 131 + l);
    at::Generator gen_f = at::detail::createCPUGenerator(o.seed * 131 + l);
    const int64_t c = r.size(1);
    const at::Tensor dr = normalised(patches(pr[l], o.patch, o.patches_per_image, gen_r), c);
    const at::Tensor df = normalised(patches(pf[l], o.patch, o.patches_per_image, gen_f), c);
    out.resolutions.push_back(static_cast<int>(pr[l].size(2)));
    out.levels.push_back(1e3 * slicedWasserstein(dr, df, o.repeats, o.directions, o.seed * 7919 + l));
    out.mean += out.levels.back() / levels;
  }
  return out;
}

}  // namespace gs
