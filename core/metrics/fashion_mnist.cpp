#include "metrics/fashion_mnist.h"

#include <cstdio>
#include <filesystem>

#include "data/idx_reader.h"
#include "metrics/feature_classifier.h"
#include "util/error.h"

namespace gs {
namespace {

at::Tensor loadLabels(const std::string& path) {
  std::vector<uint8_t> labels = readIdxLabels(path);
  return at::from_blob(labels.data(), {static_cast<int64_t>(labels.size())}, at::kByte).to(at::kLong);
}

std::string pick(const std::string& dir, const std::string& name) {
  const std::string gz = dir + "/" + name + ".gz";
  if (std::filesystem::exists(gz)) return gz;
  if (std::filesystem::exists(dir + "/" + name)) return dir + "/" + name;
  throw fileError(dir, "has no " + name + "[.gz] (Fashion-MNIST: apt-get install dataset-fashion-mnist)");
}

}  // namespace

at::Tensor loadIdxTensor(const std::string& path, int resolution, int64_t max_images) {
  IdxImages idx = readIdxImages(path, max_images);
  at::Tensor x = at::from_blob(idx.pixels.data(), {idx.count, 1, idx.rows, idx.cols}, at::kByte)
                     .to(at::kFloat)
                     .mul_(2.0 / 255.0)
                     .sub_(1.0);
  if (idx.rows != resolution || idx.cols != resolution)
    x = at::upsample_bilinear2d(x, {resolution, resolution}, /*align_corners=*/false);
  return x.contiguous();
}

std::shared_ptr<FeatureClassifier> fashionClassifier(const std::string& dir, const std::string& cache_file,
                                                     const std::function<void(const std::string&)>& log) {
  auto c = std::make_shared<FeatureClassifier>(1, 10, /*seed=*/1);
  const at::Tensor test = loadIdxTensor(pick(dir, "t10k-images-idx3-ubyte"), FeatureClassifier::kResolution);
  const at::Tensor test_labels = loadLabels(pick(dir, "t10k-labels-idx1-ubyte"));
  if (c->load(cache_file)) {
    if (log) log("classifier loaded from " + cache_file);
  } else {
    const at::Tensor train = loadIdxTensor(pick(dir, "train-images-idx3-ubyte"), FeatureClassifier::kResolution);
    c->train(train, loadLabels(pick(dir, "train-labels-idx1-ubyte")), /*epochs=*/3, /*seed=*/1, log);
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(cache_file).parent_path(), ec);
    c->save(cache_file);
    if (log) log("classifier trained and saved to " + cache_file);
  }
  if (log) {
    char line[64];
    std::snprintf(line, sizeof line, "classifier test accuracy %.3f", c->accuracy(test, test_labels));
    log(line);
  }
  return c;
}

}  // namespace gs
