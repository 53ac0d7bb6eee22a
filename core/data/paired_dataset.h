#pragma once
// The (A, B) image pairs of an image-to-image model, decoded once into two ImageDatasets of equal size: pair i is
// a->image(i) with b->image(i). Sources (DataConfig::pairs): side-by-side A|B files, A/ and B/ subfolders matched
// by file name (extension aside), or any image folder with A = its Canny edge map (data/edge_map.h). Pairs that
// can't be used are skipped with a reason naming the file (odd width, no partner, halves or partners of different
// sizes, damaged files); a folder with none usable is an error. No LibTorch here.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "data/image_dataset.h"

namespace gs {

struct PairedDataset {
  std::shared_ptr<const ImageDataset> a;  // inputs
  std::shared_ptr<const ImageDataset> b;  // targets, same count and resolution
  std::vector<std::string> names;         // pair i's file name relative to the data folder
  PairSource source = PairSource::SideBySide;  // what Auto resolved to
  DatasetSummary summary;                 // counts, skipped files and reasons (of the pairs, B's channel mix)

  int64_t size() const { return a ? a->size() : 0; }
  // Of both sides, the source kind and the direction: stored in checkpoints so a resume sees the same pairs.
  std::string fingerprint() const;
  // The pairs at `indices`, in that order (a held-aside set for sample grids).
  PairedDataset subset(const std::vector<int64_t>& indices) const;
  // Every pair except those at `indices`.
  PairedDataset without(const std::vector<int64_t>& indices) const;
};

// What Auto means for `path`: Folders when it has both an A and a B subfolder, else SideBySide.
PairSource resolvePairSource(const DataConfig& config);

// Throws GanscopeError for a missing folder, an A/ or B/ subfolder that is missing, or no usable pair (the
// message gives counts and the first reasons). progress(done, total) runs on the calling thread.
PairedDataset loadPairedDataset(const DataConfig& config,
                                const std::function<void(int64_t done, int64_t total)>& progress = {},
                                const std::function<bool()>& should_stop = {});

// Pairs held aside for the sample grid: `count` indices spread evenly over the dataset. Empty (the grid then
// shows training pairs) when the dataset has fewer than 4 * count pairs.
std::vector<int64_t> heldOutIndices(int64_t size, int count);

// Channels of each side's cache: A of an edges source is gray; otherwise both follow data.channels (Auto: RGB,
// RGBA when alpha is kept).
int pairChannels(const DataConfig& config, bool input_side);

}  // namespace gs
