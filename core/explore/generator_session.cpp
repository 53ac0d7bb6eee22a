#include "explore/generator_session.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <cstdio>
#include <mutex>

#include "explore/directions_math.h"
#include "explore/latent_seed.h"
#include "explore/style_render.h"
#include "models/dcgan.h"
#include "models/frozen_dcgan.h"
#include "models/networks.h"
#include "models/style_network.h"
#include "training/checkpoint.h"
#include "util/device.h"
#include "util/error.h"
#include "util/tensor_image.h"

namespace gs {

struct GeneratorSession::State {
  ModelConfig config;
  DataConfig data;
  std::shared_ptr<GeneratorNet> generator;
  std::shared_ptr<StyleGeneratorNet> style;  // the same generator when it is style-based, else null
  std::unique_ptr<FrozenDcgan> frozen;        // a DCGAN generator's inference copy (BatchNorm folded), else null
  c10::Device device{c10::kCPU};
  std::string label;
  std::string path;  // the file it was opened from ("" for bytes)
  std::string fingerprint;
  int64_t step = 0;
  std::mutex mutex;  // one render at a time: modules are not re-entrant
};

namespace {

// 64-bit FNV-1a over every parameter and buffer, as 16 hex digits: names the exact weights in exports.
std::string weightsFingerprint(GeneratorNet& g) {
  uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](const at::Tensor& t) {
    const at::Tensor c = t.detach().to(at::kCPU).contiguous();
    const auto* p = static_cast<const unsigned char*>(c.data_ptr());
    for (size_t i = 0, n = c.nbytes(); i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
  };
  for (const auto& p : g.parameters()) mix(p);
  for (const auto& b : g.buffers()) mix(b);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Copies weights and buffers by name; parameters() is not const in LibTorch, the source is only read.
void copyWeights(const GeneratorNet& from, GeneratorNet& to) {
  auto& source = const_cast<GeneratorNet&>(from);
  at::NoGradGuard no_grad;
  auto dst_params = to.named_parameters(/*recurse=*/true);
  for (const auto& p : source.named_parameters(/*recurse=*/true)) {
    at::Tensor* d = dst_params.find(p.key());
    if (!d) throw GanscopeError("snapshot: generator layout differs from its config (" + p.key() + ")");
    d->copy_(p.value().detach().to(at::kCPU));
  }
  auto dst_bufs = to.named_buffers(/*recurse=*/true);
  for (const auto& b : source.named_buffers(/*recurse=*/true))
    if (at::Tensor* d = dst_bufs.find(b.key())) d->copy_(b.value().detach().to(at::kCPU));
}

}  // namespace

GeneratorSession::GeneratorSession() : s_(std::make_unique<State>()) {}
GeneratorSession::~GeneratorSession() = default;


std::shared_ptr<GeneratorSession> GeneratorSession::open(const std::string& path) {
  const auto slash = path.find_last_of('/');
  auto session = adopt(loadGeneratorFile(path), slash == std::string::npos ? path : path.substr(slash + 1));
  session->s_->path = path;
  return session;
}

std::shared_ptr<GeneratorSession> GeneratorSession::openBytes(const std::string& bytes, const std::string& label) {
  return adopt(loadGeneratorBytes(bytes, label), label);
}

std::shared_ptr<GeneratorSession> GeneratorSession::adopt(GeneratorFile file, const std::string& label) {
  std::shared_ptr<GeneratorSession> s(new GeneratorSession());
  s->s_->config = file.config.model;
  s->s_->data = file.config.data;
  s->s_->generator = file.generator;
  s->s_->step = file.step;
  s->s_->label = label;
  s->place();
  return s;
}

void GeneratorSession::place() {
  s_->device = selectDevice("auto");
  s_->generator->to(s_->device);
  s_->generator->eval();
  s_->style = std::dynamic_pointer_cast<StyleGeneratorNet>(s_->generator);
  if (const auto* dcgan = dynamic_cast<const DcganGenerator*>(s_->generator.get()))
    s_->frozen = std::make_unique<FrozenDcgan>(*dcgan);
  s_->fingerprint = weightsFingerprint(*s_->generator);
}

std::shared_ptr<GeneratorSession> GeneratorSession::snapshot(const GeneratorNet& generator,
                                                             const ModelConfig& config, const std::string& label) {
  std::shared_ptr<GeneratorSession> s(new GeneratorSession());
  s->s_->config = config;
  s->s_->label = label;
  s->s_->data.resolution = config.resolution;
  s->s_->generator = makeGenerator(config);
  copyWeights(generator, *s->s_->generator);
  s->place();
  return s;
}

const ModelConfig& GeneratorSession::config() const { return s_->config; }
const DataConfig& GeneratorSession::dataConfig() const { return s_->data; }
int GeneratorSession::latentDim() const { return s_->config.latent_dim; }
std::string GeneratorSession::label() const { return s_->label; }
std::string GeneratorSession::sourcePath() const { return s_->path; }
std::string GeneratorSession::fingerprint() const { return s_->fingerprint; }
int64_t GeneratorSession::step() const { return s_->step; }

std::vector<float> GeneratorSession::latentForSeed(uint64_t seed) const { return latentFromSeed(seed, latentDim()); }

bool GeneratorSession::isStyleBased() const { return s_->style != nullptr; }
std::vector<int> GeneratorSession::styleLayerResolutions() const {
  return s_->style ? s_->style->layerResolutions() : std::vector<int>{};
}
int GeneratorSession::wDim() const { return s_->style ? static_cast<int>(s_->style->wDim()) : 0; }

std::vector<float> GeneratorSession::mappedW(const std::vector<float>& z) {
  if (!s_->style) throw GanscopeError("mappedW: this generator has no w (it is not style-based)");
  if (int(z.size()) != latentDim())
    throw GanscopeError("mappedW: latent has " + std::to_string(z.size()) + " values, the generator takes " +
                        std::to_string(latentDim()));
  std::lock_guard<std::mutex> lock(s_->mutex);
  c10::InferenceMode guard;
  const at::Tensor zt = at::tensor(at::ArrayRef<float>(z), at::kFloat).view({1, -1}).to(s_->device);
  const at::Tensor w = s_->style->mapping(zt).to(at::kCPU, at::kFloat).contiguous();
  return std::vector<float>(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
}

std::shared_ptr<GeneratorNet> GeneratorSession::copyNetwork() {
  auto copy = makeGenerator(s_->config);
  {
    std::lock_guard<std::mutex> lock(s_->mutex);
    copyWeights(*s_->generator, *copy);
  }
  copy->eval();
  return copy;
}

int GeneratorSession::numClasses() const { return s_->config.num_classes; }
std::vector<std::string> GeneratorSession::classNames() const { return s_->config.class_names; }

ImageU8 GeneratorSession::render(const std::vector<float>& z, float truncation, const StyleControls& style,
                                 int class_index) {
  return renderBatch({z}, truncation, style, class_index >= 0 ? std::vector<int>{class_index} : std::vector<int>{})
      .front();
}

std::vector<ImageU8> GeneratorSession::renderBatch(const std::vector<std::vector<float>>& zs, float truncation,
                                                   const StyleControls& style, const std::vector<int>& classes) {
  if (zs.empty()) return {};
  const int k = numClasses();
  if (k <= 0 && !classes.empty())
    throw GanscopeError("render: " + label() + " is not class-conditional: it takes no class");
  if (classes.size() > 1 && classes.size() != zs.size())
    throw GanscopeError("render: " + std::to_string(classes.size()) + " classes for " + std::to_string(zs.size()) +
                        " latents");
  at::Tensor y;
  if (k > 0) {
    y = at::empty({static_cast<int64_t>(zs.size())}, at::kLong);
    for (size_t i = 0; i < zs.size(); ++i) {
      const int c = classes.empty() ? 0 : classes.size() == 1 ? classes.front() : classes[i];
      if (c < 0 || c >= k)
        throw GanscopeError("render: class " + std::to_string(c) + " is outside 0.." + std::to_string(k - 1));
      y[static_cast<int64_t>(i)].fill_(c);
    }
  }
  const int dim = latentDim();
  at::Tensor z = at::empty({static_cast<int64_t>(zs.size()), dim}, at::kFloat);
  for (size_t i = 0; i < zs.size(); ++i) {
    if (static_cast<int>(zs[i].size()) != dim)
      throw GanscopeError("render: latent has " + std::to_string(zs[i].size()) + " values, the generator takes " +
                          std::to_string(dim));
    std::copy(zs[i].begin(), zs[i].end(), z[static_cast<int64_t>(i)].data_ptr<float>());
  }
  std::lock_guard<std::mutex> lock(s_->mutex);
  // Inference mode is thread-local: set here, on whichever thread renders.
  c10::InferenceMode guard;
  if (s_->style) {
    StyleGeneratorNet& g = *s_->style;
    const at::Tensor ws = styleLatents(g, z.to(s_->device), truncation, style,
                                       y.defined() ? y.to(s_->device) : at::Tensor());
    return tensorToImages(g.synthesis(ws, styleNoise(g, style)));
  }
  // For a z-space generator truncation pulls z towards the mean of its prior (the origin).
  const at::Tensor zt = z.mul(truncation).to(s_->device);
  const at::Tensor yt = y.defined() ? y.to(s_->device) : at::Tensor();
  const at::Tensor images = s_->frozen ? s_->frozen->forward(zt, yt) : s_->generator->forwardWithClasses(zt, yt);
  return tensorToImages(images);
}

LatentDirections GeneratorSession::editDirections(int count, int samples) {
  std::lock_guard<std::mutex> lock(s_->mutex);
  c10::InferenceMode guard;
  if (s_->style) {
    // GANSpace: w is far from isotropic; its principal axes are the main modes of variation.
    at::Generator rng = at::detail::createCPUGenerator(0x6a5e5ace);
    const int n = std::max(2, samples);
    const at::Tensor z = at::randn({n, latentDim()}, rng, at::kFloat).to(s_->device);
    const at::Tensor w = s_->style->mapping(z).to(at::kCPU, at::kDouble);
    const at::Tensor centred = w - w.mean(0, /*keepdim=*/true);
    LatentDirections d = eigenDirections(centred.transpose(0, 1).matmul(centred), count, double(n - 1));
    d.space = LatentDirections::Space::W;
    d.method = "GANSpace: principal components of w over " + std::to_string(n) + " latents";
    return d;
  }
  if (auto* dcgan = dynamic_cast<DcganGenerator*>(s_->generator.get())) {
    // SeFa: the z directions the first block (linear up to its ReLU) stretches most.
    const at::Tensor map = dcgan->firstBlockLinearMap().to(at::kCPU, at::kDouble);
    LatentDirections d = eigenDirections(map.matmul(map.transpose(0, 1)), count, 1.0);
    d.space = LatentDirections::Space::Z;
    d.method = "SeFa: singular directions of the first block";
    std::fill(d.sigma.begin(), d.sigma.end(), 1.0f);  // z ~ N(0, I): one unit is one standard deviation
    return d;
  }
  return {};
}

}  // namespace gs
