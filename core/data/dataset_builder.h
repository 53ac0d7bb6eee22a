#pragma once
// Internal to core/data: builds ImageDataset objects from a finished cache, and loads folders.
#include <functional>
#include <memory>
#include <vector>

#include "data/image_dataset.h"

namespace gs {

struct ImageDatasetBuilder {
  // Takes the cache (n * resolution^2 * channels bytes), fills the summary's shape fields, fingerprints it.
  static std::shared_ptr<ImageDataset> make(std::vector<uint8_t> pixels, int64_t n, int channels, int resolution,
                                            DatasetSummary summary);
};

// Channels of each decoded image under the config's channel and alpha policies (Auto: 3, or 4 when alpha is
// kept; a folder of gray images narrows it afterwards).
int slotChannels(const DataConfig& config);

// used_files (optional): the path of each image used, in dataset order.
std::shared_ptr<ImageDataset> loadImageFolder(const DataConfig& config,
                                              const std::function<void(int64_t, int64_t)>& progress,
                                              const std::function<bool()>& should_stop,
                                              std::vector<std::string>* used_files = nullptr);

}  // namespace gs
