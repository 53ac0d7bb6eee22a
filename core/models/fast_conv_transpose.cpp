#include "models/fast_conv_transpose.h"

#include <torch/csrc/autograd/custom_function.h>

#include <atomic>

#include "models/few_channel_conv.h"
#include "util/autocast.h"

namespace gs {
namespace {

std::atomic<bool> g_fast_enabled{true};

int64_t transposedSize(int64_t in, int64_t k, int64_t stride, int64_t padding) {
  return (in - 1) * stride - 2 * padding + k;
}

// y = conv^T(x): the input gradient of conv(input of y's shape, weight) given grad_output x.
at::Tensor forwardImpl(const at::Tensor& x, const at::Tensor& w, int64_t stride, int64_t padding,
                       at::MemoryFormat format) {
  const int64_t k_h = w.size(2), k_w = w.size(3);
  // Few output channels (G's last layer): oneDNN's input gradient is slow there, this one is not.
  if (fewChannelPath(w.size(1), x)) {
    return fewChannelInputGradient(x, w, stride, padding, transposedSize(x.size(2), k_h, stride, padding),
                                   transposedSize(x.size(3), k_w, stride, padding))
        .contiguous(format);
  }
  // Only the shape of `input` matters for the input gradient; at::empty allocates without touching memory.
  const at::Tensor shape_only =
      at::empty({x.size(0), w.size(1), transposedSize(x.size(2), k_h, stride, padding),
                 transposedSize(x.size(3), k_w, stride, padding)},
                x.options().memory_format(format));
  // (the result takes the layout of x and shape_only: channels-last in, channels-last out)
  return std::get<0>(at::convolution_backward(x, shape_only, w, c10::nullopt, {stride, stride}, {padding, padding},
                                              /*dilation=*/{1, 1}, /*transposed=*/false,
                                              /*output_padding=*/{0, 0}, /*groups=*/1, {true, false, false}));
}

class ConvTransposeViaBackward : public torch::autograd::Function<ConvTransposeViaBackward> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& w,
                            int64_t stride, int64_t padding) {
    ctx->save_for_backward({x, w});
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    return forwardImpl(x, w, stride, padding, x.suggest_memory_format());
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& x = saved[0];
    const at::Tensor& w = saved[1];
    const int64_t stride = ctx->saved_data["stride"].toInt();
    const int64_t padding = ctx->saved_data["padding"].toInt();
    // The incoming gradient can arrive in another layout than x (e.g. through a .contiguous() after the layer);
    // mixed layouts send oneDNN down slow paths, so match x's.
    const at::Tensor grad_y = grads[0].contiguous(x.suggest_memory_format());
    // <conv^T(x), g> = <x, conv(g)>: so dx = conv(g, w) and dw = conv's weight gradient with input g, grad x.
    at::Tensor grad_x, grad_w;
    const bool need_x = ctx->needs_input_grad(0), need_w = ctx->needs_input_grad(1);
    if (need_x) grad_x = at::conv2d(grad_y, w, {}, {stride, stride}, {padding, padding});
    if (need_w) {
      grad_w = std::get<1>(at::convolution_backward(x, grad_y, w, c10::nullopt, {stride, stride},
                                                    {padding, padding}, /*dilation=*/{1, 1},
                                                    /*transposed=*/false, /*output_padding=*/{0, 0},
                                                    /*groups=*/1, {false, true, false}));
    }
    return {grad_x, grad_w, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor convTranspose2dViaConvBackward(const at::Tensor& x, const at::Tensor& weight, int64_t stride,
                                         int64_t padding) {
  TORCH_CHECK(x.dim() == 4 && weight.dim() == 4, "convTranspose2d expects 4-d input and weight");
  TORCH_CHECK(x.size(1) == weight.size(0), "convTranspose2d: input has ", x.size(1), " channels, weight expects ",
              weight.size(0));
  // No autograd bookkeeping when nothing will be differentiated (sampling, inference mode).
  const bool needs_graph = at::GradMode::is_enabled() && (x.requires_grad() || weight.requires_grad());
  if (!needs_graph) return forwardImpl(x, weight, stride, padding, x.suggest_memory_format());
  return ConvTransposeViaBackward::apply(x, weight, stride, padding);
}

at::Tensor convTranspose2dInference(const at::Tensor& x, const at::Tensor& weight, int64_t stride, int64_t padding,
                                    at::MemoryFormat format) {
  if (g_fast_enabled && x.device().is_cpu()) return forwardImpl(x.contiguous(format), weight, stride, padding, format);
  return at::conv_transpose2d(x.contiguous(format), weight, {}, {stride, stride}, {padding, padding});
}

void setFastConvTransposeEnabled(bool enabled) { g_fast_enabled = enabled; }
bool fastConvTransposeEnabled() { return g_fast_enabled; }

at::Tensor convTranspose2d(const at::Tensor& x, const at::Tensor& weight, int64_t stride, int64_t padding) {
  if (g_fast_enabled && x.device().is_cpu()) {
    // Autocast does not see inside the custom function (nor, in LibTorch 1.13, conv_transpose2d on the CPU): under
    // bf16 autocast cast here, as it casts a convolution's input and weight; the casts pass fp32 gradients back.
    if (autocastToBf16(c10::kCPU) && x.is_floating_point())
      return convTranspose2dViaConvBackward(x.to(at::kBFloat16), weight.to(at::kBFloat16), stride, padding);
    return convTranspose2dViaConvBackward(x, weight, stride, padding);
  }
  return at::conv_transpose2d(x, weight, {}, {stride, stride}, {padding, padding});
}

}  // namespace gs
