#include "data/paired_batch_loader.h"

#include "data/paired_dataset.h"
#include "util/error.h"

namespace gs {

PairedBatchLoader::PairedBatchLoader(const PairedDataset& data, int batch, uint64_t seed, bool hflip, int prefetch)
    : a_(data.a, batch, seed, hflip, prefetch), b_(data.b, batch, seed, hflip, prefetch) {
  if (data.a->size() != data.b->size())
    throw GanscopeError("paired batches: " + std::to_string(data.a->size()) + " inputs but " +
                        std::to_string(data.b->size()) + " targets");
}

PairedBatchLoader::Batch PairedBatchLoader::next() { return {a_.next(), b_.next()}; }

void PairedBatchLoader::seek(BatchLoader::Position p) {
  a_.seek(p);
  b_.seek(p);
}

}  // namespace gs
