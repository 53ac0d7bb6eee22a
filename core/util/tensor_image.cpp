#include "util/tensor_image.h"

#include <cstring>

#include "util/error.h"

namespace gs {

std::vector<ImageU8> tensorToImages(const at::Tensor& images) {
  if (images.dim() != 4) throw GanscopeError("tensorToImages: expected [N, C, H, W]");
  // Map [-1, 1] to [0, 255] with rounding, then NCHW -> NHWC so each image is interleaved.
  const at::Tensor u8 = images.detach()
                            .to(at::kCPU, at::kFloat)
                            .add(1.0)
                            .mul(127.5)
                            .round()
                            .clamp(0, 255)
                            .to(at::kByte)
                            .permute({0, 2, 3, 1})
                            .contiguous();
  const int64_t n = u8.size(0);
  std::vector<ImageU8> out(static_cast<size_t>(n));
  const size_t bytes = static_cast<size_t>(u8.size(1) * u8.size(2) * u8.size(3));
  for (int64_t i = 0; i < n; ++i) {
    ImageU8& im = out[static_cast<size_t>(i)];
    im.height = static_cast<int>(u8.size(1));
    im.width = static_cast<int>(u8.size(2));
    im.channels = static_cast<int>(u8.size(3));
    im.pixels.resize(bytes);
    std::memcpy(im.pixels.data(), u8.data_ptr<uint8_t>() + i * static_cast<int64_t>(bytes), bytes);
  }
  return out;
}

at::Tensor imageToTensor(const ImageU8& image) {
  at::Tensor t = at::from_blob(const_cast<uint8_t*>(image.pixels.data()),
                               {image.height, image.width, image.channels}, at::kByte)
                     .permute({2, 0, 1})
                     .to(at::kFloat)
                     .div(127.5)
                     .sub(1.0);
  return t.contiguous();  // an owned copy: the blob belongs to `image`
}

}  // namespace gs
