// The augmentation pipelines: ADA's bgc with probability p, and DiffAugment. Parameters are drawn on the CPU from
// the caller's generator, a fixed number of values per call; the ops run on the images' device.
#include "training/augment.h"

#include <c10/util/Exception.h>

#include <algorithm>
#include <cmath>

namespace gs {
namespace {

// StyleGAN2-ADA's strengths for bgc (training/augment.py).
constexpr double kIntShiftMax = 0.125;  // integer translation, share of the size
constexpr double kScaleStd = 0.2;       // log2 of isotropic scaling
constexpr double kAnisoStd = 0.2;       // log2 of anisotropic scaling
constexpr double kFracShiftStd = 0.125; // fractional translation, share of the size
constexpr double kBrightnessStd = 0.2;
constexpr double kContrastStd = 0.5;    // log2
constexpr double kSaturationStd = 1.0;  // log2
const double kPi = std::acos(-1.0);

class Draw {
 public:
  // n values per draw: one per row of a shard of the global batch (drawn for all of it, then sharded).
  Draw(at::Generator& gen, int64_t n, const BatchShard& shard) : gen_(gen), n_(shard.globalRows(n)), shard_(shard) {}
  at::Tensor uniform() { return shard_.take(at::rand({n_}, gen_, at::TensorOptions(at::kFloat))); }
  at::Tensor normal() { return shard_.take(at::randn({n_}, gen_, at::TensorOptions(at::kFloat))); }
  at::Tensor chance(double p) { return uniform() < p; }
  at::Tensor log2Normal(double std) { return at::exp2(normal() * std); }
  at::Tensor symmetric(double max) { return (uniform() * 2 - 1) * max; }  // uniform in [-max, max)
  // Whole numbers uniform in [lo, hi].
  at::Tensor integers(int64_t lo, int64_t hi) { return (uniform() * double(hi - lo + 1)).floor().clamp_max(hi - lo) + lo; }

 private:
  at::Generator& gen_;
  int64_t n_;
  BatchShard shard_;
};

// Composes per-sample matrices, each op where its own mask is on; remembers which samples changed.
class Composer {
 public:
  explicit Composer(at::Tensor identity) : identity_(identity), m_(identity), any_(at::zeros({identity.size(0)}, at::kBool)) {}
  void then(const at::Tensor& on, const at::Tensor& op) {
    m_ = at::matmul(m_, at::where(on.view({-1, 1, 1}), op, identity_));
    any_ = any_.logical_or(on);
  }
  const at::Tensor& matrix() const { return m_; }
  const at::Tensor& changed() const { return any_; }
  bool anyChanged() const { return any_.any().item<bool>(); }

 private:
  at::Tensor identity_, m_, any_;
};

at::Tensor where(const at::Tensor& on, const at::Tensor& a, double otherwise) {
  return at::where(on, a, at::full_like(a, otherwise));
}

}  // namespace

at::Tensor adaAugment(const at::Tensor& x, double p, at::Generator& gen, const BatchShard& shard) {
  TORCH_CHECK(x.dim() == 4 && x.size(2) == x.size(3), "adaAugment: expected square images, got ", x.sizes());
  const int64_t n = x.size(0), size = x.size(3);
  Draw draw(gen, n, shard);
  at::Tensor out = x;

  // Pixel blitting.
  const at::Tensor flip = draw.chance(p).logical_and(draw.uniform() < 0.5);
  const at::Tensor turn_on = draw.chance(p), turns = where(turn_on, draw.integers(0, 3), 0.0);
  const at::Tensor shift_on = draw.chance(p);
  const at::Tensor dx = where(shift_on, (draw.symmetric(kIntShiftMax) * double(size)).round(), 0.0);
  const at::Tensor dy = where(shift_on, (draw.symmetric(kIntShiftMax) * double(size)).round(), 0.0);
  if (flip.any().item<bool>()) out = flipX(out, flip);
  if (turns.ne(0).any().item<bool>()) out = rotate90(out, turns);
  if (dx.ne(0).logical_or(dy.ne(0)).any().item<bool>()) out = translateInt(out, dx, dy, EdgeFill::Reflect);

  // General geometry, one resampling. Rotation is split in two (before and after the anisotropic scaling, so
  // its axis is random), each with the probability that makes "any rotation" happen with probability p.
  const double p_rot = 1.0 - std::sqrt(std::max(0.0, 1.0 - p));
  Composer geom(at::eye(3, at::kFloat).expand({n, 3, 3}));
  {
    const at::Tensor on = draw.chance(p), s = draw.log2Normal(kScaleStd);
    geom.then(on, scaleInverse(s, s));
  }
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      const at::Tensor on = draw.chance(p), s = draw.log2Normal(kAnisoStd);
      geom.then(on, scaleInverse(s, 1.0 / s));
    }
    const at::Tensor on = draw.chance(p_rot), angle = draw.symmetric(kPi);
    geom.then(on, rotationInverse(angle));
  }
  {
    const at::Tensor on = draw.chance(p), tx = draw.normal() * kFracShiftStd, ty = draw.normal() * kFracShiftStd;
    geom.then(on, translationInverse(tx, ty));
  }
  if (geom.anyChanged()) out = warpAffine(out, geom.matrix(), geom.changed());

  // Colour. Gray images skip hue and saturation, which leave grey unchanged (their values are drawn anyway).
  const bool rgb = x.size(1) >= 3;
  Composer colour(at::eye(4, at::kFloat).expand({n, 4, 4}));
  {
    const at::Tensor on = draw.chance(p), b = draw.normal() * kBrightnessStd;
    colour.then(on, brightnessMatrix(b));
  }
  {
    const at::Tensor on = draw.chance(p), c = draw.log2Normal(kContrastStd);
    colour.then(on, contrastMatrix(c));
  }
  {
    const at::Tensor on = draw.chance(p).logical_and(draw.uniform() < 0.5);
    colour.then(on, lumaFlipMatrix(on.to(at::kFloat)));
  }
  {
    const at::Tensor on = draw.chance(p), angle = draw.symmetric(kPi);
    if (rgb) colour.then(on, hueMatrix(angle));
  }
  {
    const at::Tensor on = draw.chance(p), s = draw.log2Normal(kSaturationStd);
    if (rgb) colour.then(on, saturationMatrix(s));
  }
  if (colour.anyChanged()) {
    const at::Tensor changed = colour.changed().to(x.device()).view({n, 1, 1, 1});
    out = at::where(changed, applyColourMatrix(out, colour.matrix()), out);
  }
  return out;
}

at::Tensor diffAugment(const at::Tensor& x, at::Generator& gen, const BatchShard& shard) {
  TORCH_CHECK(x.dim() == 4 && x.size(2) == x.size(3), "diffAugment: expected square images, got ", x.sizes());
  const int64_t n = x.size(0), size = x.size(3);
  Draw draw(gen, n, shard);
  // Colour: brightness, saturation, contrast (DiffAugment's rand_brightness/saturation/contrast).
  const at::Tensor b = draw.uniform() - 0.5, s = draw.uniform() * 2, c = draw.uniform() + 0.5;
  at::Tensor out = applyColourMatrix(x, brightnessMatrix(b));
  if (x.size(1) >= 3) out = applyColourMatrix(out, saturationMatrix(s));
  out = contrastAboutMean(out, c);
  // Translation by up to 1/8 of the size, zero fill.
  const int64_t shift = int64_t(double(size) * 0.125 + 0.5);
  const at::Tensor dx = draw.integers(-shift, shift), dy = draw.integers(-shift, shift);
  out = translateInt(out, dx, dy, EdgeFill::Zero);
  // Cutout of half the size, centred anywhere in the image (so it may hang over the border).
  const int64_t cut = int64_t(double(size) * 0.5 + 0.5);
  const int64_t span = size + (1 - cut % 2);
  const at::Tensor cx = draw.integers(0, span - 1) - cut / 2, cy = draw.integers(0, span - 1) - cut / 2;
  return cutout(out, cx, cy, cut);
}

}  // namespace gs
