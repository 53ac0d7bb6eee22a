#include "models/few_channel_conv.h"

#include <torch/csrc/autograd/custom_function.h>

#include <atomic>
#include <vector>

#include "util/autocast.h"

namespace gs {
namespace {

std::atomic<bool> g_enabled{true};

class FewChannelConv : public torch::autograd::Function<FewChannelConv> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x, const at::Tensor& weight,
                            const at::Tensor& bias, int64_t stride, int64_t padding) {
    ctx->save_for_backward({x, weight});
    ctx->saved_data["stride"] = stride;
    ctx->saved_data["padding"] = padding;
    const bool has_bias = bias.numel() > 0;  // no bias comes as an empty tensor (apply cannot take an undefined one)
    ctx->saved_data["bias"] = has_bias;
    return at::conv2d(x, weight, has_bias ? bias : at::Tensor(), {stride, stride}, {padding, padding});
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& x = saved[0];
    const at::Tensor& weight = saved[1];
    const int64_t stride = ctx->saved_data["stride"].toInt(), padding = ctx->saved_data["padding"].toInt();
    const at::Tensor g = grads[0].contiguous(grads[0].suggest_memory_format());
    at::Tensor grad_x, grad_w, grad_b;
    if (ctx->needs_input_grad(0)) grad_x = fewChannelInputGradient(g, weight, stride, padding, x.size(2), x.size(3));
    const bool need_w = ctx->needs_input_grad(1);
    const bool need_b = ctx->saved_data["bias"].toBool() && ctx->needs_input_grad(2);
    if (need_w || need_b) {
      const std::vector<int64_t> bias_sizes{weight.size(0)};
      auto parts = at::convolution_backward(g, x, weight, at::IntArrayRef(bias_sizes), {stride, stride},
                                            {padding, padding}, {1, 1}, false, {0, 0}, 1, {false, need_w, need_b});
      grad_w = std::get<1>(parts);
      grad_b = std::get<2>(parts);
    }
    return {grad_x, grad_w, grad_b, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

bool fewChannelPath(int64_t image_channels, const at::Tensor& x) {
  return g_enabled && image_channels <= kFewChannels && x.dim() == 4 && x.device().is_cpu();
}

at::Tensor fewChannelInputGradient(const at::Tensor& g, const at::Tensor& weight, int64_t stride, int64_t padding,
                                   int64_t h, int64_t w) {
  TORCH_CHECK(g.dim() == 4 && weight.dim() == 4 && g.size(1) == weight.size(0), "fewChannelInputGradient: gradient ",
              g.sizes(), " does not fit weight ", weight.sizes());
  const int64_t n = g.size(0), out = weight.size(0), k_h = weight.size(2), k_w = weight.size(3);
  const int64_t taps = weight[0].numel();  // C*k*k, in im2col's order: channel, kernel row, kernel column
  // Each pixel's gradient spread over its taps: W^T g, a 1x1 convolution from `out` to C*k*k channels.
  const at::Tensor to_taps = weight.reshape({out, taps}).t().reshape({taps, out, 1, 1});
  at::Tensor cols = at::conv2d(g, to_taps);
  // The overlapping windows are summed in fp32 when the convolution ran in bf16 (and in double for double).
  if (cols.scalar_type() == at::kBFloat16 || cols.scalar_type() == at::kHalf) cols = cols.to(at::kFloat);
  cols = cols.contiguous().view({n, taps, g.size(2) * g.size(3)});
  return at::col2im(cols, {h, w}, {k_h, k_w}, {1, 1}, {padding, padding}, {stride, stride}).to(g.scalar_type());
}

at::Tensor fewChannelConv2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t stride,
                            int64_t padding) {
  TORCH_CHECK(x.dim() == 4 && weight.dim() == 4 && x.size(1) == weight.size(1), "fewChannelConv2d: input ",
              x.sizes(), " does not fit weight ", weight.sizes());
  const bool needs_graph = at::GradMode::is_enabled() &&
                           (x.requires_grad() || weight.requires_grad() || (bias.defined() && bias.requires_grad()));
  if (!needs_graph) return at::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
  // Autocast does not see inside a custom function: cast as it casts a convolution's operands.
  const at::Tensor b = bias.defined() ? bias : at::empty({0}, weight.options());
  if (autocastToBf16(c10::kCPU) && x.is_floating_point())
    return FewChannelConv::apply(x.to(at::kBFloat16), weight.to(at::kBFloat16), b.to(at::kBFloat16), stride, padding);
  return FewChannelConv::apply(x, weight, b, stride, padding);
}

void setFewChannelConvEnabled(bool enabled) { g_enabled = enabled; }

}  // namespace gs
