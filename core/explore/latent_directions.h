#pragma once
// Interpretable edit directions of a generator, found without labels (GANSpace, Härkönen et al. 2020; SeFa,
// Shen and Zhou 2021), and their application to a latent. Style-based generators: principal components of w
// over many mapped latents (GANSpace), in units of the standard deviation of w along each. DCGAN: the right
// singular vectors of the first block's linear map from z (SeFa), the directions of z that change the first
// feature maps most; z is a unit Gaussian, so one unit is one standard deviation. No LibTorch in this header.
#include <cstdint>
#include <string>
#include <vector>

#include "explore/style_controls.h"

namespace gs {

struct LatentDirections {
  enum class Space { Z, W };
  Space space = Space::Z;
  std::string method;                        // how they were found, for captions and recipes
  std::vector<std::vector<float>> vectors;   // unit vectors in z or w, strongest first, orthogonal
  std::vector<float> sigma;                  // spread of the latents along each (slider unit)
  std::vector<float> explained;              // share of the total variance (w) or of the map's energy (z)

  int count() const { return static_cast<int>(vectors.size()); }
  bool empty() const { return vectors.empty(); }
};

// How far to move along each direction, in units of its sigma; style-based generators apply the move to the
// synthesis layers first_layer..last_layer only (GANSpace's layer-wise edits; -1: to the last layer).
struct DirectionEdit {
  std::vector<float> amounts;  // one per direction (missing ones: 0)
  int first_layer = 0;
  int last_layer = -1;

  bool isZero() const;
};

// The same edit on many latents (a grid, a video): z directions move every latent; a w edit goes into `style`
// once, since the style controls are shared by all of them.
void applyDirectionsToAll(const LatentDirections& directions, const DirectionEdit& edit,
                          std::vector<std::vector<float>>& latents, StyleControls& style, int style_layers,
                          int w_dim);

// The recipe form of an edit, e.g. "0:+2.5,3:-1@2-6" (direction:amount in sigma, then the layer range when it is
// not every layer); "" for no edit. Exports record it under "Directions"; `ganscope-cli sample/video
// --directions` reads it back (directions are a deterministic function of the weights).
std::string directionEditToText(const DirectionEdit& edit);
// Throws GanscopeError naming the bad part.
DirectionEdit directionEditFromText(const std::string& text);

// Applies `edit`: z-space directions move `z`; w-space ones add to `style`'s w offsets (w when the edit covers
// every one of `style_layers` layers, else per-layer w+ offsets, creating the layer entries as needed).
// Throws GanscopeError when a vector does not fit the latent or w.
void applyDirections(const LatentDirections& directions, const DirectionEdit& edit, std::vector<float>& z,
                     StyleControls& style, int style_layers, int w_dim);

// A sweep along direction `direction` (GANSpace's videos): `frames` edits that add sigma * sin(2 pi f / frames)
// to `base`'s amount for it - out to +sigma, back through the start to -sigma, and home - so a video of them
// loops smoothly.
std::vector<DirectionEdit> directionSweep(const DirectionEdit& base, int direction, float sigma, int frames);

// The frames of a sweep video of latent `z`: each sweep edit applied to z (z directions) or to a copy of `style`
// (w directions: one StyleControls per frame; `styles` stays empty for z directions).
struct SweepFrames {
  std::vector<std::vector<float>> latents;
  std::vector<StyleControls> styles;
};
SweepFrames sweepFrames(const LatentDirections& directions, const DirectionEdit& base, int direction, float sigma,
                        int frames, const std::vector<float>& z, const StyleControls& style, int style_layers,
                        int w_dim);
// "0:+2.5 (GANSpace: ...)": an edit as exports record it under "Directions" ("" for no edit).
std::string directionsRecipe(const LatentDirections& directions, const DirectionEdit& edit);
// "direction 1 swept +-3 sigma on top of 0:+2 (GANSpace: ...)", as exports record a sweep.
std::string sweepRecipe(const LatentDirections& directions, const DirectionEdit& base, int direction, float sigma);

// Principal directions of a sample: `rows` [n, dim] row-major; returns up to `count` unit eigenvectors of the
// covariance, largest variance first, with sigma = sqrt(variance) and the variance share. Signs are fixed so
// that each vector's largest-magnitude entry is positive (the same data give the same directions).
LatentDirections principalDirections(const std::vector<float>& rows, int n, int dim, int count);

}  // namespace gs
