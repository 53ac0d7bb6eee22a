// The convolution floor of a DCGAN training step: every convolution a step runs (forward, input gradient, weight
// gradient of each layer, as many times as the step needs them), each timed alone with the same oneDNN kernels
// and layout the trainer uses, and summed. images/s at that floor is what a step costing only its convolutions
// would reach; a trainer (ours or the reference) at that rate has nothing left to cut but FLOPs. The image-side
// layers' input gradients go through models/few_channel_conv.h as in the trainer (--few-channel off: oneDNN's).
//   bench_conv_floor --res 64 --threads 2 [--batch 64] [--precision fp32|bf16] [--g-fakes reuse|fresh]
//   bench_conv_floor --res 64 --reference 1   # the reference's step: NCHW, and D's weight gradients in G's step
// Model as bench_train and shared/bench/ref_dcgan.py: widths 64, nz 100, 1 channel.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "models/few_channel_conv.h"
#include "util/process_env.h"

namespace {

struct Options {
  int res = 64, batch = 64, threads = 2, nz = 100, width = 64, repeats = 7;
  std::string precision = "fp32", g_fakes = "reuse";
  bool reference = false;  // shared/bench/ref_dcgan.py's step: NCHW tensors; G's step also computes D's weight grads
};

// One convolution seen from its big side: input [batch, in, size, size] -> output [batch, out, ...].
struct Conv {
  const char* role;
  int64_t in, out, size, k, stride, pad;
  // How many times a training step runs each primitive of this convolution.
  int forwards, input_grads, weight_grads;
};

// D's convolutions and G's (each transposed convolution of G is the input gradient of the convolution that
// mirrors it: the trainer computes it that way). Counts for one step: D(real), D(fake) and D(G's fakes) forward;
// D's two backward passes in its step (weights; inputs beyond the first layer); G's step back through D (inputs
// only) and through G (inputs beyond the latent layer, weights); G forward once, or twice with fresh latents.
std::vector<Conv> stepConvs(const Options& o) {
  std::vector<Conv> convs;
  int64_t in = 1, size = o.res, out = o.width;
  const int g_forwards = o.g_fakes == "fresh" ? 2 : 1;
  const int d_weight_grads = o.reference ? 3 : 2;
  bool first = true;
  for (; size > 4; size /= 2, in = out, out *= 2) {
    convs.push_back({first ? "D 1st" : "D", in, out, size, 4, 2, 1, 3, first ? 1 : 3, d_weight_grads});
    convs.push_back({"G", in, out, size, 4, 2, 1, 1, g_forwards, 1});
    first = false;
  }
  convs.push_back({"D head", in, 1, 4, 4, 1, 0, 3, 3, d_weight_grads});
  convs.push_back({"G latent", in, o.nz, 4, 4, 1, 0, 0, g_forwards, 1});
  return convs;
}

double medianSeconds(int repeats, const std::function<void()>& f) {
  using Clock = std::chrono::steady_clock;
  for (int i = 0; i < 2; ++i) f();  // oneDNN builds its primitive on the first call
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = Clock::now();
    f();
    t.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  gs::ensureFastCpuEnvironment(argc, argv);
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--res") o.res = std::atoi(v.c_str());
    else if (a == "--batch") o.batch = std::atoi(v.c_str());
    else if (a == "--threads") o.threads = std::atoi(v.c_str());
    else if (a == "--precision") o.precision = v;
    else if (a == "--g-fakes") o.g_fakes = v;
    else if (a == "--reference") o.reference = v == "1";
    else if (a == "--few-channel") gs::setFewChannelConvEnabled(v != "off");
    else if (a == "--repeats") o.repeats = std::max(1, std::atoi(v.c_str()));
    else {
      std::fprintf(stderr, "unknown flag %s\n", a.c_str());
      return 2;
    }
  }
  if (o.threads > 0) at::set_num_threads(o.threads);
  at::InferenceMode inference;
  const auto dtype = o.precision == "bf16" ? at::kBFloat16 : at::kFloat;
  const auto layout = o.reference ? at::MemoryFormat::Contiguous : at::MemoryFormat::ChannelsLast;
  const auto opts = at::TensorOptions(dtype).memory_format(layout);
  double step_s = 0, step_flop = 0;
  std::printf("conv floor, %d px batch %d, %s, G's fakes %s, %s, %d threads\n", o.res, o.batch,
              o.precision.c_str(), o.g_fakes.c_str(), o.reference ? "the reference's step (NCHW)" : "channels-last",
              at::get_num_threads());
  std::printf("%-9s %-22s %9s %9s %9s %10s %8s\n", "layer", "conv", "fwd ms", "dx ms", "dw ms", "GFLOP/s", "ms/step");
  for (const Conv& c : stepConvs(o)) {
    const at::Tensor x = at::randn({o.batch, c.in, c.size, c.size}, opts);
    const at::Tensor w = at::randn({c.out, c.in, c.k, c.k}, at::TensorOptions(dtype));  // parameters: NCHW
    const at::Tensor y = at::conv2d(x, w, {}, c.stride, c.pad);
    const at::Tensor gy = at::randn_like(y);
    // The image-side layers' input gradient (D's first backward, G's last forward) as the trainer computes it.
    const bool few = !o.reference && gs::fewChannelPath(c.in, x);
    auto backward = [&](bool dx, bool dw) {
      if (few && dx) return (void)gs::fewChannelInputGradient(gy, w, c.stride, c.pad, c.size, c.size);
      at::convolution_backward(gy, x, w, c10::nullopt, {c.stride, c.stride}, {c.pad, c.pad}, {1, 1}, false, {0, 0},
                               1, {dx, dw, false});
    };
    const double fwd = medianSeconds(o.repeats, [&] { at::conv2d(x, w, {}, c.stride, c.pad); });
    const double dx = medianSeconds(o.repeats, [&] { backward(true, false); });
    const double dw = medianSeconds(o.repeats, [&] { backward(false, true); });
    const double flop = 2.0 * o.batch * y.size(2) * y.size(3) * c.out * c.in * c.k * c.k;  // per primitive
    const double s = c.forwards * fwd + c.input_grads * dx + c.weight_grads * dw;
    step_s += s;
    step_flop += flop * (c.forwards + c.input_grads + c.weight_grads);
    char shape[64];
    std::snprintf(shape, sizeof shape, "%lld->%lld @%lld k%lld s%lld", static_cast<long long>(c.in),
                  static_cast<long long>(c.out), static_cast<long long>(c.size), static_cast<long long>(c.k),
                  static_cast<long long>(c.stride));
    std::printf("%-9s %-22s %9.2f %9.2f %9.2f %10.0f %8.1f\n", c.role, shape, fwd * 1e3, dx * 1e3, dw * 1e3,
                flop * 3 / (fwd + dx + dw) / 1e9, s * 1e3);
  }
  std::printf("conv floor: %.1f ms/step, %.2f GFLOP/step at %.0f GFLOP/s: floor_images_per_s=%.1f\n", step_s * 1e3,
              step_flop / 1e9, step_flop / step_s / 1e9, o.batch / step_s);
  return 0;
}
