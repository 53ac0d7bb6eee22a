#include "explore/projector.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "explore/projection_loss.h"
#include "explore/target_image.h"
#include "models/style_network.h"
#include "training/checkpoint.h"
#include "util/error.h"
#include "util/seeded_stream.h"
#include "util/tensor_image.h"

namespace gs {

struct Projector::State {
  std::shared_ptr<GeneratorSession> session;
  std::shared_ptr<GeneratorNet> g;  // our own copy: gradients flow through it, never through the session's
  StyleGeneratorNet* style = nullptr;
  std::shared_ptr<DiscriminatorNet> d;
  std::string note;
};

namespace {

constexpr double kPi = 3.14159265358979323846;

at::Tensor rowOf(const std::vector<float>& v) { return at::tensor(at::ArrayRef<float>(v), at::kFloat).view({1, -1}); }

std::vector<float> valuesOf(const at::Tensor& t) {
  const at::Tensor c = t.detach().to(at::kCPU, at::kFloat).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

// StyleGAN2's schedule: a linear ramp-up over the first 5% of the steps, a cosine ramp-down over the last 25%.
double learningRate(double peak, int step, int total) {
  const double t = double(step) / std::max(1, total);
  const double down = 0.5 - 0.5 * std::cos(std::min(1.0, (1.0 - t) / 0.25) * kPi);
  return peak * down * std::min(1.0, (t + 1.0 / std::max(1, total)) / 0.05);
}

// What one run optimises: `latent` (leaf), rendered by `render` into images.
struct Search {
  at::Tensor latent;
  std::unique_ptr<torch::optim::Adam> adam;
  void restart(at::Tensor start, double lr) {
    latent = start.detach().clone().requires_grad_(true);
    adam = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{latent},
                                                torch::optim::AdamOptions(lr).betas({0.9, 0.999}));
  }
  void setLr(double lr) {
    for (auto& group : adam->param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
  }
};

}  // namespace

Projector::Projector(std::shared_ptr<GeneratorSession> session) : s_(std::make_unique<State>()) {
  if (!session) throw GanscopeError("projection: no generator");
  s_->session = std::move(session);
  s_->g = s_->session->copyNetwork();
  for (auto& p : s_->g->parameters()) p.requires_grad_(false);
  s_->style = dynamic_cast<StyleGeneratorNet*>(s_->g.get());
  const std::string path = s_->session->sourcePath();
  if (!path.empty()) s_->d = loadDiscriminatorFile(path);
  if (s_->d) {
    for (auto& p : s_->d->parameters()) p.requires_grad_(false);
  } else {
    s_->note = path.empty() ? "no discriminator with this generator: pixel losses only"
                            : "no discriminator in this file: pixel losses only";
  }
}

Projector::~Projector() = default;

bool Projector::hasDiscriminator() const { return s_->d != nullptr; }

ImageU8 Projector::loadTarget(const std::string& path) const {
  const ModelConfig& m = s_->session->config();
  return loadTargetImage(path, s_->session->dataConfig(), m.resolution, m.channels);
}

ProjectionResult Projector::run(const ImageU8& target, const ProjectionOptions& o,
                                const std::function<void(const ProjectionProgress&)>& progress,
                                const std::function<bool()>& should_stop) {
  const auto t0 = std::chrono::steady_clock::now();
  GeneratorSession& session = *s_->session;
  const ModelConfig& m = session.config();
  if (target.width != m.resolution || target.height != m.resolution || target.channels != m.channels)
    throw GanscopeError("projection: the target is " + std::to_string(target.width) + "x" +
                        std::to_string(target.height) + " with " + std::to_string(target.channels) +
                        " channels; the generator makes " + std::to_string(m.resolution) + " px with " +
                        std::to_string(m.channels));
  const LatentSpace space = o.space.value_or(s_->style ? LatentSpace::W : LatentSpace::Z);
  if (space != LatentSpace::Z && !s_->style)
    throw GanscopeError(std::string("projection: ") + latentSpaceName(space) +
                        " needs a style-based generator; this DCGAN takes z");
  if (o.steps < 1) throw GanscopeError("projection: steps must be at least 1");

  at::AutoGradMode grad_mode(true);  // thread-local: a render thread may have it off
  const int layers = s_->style ? s_->style->numStyleLayers() : 1;
  const int64_t w_dim = s_->style ? s_->style->wDim() : 0;
  const NoiseSpec noise;  // fixed noise from seed 0: what the explorer renders with by default
  const auto render = [&](const at::Tensor& latent) {
    if (space == LatentSpace::Z)
      return s_->style ? s_->style->synthesis(s_->style->mapping(latent).unsqueeze(1).expand({-1, layers, -1}), noise)
                       : s_->g->forward(latent);
    const at::Tensor ws = space == LatentSpace::W ? latent.unsqueeze(1).expand({-1, layers, -1}) : latent;
    return s_->style->synthesis(ws, noise);
  };
  ProjectionLossWeights weights{o.pixel_weight, o.l1_weight, o.multiscale_weight, o.feature_weight};
  const ProjectionLoss loss_of(imageToTensor(target).unsqueeze(0), s_->d, weights);
  at::Generator rng = at::detail::createCPUGenerator(deriveSeed(o.seed, 0x9e0c));

  // Starting points: seeds for z; for w the average w over many mapped latents (and its spread, for the noise).
  at::Tensor start;
  double w_spread = 0;
  const int64_t want = space == LatentSpace::Z ? m.latent_dim : w_dim;
  if (!o.start.empty() && int64_t(o.start.size()) != want && !(space == LatentSpace::WPlus && int64_t(o.start.size()) == want * layers))
    throw GanscopeError("projection: the starting latent has " + std::to_string(o.start.size()) + " values; " +
                        latentSpaceName(space) + " has " + std::to_string(want));
  if (space == LatentSpace::Z) {
    std::vector<at::Tensor> rows;
    if (!o.start.empty()) rows.push_back(rowOf(o.start));
    for (int k = 0; o.start.empty() && k < std::max(1, o.starts); ++k)
      rows.push_back(rowOf(latentFromSeed(o.seed + uint64_t(k), m.latent_dim)));
    start = at::cat(rows);
  } else {
    at::NoGradGuard no_grad;
    const at::Tensor samples = s_->style->mapping(at::randn({2048, m.latent_dim}, rng, at::kFloat));
    const at::Tensor w_avg = samples.mean(0, /*keepdim=*/true);
    w_spread = std::sqrt((samples - w_avg).pow(2).sum(1).mean().item<double>());
    start = o.start.empty() ? w_avg : rowOf(o.start);
    if (space == LatentSpace::WPlus) start = start.numel() == w_dim ? start.unsqueeze(1).repeat({1, layers, 1})
                                                                     : start.view({1, layers, w_dim});
  }
  ProjectionResult r;
  r.target = target;
  {
    at::NoGradGuard no_grad;
    r.start_image = tensorToImages(render(start.narrow(0, 0, 1))).front();
  }
  r.start_pixel_error = meanAbsoluteError(r.start_image, target);

  const double peak = o.lr > 0 ? o.lr : space == LatentSpace::Z ? 0.05 : 0.1;
  Search search;
  search.restart(start, peak);
  int64_t best = 0;
  const int warmup = space == LatentSpace::Z && start.size(0) > 1 ? std::min(o.warmup_steps, o.steps - 1) : 0;
  for (int step = 0; step < o.steps; ++step) {
    if (should_stop && should_stop()) {
      r.cancelled = true;
      break;
    }
    search.setLr(learningRate(peak, step, o.steps));
    at::Tensor input = search.latent;
    if (space != LatentSpace::Z && o.w_noise > 0) {
      const double ramp = std::max(0.0, 1.0 - double(step) / (0.75 * o.steps));
      input = input + at::randn(input.sizes(), rng, at::kFloat) * (w_spread * o.w_noise * ramp * ramp);
    }
    const at::Tensor images = render(input);
    at::Tensor per = loss_of.perImage(images);
    if (space == LatentSpace::Z && o.norm_weight > 0)
      per = per + (search.latent.pow(2).mean(1) - 1.0).pow(2) * o.norm_weight;
    search.adam->zero_grad();
    per.sum().backward();
    search.adam->step();
    best = per.argmin().item<int64_t>();
    r.loss_curve.push_back(per[best].item<float>());
    if (step + 1 == warmup) search.restart(search.latent.narrow(0, best, 1), peak);  // keep the best start
    r.steps_done = step + 1;
    if (progress) {
      ProjectionProgress p{r.steps_done, o.steps, r.loss_curve.back(), {}};
      if (o.preview_every > 0 && (r.steps_done % o.preview_every == 0 || r.steps_done == o.steps))
        p.preview = tensorToImages(images.narrow(0, best, 1)).front();
      progress(p);
    }
  }
  if (search.latent.size(0) > 1) search.latent = search.latent.narrow(0, best, 1);  // stopped within the warm-up

  // The result as a latent file records it, rendered the way the explorer and `sample` render it.
  r.latent.space = space;
  r.latent.values = valuesOf(search.latent);
  r.latent.layers = space == LatentSpace::WPlus ? layers : 1;
  if (space != LatentSpace::Z) r.latent.anchor_z = latentFromSeed(o.seed, m.latent_dim);
  {
    at::NoGradGuard no_grad;
    r.loss = loss_of.perImage(render(search.latent.detach())).item<double>();
  }
  StyleControls controls;
  r.image = session.render(latentForRendering(session, r.latent, controls), 1.0f, controls);
  r.pixel_error = meanAbsoluteError(r.image, target);
  r.used_discriminator = loss_of.usesDiscriminator();
  r.note = s_->note;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

double meanAbsoluteError(const ImageU8& a, const ImageU8& b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels)
    throw GanscopeError("images of different sizes cannot be compared");
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return a.pixels.empty() ? 0.0 : sum / double(a.pixels.size());
}

}  // namespace gs
