#include "metrics/feature_classifier.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/util/Exception.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/serialize/archive.h>

#include <cstdio>
#include <filesystem>

#include "util/error.h"

namespace gs {

struct FeatureClassifier::Net : torch::nn::Module {
  Net(int channels_in, int classes_in)
      : channels(channels_in),
        classes(classes_in),
        c1(register_module("c1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels_in, 16, 3).padding(1)))),
        c2(register_module("c2", torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 32, 3).padding(1)))),
        c3(register_module("c3", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3).padding(1)))),
        fc(register_module("fc", torch::nn::Linear(64 * 4 * 4, kFeatures))),
        out(register_module("out", torch::nn::Linear(kFeatures, classes_in))) {}

  at::Tensor features(const at::Tensor& x) {
    at::Tensor h = at::max_pool2d(at::relu(c1->forward(x)), 2);   // 16 px
    h = at::max_pool2d(at::relu(c2->forward(h)), 2);              // 8 px
    h = at::adaptive_avg_pool2d(at::relu(c3->forward(h)), {4, 4});
    return at::relu(fc->forward(h.flatten(1)));
  }
  at::Tensor forward(const at::Tensor& x) { return out->forward(features(x)); }

  int64_t channels, classes;
  torch::nn::Conv2d c1, c2, c3;
  torch::nn::Linear fc, out;
};

at::Tensor toClassifierResolution(const at::Tensor& images) {
  TORCH_CHECK(images.dim() == 4, "classifier input must be [N, C, H, W], got ", images.sizes());
  const int64_t r = FeatureClassifier::kResolution;
  const at::Tensor x = images.to(at::kFloat);
  if (x.size(2) == r && x.size(3) == r) return x;
  if (x.size(2) > r) return at::adaptive_avg_pool2d(x, {r, r});
  return at::upsample_bilinear2d(x, {r, r}, /*align_corners=*/false);
}

FeatureClassifier::FeatureClassifier(int channels, int classes, uint64_t seed) {
  at::manual_seed(seed);
  net_ = std::make_shared<Net>(channels, classes);
}

FeatureClassifier::~FeatureClassifier() = default;

void FeatureClassifier::train(const at::Tensor& images, const at::Tensor& labels, int epochs, uint64_t seed,
                              const std::function<void(const std::string&)>& log) {
  TORCH_CHECK(images.size(0) == labels.size(0), "classifier: ", images.size(0), " images but ", labels.size(0),
              " labels");
  const at::Tensor x = toClassifierResolution(images), y = labels.to(at::kLong);
  torch::optim::Adam opt(net_->parameters(), torch::optim::AdamOptions(1e-3));
  at::Generator gen = at::detail::createCPUGenerator(seed);
  net_->train();
  constexpr int64_t kBatch = 128;
  for (int e = 0; e < epochs; ++e) {
    const at::Tensor order = at::randperm(x.size(0), gen, at::kLong);
    double loss_sum = 0;
    int64_t batches = 0;
    for (int64_t i = 0; i + kBatch <= x.size(0); i += kBatch, ++batches) {
      const at::Tensor idx = order.slice(0, i, i + kBatch);
      const at::Tensor loss = at::cross_entropy_loss(net_->forward(x.index_select(0, idx)), y.index_select(0, idx));
      opt.zero_grad();
      loss.backward();
      opt.step();
      loss_sum += loss.item<double>();
    }
    if (log) {
      char line[96];
      std::snprintf(line, sizeof line, "classifier epoch %d/%d: loss %.4f", e + 1, epochs,
                    loss_sum / std::max<int64_t>(1, batches));
      log(line);
    }
  }
  net_->eval();
}

at::Tensor FeatureClassifier::features(const at::Tensor& images) {
  at::NoGradGuard no_grad;
  net_->eval();
  std::vector<at::Tensor> parts;
  for (int64_t i = 0; i < images.size(0); i += 500)
    parts.push_back(net_->features(toClassifierResolution(images.slice(0, i, std::min(i + 500, images.size(0))))));
  return at::cat(parts);
}

at::Tensor FeatureClassifier::logits(const at::Tensor& images) {
  at::NoGradGuard no_grad;
  return net_->out->forward(features(images));
}

double FeatureClassifier::accuracy(const at::Tensor& images, const at::Tensor& labels) {
  const at::Tensor predicted = logits(images).argmax(1);
  return predicted.eq(labels.to(at::kLong)).to(at::kDouble).mean().item<double>();
}

void FeatureClassifier::save(const std::string& path) const {
  torch::serialize::OutputArchive archive;
  net_->save(archive);
  archive.write("shape", at::tensor({net_->channels, net_->classes}, at::kLong));
  const std::string tmp = path + ".tmp";
  archive.save_to(tmp);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw fileError(path, "cannot write the classifier weights (" + ec.message() + ")");
}

bool FeatureClassifier::load(const std::string& path) {
  if (!std::filesystem::exists(path)) return false;
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    // LibTorch copies loaded weights in place with broadcasting, so check the shape first.
    at::Tensor shape;
    archive.read("shape", shape);
    if (shape.numel() != 2 || shape[0].item<int64_t>() != net_->channels || shape[1].item<int64_t>() != net_->classes)
      throw fileError(path, "classifier weights are for another number of channels or classes");
    net_->load(archive);
  } catch (const c10::Error& e) {
    throw fileError(path, std::string("classifier weights do not fit (") + e.what_without_backtrace() + ")");
  }
  net_->eval();
  return true;
}

}  // namespace gs
