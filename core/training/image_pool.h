#pragma once
// CycleGAN's history of generated images (Shrivastava et al. 2017, as Zhu et al. use it): D is shown fakes drawn
// half from the current batch and half from the last `capacity` fakes, so it does not chase the generator's
// latest output. While the pool fills, every fake goes in and comes out unchanged; once full, each fake is, with
// probability 1/2, swapped for a random stored one (which D then sees instead). The draws come from the global CPU
// generator (the trainer's own state, checkpointed), a fixed number per call, so a resumed run draws the same.
#include <ATen/ATen.h>

#include <vector>

namespace gs {

class ImagePool {
 public:
  explicit ImagePool(int capacity) : capacity_(capacity) {}

  // images: detached [N, C, H, W]; returns the N images D sees, same shape and device.
  at::Tensor query(const at::Tensor& images);

  int64_t size() const { return static_cast<int64_t>(images_.size()); }
  // The stored images, [size, C, H, W] (an empty [0] tensor when none), and back (checkpoints).
  at::Tensor contents() const;
  void restore(const at::Tensor& contents);

 private:
  int capacity_;
  std::vector<at::Tensor> images_;  // each [C, H, W]
};

}  // namespace gs
