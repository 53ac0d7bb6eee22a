#pragma once
// The two unpaired image domains of a CycleGAN: A from DataConfig::path, B from path_b (folders or IDX files, any
// counts), or both from one labelled dataset split by class (class_a, class_b: Fashion-MNIST's sneakers and ankle
// boots, say). Both sides are decoded to the same resolution and channels (the wider of the two: a gray domain
// beside a colour one is read as colour). No LibTorch here.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"

namespace gs {

struct UnpairedDataset {
  std::shared_ptr<const ImageDataset> a;  // domain A
  std::shared_ptr<const ImageDataset> b;  // domain B (another count)
  std::string name_a, name_b;             // "Sneaker" / "Ankle boot", or the folder names
  DatasetSummary summary;                 // of both: counts, skipped files, a note naming the two domains

  // Of both domains: stored in checkpoints so a resume sees the same images.
  std::string fingerprint() const;
  // Every image except those at held_a (of A) and held_b (of B).
  UnpairedDataset without(const std::vector<int64_t>& held_a, const std::vector<int64_t>& held_b) const;
};

// Throws GanscopeError naming the folder or file: missing, nothing usable, no labels to split by, an unknown
// class (the message lists the known ones), a class with no images, or the same class twice.
UnpairedDataset loadUnpairedDataset(const DataConfig& config,
                                    const std::function<void(int64_t done, int64_t total)>& progress = {},
                                    const std::function<bool()>& should_stop = {});

}  // namespace gs
