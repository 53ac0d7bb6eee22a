#pragma once
// Differentiable augmentations of everything the discriminator sees, real and fake alike: ADA's "bgc" pipeline
// (Karras et al. 2020, "Training Generative Adversarial Networks with Limited Data") and DiffAugment (Zhao et al.
// 2020). Every op is built from LibTorch tensor ops, so gradients flow through it back to G.
//
// Images are [N, C, H, W] in [-1, 1], square, C = 1, 3 or 4 (alpha moves with the geometry but is never
// recoloured). Per-sample parameters are [N] tensors (any device, float or integer), so each op can be tested
// with known values; the pipelines draw them from a generator the caller owns (the trainer's, saved in its
// checkpoints, so resume is exact).
#include <ATen/ATen.h>

#include "distributed/batch_shard.h"

namespace gs {

// --- Pixel blitting: exact, every output pixel is an input pixel (augment_geometry.cpp) ---

// Mirrors (left to right) the samples where mask [N] (bool) is true.
at::Tensor flipX(const at::Tensor& x, const at::Tensor& mask);
// Turns sample i by k[i] quarter turns counter-clockwise (k in 0..3; torch.rot90 over H, W).
at::Tensor rotate90(const at::Tensor& x, const at::Tensor& k);
// What moves in from outside the image: the image reflected at its border (ADA) or zero, mid grey (DiffAugment).
enum class EdgeFill { Reflect, Zero };
// Moves sample i by dx[i] pixels right and dy[i] pixels down (rounded to whole pixels).
at::Tensor translateInt(const at::Tensor& x, const at::Tensor& dx, const at::Tensor& dy, EdgeFill fill);

// --- General geometry: one bilinear resampling through affine_grid / grid_sample (augment_geometry.cpp) ---

// Per-sample [N, 3, 3] matrices from output to input coordinates (the inverse of the image's transform) in
// affine_grid's frame: the image spans [-1, 1] on both axes with its centre at 0. Compose in the order the
// transforms are applied: inverse = first_inverse @ second_inverse.
at::Tensor scaleInverse(const at::Tensor& sx, const at::Tensor& sy);        // image scaled about its centre
at::Tensor rotationInverse(const at::Tensor& angle);                         // image turned by angle (radians)
at::Tensor translationInverse(const at::Tensor& tx, const at::Tensor& ty);  // image moved by (tx, ty) widths
// Resamples the samples where mask [N] is true (reflection at the border); the others come back exactly.
at::Tensor warpAffine(const at::Tensor& x, const at::Tensor& inverse, const at::Tensor& mask);

// --- Colour: per-sample [N, 4, 4] matrices acting on (r, g, b, 1) (augment_colour.cpp) ---

at::Tensor brightnessMatrix(const at::Tensor& b);   // adds b to every channel
at::Tensor contrastMatrix(const at::Tensor& c);     // scales by c about 0 (mid grey)
at::Tensor lumaFlipMatrix(const at::Tensor& flip);  // flip 1: mirrors colours through the grey plane; 0: identity
at::Tensor hueMatrix(const at::Tensor& angle);      // turns colours about the grey axis (radians)
at::Tensor saturationMatrix(const at::Tensor& s);   // scales the distance from the grey axis by s
// Applies m to the colour channels: RGB through the matrix (alpha kept); a gray image as (g, g, g), keeping the
// mean of the three results. Hue and saturation leave grey unchanged, so for gray images they are skipped.
at::Tensor applyColourMatrix(const at::Tensor& x, const at::Tensor& m);
// DiffAugment's contrast: (x - mean) * c + mean, the mean over each sample's colour channels and pixels.
at::Tensor contrastAboutMean(const at::Tensor& x, const at::Tensor& c);
// DiffAugment's cutout: zeroes the size x size square with top-left corner (x0[i], y0[i]) (clipped to the image).
at::Tensor cutout(const at::Tensor& x, const at::Tensor& x0, const at::Tensor& y0, int64_t size);

// --- Pipelines (augment.cpp) ---

// ADA's bgc: x-flip, quarter turns, integer translation (1/8 of the size at most); isotropic scaling, rotation,
// anisotropic scaling, fractional translation; brightness, contrast, luma flip, hue, saturation; each applied to
// each sample with probability p, with StyleGAN2-ADA's strengths. p = 0 returns x itself. The same number of
// values is drawn from gen whatever p, so the stream does not depend on the adapted p. A data-parallel rank passes
// its shard: x holds its rows, and the parameters are drawn for the global batch and sharded (batch_shard.h).
at::Tensor adaAugment(const at::Tensor& x, double p, at::Generator& gen, const BatchShard& shard = {});
// DiffAugment's "color,translation,cutout" on every sample: brightness +-0.5, saturation 0..2, contrast 0.5..1.5,
// translation up to 1/8 of the size (zero fill), a cutout of half the size.
at::Tensor diffAugment(const at::Tensor& x, at::Generator& gen, const BatchShard& shard = {});

}  // namespace gs
