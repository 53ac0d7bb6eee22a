#include "models/single_image_conv.h"

#include <ATen/Parallel.h>
#include <ATen/ThreadLocalState.h>

#include <algorithm>

namespace gs {
namespace {

int64_t blockFor(int64_t total, int64_t minimum) {
  const int64_t threads = std::max<int64_t>(1, at::get_num_threads());
  return std::max(minimum, (total + threads - 1) / threads);
}

// col2im of columns [1, out*k*k, L] into [1, out, h, w], output channels split among the threads when the output
// is large enough to pay for waking them.
at::Tensor threadedCol2im(const at::Tensor& cols, int64_t out, int64_t h, int64_t w, int64_t k, int64_t stride,
                          int64_t padding) {
  at::Tensor image = at::empty({1, out, h, w}, cols.options());
  const int64_t grain = out * h * w >= 32768 ? blockFor(out, 4) : out;
  const at::ThreadLocalState state;  // inference / grad mode travel to the workers
  at::parallel_for(0, out, grain, [&](int64_t begin, int64_t end) {
    at::ThreadLocalStateGuard guard(state);
    at::Tensor block = image.narrow(1, begin, end - begin);
    at::col2im_out(block, cols.narrow(1, begin * k * k, (end - begin) * k * k), {h, w}, {k, k}, {1, 1},
                   {padding, padding}, {stride, stride});
  });
  return image;
}

}  // namespace

at::Tensor threadedMatmul(const at::Tensor& a, const at::Tensor& b) {
  TORCH_CHECK(a.dim() == 2 && b.dim() == 2 && a.size(1) == b.size(0), "threadedMatmul: shapes ", a.sizes(), " and ",
              b.sizes());
  at::Tensor out = at::empty({a.size(0), b.size(1)}, a.options());
  const bool split_rows = a.size(0) > 1;
  const int64_t total = split_rows ? a.size(0) : b.size(1);
  const at::ThreadLocalState state;
  at::parallel_for(0, total, blockFor(total, 16), [&](int64_t begin, int64_t end) {
    at::ThreadLocalStateGuard guard(state);
    if (split_rows) {
      at::Tensor block = out.narrow(0, begin, end - begin);
      at::mm_out(block, a.narrow(0, begin, end - begin), b);
    } else {
      at::Tensor block = out.narrow(1, begin, end - begin);
      at::mm_out(block, a, b.narrow(1, begin, end - begin));
    }
  });
  return out;
}

at::Tensor upConvColumns(const at::Tensor& weight, bool one_by_one_input) {
  const at::Tensor flat = weight.reshape({weight.size(0), -1});
  return one_by_one_input ? flat.contiguous() : flat.t().contiguous();
}

at::Tensor singleImageUpConv(const at::Tensor& x, const at::Tensor& columns, int64_t k, int64_t stride,
                             int64_t padding) {
  TORCH_CHECK(x.dim() == 4 && x.size(0) == 1, "singleImageUpConv expects one image [1, C, H, W], got ", x.sizes());
  const int64_t in = x.size(1), h = x.size(2), w = x.size(3);
  if (h == 1 && w == 1 && padding == 0) {
    TORCH_CHECK(columns.size(0) == in, "singleImageUpConv: columns for a 1x1 input expected");
    return threadedMatmul(x.view({1, in}), columns).view({1, -1, k, k});
  }
  TORCH_CHECK(columns.size(1) == in, "singleImageUpConv: columns ", columns.sizes(), " for ", in, " input channels");
  const at::Tensor cols = threadedMatmul(columns, x.reshape({in, h * w}));
  const int64_t out_h = (h - 1) * stride - 2 * padding + k, out_w = (w - 1) * stride - 2 * padding + k;
  return threadedCol2im(cols.unsqueeze(0), columns.size(0) / (k * k), out_h, out_w, k, stride, padding);
}

}  // namespace gs
