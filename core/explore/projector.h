#pragma once
// Projection: find the latent whose image reproduces a given picture, as StyleGAN2's projector does. Adam on z
// (DCGAN, or a style generator asked for z: several seeds, each warmed up, the best kept) or on w / w+ (style
// generators: from the average w, with StyleGAN2's noise ramp on w and its learning-rate ramps). The loss is a
// pixel loss, the same loss at 1/2 and 1/4 resolution, and, when the file is a full checkpoint, matching of the
// discriminator's penultimate features; no downloaded networks. Runs on the calling thread (CPU: the same
// seed gives the same result), reports every step and stops when asked. No LibTorch types in this header.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "explore/latent_record.h"
#include "util/image.h"

namespace gs {

class GeneratorSession;

struct ProjectionOptions {
  std::optional<LatentSpace> space;  // empty: w for style generators, z for DCGAN (w and w+ need a style one)
  int steps = 300;                   // optimiser steps in all (the z warm-up included)
  uint64_t seed = 0;                 // z: the first of the seeds tried; w, w+: the anchor z and the w noise
  std::vector<float> start;          // starting latent in `space` (w+ may start from one w); empty: see above
  int starts = 8;                    // z: seeds tried, each warmed up before the best is kept
  int warmup_steps = 30;             // z: steps each of them gets
  double lr = 0;                     // Adam's peak learning rate; 0: 0.05 for z, 0.1 for w and w+ (StyleGAN2)
  double pixel_weight = 1.0;         // mean squared error, images in [-1, 1]
  double l1_weight = 0.0;            // mean absolute error
  double multiscale_weight = 1.0;    // the pixel losses again at 1/2 and 1/4 resolution (average pooling)
  double feature_weight = 0.1;       // D's penultimate features, squared error relative to the target's
  double norm_weight = 0.01;         // z: keeps |z|^2 / dim near 1, where N(0, I) latents live
  double w_noise = 0.05;             // w, w+: noise on w at the start, times w's spread, ramped to 0 by 75%
  int preview_every = 0;             // progress carries the current image every N steps (0: never)
};

struct ProjectionProgress {
  int step = 0;   // steps done
  int total = 0;
  double loss = 0;
  ImageU8 preview;  // the current image on preview steps (and the last), else empty
};

struct ProjectionResult {
  LatentRecord latent;             // z, or w / w+ with its anchor z (latent_record.h)
  ImageU8 target;                  // the picture as the generator sees it
  ImageU8 image;                   // the latent rendered as the explorer and `sample --latent` render it
  ImageU8 start_image;             // the starting latent's image
  double loss = 0;                 // final loss (without the w noise)
  double pixel_error = 0;          // mean absolute difference from the target, 8-bit levels
  double start_pixel_error = 0;    // the same for the starting latent
  std::vector<float> loss_curve;   // one value per step done
  int steps_done = 0;
  bool cancelled = false;          // stopped early; the latent is the one reached so far
  bool used_discriminator = false;
  std::string note;                // e.g. "no discriminator in this file: pixel losses only"
  double seconds = 0;
};

class Projector {
 public:
  // Copies the generator; loads the discriminator when the session was opened from a full checkpoint. Throws
  // GanscopeError naming the file when that is damaged.
  explicit Projector(std::shared_ptr<GeneratorSession> session);
  ~Projector();
  bool hasDiscriminator() const;
  // The picture at `path` prepared as this generator's training images were (target_image.h).
  ImageU8 loadTarget(const std::string& path) const;
  // Throws GanscopeError for a target of the wrong size or options the generator cannot take.
  ProjectionResult run(const ImageU8& target, const ProjectionOptions& options,
                       const std::function<void(const ProjectionProgress&)>& progress = {},
                       const std::function<bool()>& should_stop = {});

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Mean absolute difference of two images of one size, in 8-bit levels; throws GanscopeError when sizes differ.
double meanAbsoluteError(const ImageU8& a, const ImageU8& b);

}  // namespace gs
