#pragma once
// What an image-to-image run trains on and shows: its data loaded (pairs for pix2pix, two domains for CycleGAN),
// a few inputs held aside for the sample grid, and the trainer built on the rest. The grid has a row per held
// input: input | output | target for pix2pix; input | translated | round trip (A -> B -> A, or B -> A -> B) for
// CycleGAN, half its rows from each domain.
#include <functional>
#include <memory>
#include <string>

#include "data/image_dataset.h"
#include "training/translation_trainer.h"
#include "util/image.h"

namespace gs {

struct TranslationSetup {
  std::unique_ptr<TranslationTrainer> trainer;
  DatasetSummary summary;
  std::function<ImageU8(TranslationTrainer&)> grid;
  std::string columns;  // the grid's columns, for its PNG text
};

// Throws GanscopeError for data that cannot be used (naming the folder or file).
TranslationSetup setUpTranslation(const TrainConfig& config,
                                  const std::function<void(int64_t done, int64_t total)>& progress,
                                  const std::function<bool()>& should_stop);

}  // namespace gs
