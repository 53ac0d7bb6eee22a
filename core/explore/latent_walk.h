#pragma once
// Latent walks: spherical interpolation between latents and the frame-by-frame path through a list of key
// latents that a latent-walk video shows (the classic GAN interpolation video).
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// Spherical interpolation (Shoemake; used for GAN latents since White 2016): Gaussian latents live near a
// sphere, and a straight line cuts through its low-norm interior, rendering washed-out images halfway.
std::vector<float> slerp(const std::vector<float>& a, const std::vector<float>& b, double t);

// `frames_per_key` frames from each key towards the next (the key itself first). A loop returns from the last
// key to the first, so the video repeats seamlessly; otherwise the last key ends the walk. Throws GanscopeError
// for fewer than 2 keys, keys of different sizes or frames_per_key < 1.
std::vector<std::vector<float>> latentWalk(const std::vector<std::vector<float>>& keys, int frames_per_key,
                                           bool loop);

// How exports describe a walk: "spherical through seeds 1,2,3 and back to the first, 48 frames per seed, 24 fps".
std::string latentWalkRecipe(const std::vector<uint64_t>& seeds, int frames_per_key, bool loop, int fps);

}  // namespace gs
