#include "training/translation_setup.h"

#include <algorithm>

#include "data/paired_dataset.h"
#include "data/unpaired_dataset.h"
#include "training/cyclegan_trainer.h"
#include "training/pix2pix_trainer.h"
#include "training/translation_grid.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

// [N, C, R, R] in [-1, 1] of every image of `d`.
at::Tensor asTensor(const ImageDataset& d) {
  std::vector<at::Tensor> images;
  for (int64_t i = 0; i < d.size(); ++i) images.push_back(imageToTensor(d.imageU8(i)));
  return at::stack(images);
}

// `count` images held aside from a set of `size`, or (too few to spare) the first training ones shown instead.
std::vector<int64_t> shownIndices(const std::vector<int64_t>& held, int64_t size, int count) {
  if (!held.empty()) return held;
  std::vector<int64_t> shown;
  for (int64_t i = 0; i < std::min<int64_t>(size, count); ++i) shown.push_back(i);
  return shown;
}

std::vector<ImageU8> concat(std::vector<ImageU8> a, const std::vector<ImageU8>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TranslationSetup pix2pix(const TrainConfig& config, const std::function<void(int64_t, int64_t)>& progress,
                         const std::function<bool()>& should_stop) {
  const PairedDataset data = loadPairedDataset(config.data, progress, should_stop);
  const std::vector<int64_t> held = heldOutIndices(data.size(), config.grid_size);
  const PairedDataset shown = data.subset(shownIndices(held, data.size(), config.grid_size));
  TranslationSetup out;
  out.summary = data.summary;
  out.trainer = std::make_unique<Pix2PixTrainer>(config, held.empty() ? data : data.without(held));
  const int n = static_cast<int>(shown.size());
  const std::vector<ImageU8> inputs = shown.a->thumbnails(n), targets = shown.b->thumbnails(n);
  const at::Tensor input_tensor = asTensor(*shown.a);
  out.grid = [inputs, targets, input_tensor](TranslationTrainer& t) {
    return translationGrid(inputs, tensorToImages(t.translate(input_tensor)), targets);
  };
  out.columns = "input | output | target";
  return out;
}

TranslationSetup cycleGan(const TrainConfig& config, const std::function<void(int64_t, int64_t)>& progress,
                          const std::function<bool()>& should_stop) {
  const UnpairedDataset data = loadUnpairedDataset(config.data, progress, should_stop);
  const int per_domain = std::max(1, config.grid_size / 2);
  const std::vector<int64_t> held_a = heldOutIndices(data.a->size(), per_domain);
  const std::vector<int64_t> held_b = heldOutIndices(data.b->size(), per_domain);
  const auto shown_a = data.a->pick(shownIndices(held_a, data.a->size(), per_domain), "grid (A)");
  const auto shown_b = data.b->pick(shownIndices(held_b, data.b->size(), per_domain), "grid (B)");
  TranslationSetup out;
  out.summary = data.summary;
  out.trainer = std::make_unique<CycleGanTrainer>(config, data.without(held_a, held_b));
  const std::vector<ImageU8> inputs =
      concat(shown_a->thumbnails(static_cast<int>(shown_a->size())), shown_b->thumbnails(static_cast<int>(shown_b->size())));
  const at::Tensor from_a = asTensor(*shown_a), from_b = asTensor(*shown_b);
  out.grid = [inputs, from_a, from_b](TranslationTrainer& t) {
    const at::Tensor to_b = t.translate(from_a), to_a = t.translate(from_b, /*reverse=*/true);
    const std::vector<ImageU8> translated = concat(tensorToImages(to_b), tensorToImages(to_a));
    const std::vector<ImageU8> round_trip =
        concat(tensorToImages(t.translate(to_b, /*reverse=*/true)), tensorToImages(t.translate(to_a)));
    return translationGrid(inputs, translated, round_trip);
  };
  out.columns = "input | translated (A rows: A -> B; B rows: B -> A) | round trip";
  return out;
}

}  // namespace

TranslationSetup setUpTranslation(const TrainConfig& config,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::function<bool()>& should_stop) {
  return config.model.kind == ModelKind::CycleGan ? cycleGan(config, progress, should_stop)
                                                  : pix2pix(config, progress, should_stop);
}

}  // namespace gs
