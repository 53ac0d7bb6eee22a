#pragma once
// Checkpoint files: what a run needs to resume exactly (kind "full": G, D, EMA generator, both optimisers, RNG
// states, batch position) or just a generator to explore (kind "generator": the EMA generator and its config).
// Container layout and integrity checks: checkpoint_container.h. Written atomically (util/atomic_file.h).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config.h"

namespace torch {
namespace serialize {
class OutputArchive;
class InputArchive;
}  // namespace serialize
}  // namespace torch

namespace gs {

class DiscriminatorNet;
class GeneratorNet;

// The JSON header of a checkpoint.
struct CheckpointHeader {
  std::string kind = "full";  // "full" or "generator"
  TrainConfig config;
  int64_t step = 0;
  int64_t images_seen = 0;
  std::string fingerprint;    // ImageDataset::fingerprint() of the training data
  int64_t loader_epoch = 0;   // BatchLoader::Position of the next batch
  int64_t loader_index = 0;
  int64_t d_steps_done = 0;   // discriminator updates so far (lazy R1 schedule)
  double last_penalty = 0;    // penalty shown in StepStats between lazy R1 steps
  // ADA's controller (training/ada_controller.h); zero in checkpoints from before augmentation.
  double ada_p = 0;
  double ada_rt = 0;
  double ada_sign_sum = 0;
  int64_t ada_sign_count = 0;
  std::string created;        // UTC, ISO 8601
  std::string program_version;
};

struct CheckpointFile {
  CheckpointHeader header;
  std::string blob;  // torch archive bytes
};

// Header to JSON and back; a header that doesn't parse is "label: checkpoint header ...".
std::string headerToJson(const CheckpointHeader& header);
CheckpointHeader headerFromJson(const std::string& json, const std::string& label);

// Reads, verifies (magic, version, sizes, CRC) and parses; throws GanscopeError naming the file.
CheckpointFile readCheckpointFile(const std::string& path);
CheckpointFile decodeCheckpointFile(const std::string& bytes, const std::string& label);
void writeCheckpointFile(const std::string& path, const CheckpointHeader& header, const std::string& blob);

// Archive <-> bytes. Loading maps tensors onto `device`; damage surfaces as GanscopeError naming `label`.
std::string archiveToBytes(torch::serialize::OutputArchive& archive);
void archiveFromBytes(torch::serialize::InputArchive& archive, const std::string& bytes, const std::string& label,
                      const std::string& device = "cpu");

// The first line of an error message (LibTorch's carry source excerpts and backtraces after it).
std::string firstLine(const std::string& message);
// UTC now as "2024-05-01T12:00:00Z".
std::string utcTimestamp();

// For the explorer and the bundled demo.
struct GeneratorFile {
  TrainConfig config;
  std::shared_ptr<GeneratorNet> generator;  // on the CPU, eval mode
  int64_t step = 0;
  std::string fingerprint;
};
// The EMA generator from a full checkpoint or a generator-only file.
GeneratorFile loadGeneratorFile(const std::string& path);
GeneratorFile loadGeneratorBytes(const std::string& bytes, const std::string& label);
// Generator-only file (pass the EMA generator), atomic; a fraction of a full checkpoint's size.
void saveGeneratorFile(const std::string& path, GeneratorNet& g, const TrainConfig& config, int64_t step,
                       const std::string& fingerprint = "");
TrainConfig readCheckpointConfig(const std::string& path);
// The discriminator of a full checkpoint (CPU, eval mode); null for a generator-only file. Throws GanscopeError
// naming the file when it is damaged.
std::shared_ptr<DiscriminatorNet> loadDiscriminatorFile(const std::string& path);

// Deletes all but the newest `keep` of the given checkpoint files (listed oldest first); missing files are
// ignored. keep <= 0 keeps everything.
void pruneCheckpoints(const std::vector<std::string>& oldest_first, int keep);

}  // namespace gs
