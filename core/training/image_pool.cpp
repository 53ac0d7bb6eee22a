#include "training/image_pool.h"

#include <c10/util/Exception.h>

namespace gs {

at::Tensor ImagePool::query(const at::Tensor& images) {
  if (capacity_ <= 0) return images;
  const int64_t n = images.size(0);
  const at::Tensor coin = at::rand({n}, at::kDouble);
  const at::Tensor slot = at::randint(capacity_, {n}, at::kLong);
  const auto* coin_p = coin.data_ptr<double>();
  const auto* slot_p = slot.data_ptr<int64_t>();
  std::vector<at::Tensor> out;
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    at::Tensor image = images[i].clone();
    if (size() < capacity_) {
      images_.push_back(image);
      out.push_back(image);
    } else if (coin_p[i] > 0.5) {
      at::Tensor& stored = images_[static_cast<size_t>(slot_p[i])];
      out.push_back(stored);
      stored = image;
    } else {
      out.push_back(image);
    }
  }
  return at::stack(out);
}

at::Tensor ImagePool::contents() const {
  if (images_.empty()) return at::zeros({0});
  return at::stack(images_);
}

void ImagePool::restore(const at::Tensor& contents) {
  images_.clear();
  if (contents.dim() == 1 && contents.numel() == 0) return;
  TORCH_CHECK(contents.dim() == 4 && contents.size(0) <= capacity_, "image pool: expected at most ", capacity_,
              " images [n, C, H, W], got ", contents.sizes());
  for (int64_t i = 0; i < contents.size(0); ++i) images_.push_back(contents[i].clone());
}

}  // namespace gs
