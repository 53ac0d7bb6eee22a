#pragma once
// What each ganscope-cli command was asked to do, parsed from its arguments (no side effects beyond reading
// a --config file), so the parsing can be tested without running anything.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "distributed/dist_options.h"

namespace gs::cli {

// Data-parallel flags; each overrides its environment variable (distOptionsFromEnv) when given.
struct DistFlags {
  int nproc = 1;                 // --nproc: start this many local ranks (this process only launches them)
  DistOptions values;            // --world-size, --rank, --local-rank, --master-addr, --master-port, ...
};

struct TrainOptions {
  TrainConfig config;           // defaults, then --config, then the flags
  std::string out;              // run folder
  bool resume = false;
  bool help = false;
  DistFlags dist;               // data-parallel flags (applied over the environment by applyDistFlags)
  std::set<std::string> given;  // flags given on the command line
};

// The environment's DistOptions with the given data-parallel flags applied over them.
DistOptions applyDistFlags(const TrainOptions& o, DistOptions from_env);

struct SampleOptions {
  std::string checkpoint;
  int n = 64;
  uint64_t seed = 0;            // image i uses seed + i
  float truncation = 1.0f;
  int cols = 0, rows = 0;       // 0: a near-square grid that holds n
  std::string out;              // one grid PNG
  std::string out_dir;          // or n single PNGs
  std::string style;            // style controls: JSON text, or a file holding it ("": none)
  std::string directions;       // edit along the explorer's directions, e.g. "0:+2.5,3:-1@2-6" ("": none)
  std::string latent;           // one latent instead of seeds: the text an export records, or a file holding it
  std::string class_text;       // class-conditional models: --class K|NAME ("": one grid row per class)
  bool grid_given = false;      // --grid was given
  bool n_given = false;         // --n was given
  bool help = false;
};

struct VideoOptions {
  std::string checkpoint;
  std::string out;                          // .mp4 or .png (animated PNG)
  std::vector<uint64_t> seeds{0, 1, 2, 3};  // key latents, visited in order
  int frames = 48;                          // frames from each key to the next
  int fps = 24;
  int scale = 0;                            // nearest-neighbour upscaling; 0: to at least 256 px
  bool loop = true;                         // back to the first key at the end
  float truncation = 1.0f;
  std::string style;                        // as for sample
  std::string directions;                   // as for sample
  int sweep = -1;                           // >= 0: sweep this direction for each seed instead of walking
  float sigma = 3.0f;                       // sweep amplitude in standard deviations
  bool help = false;
};

struct CheckpointOptions {     // info and export-generator
  std::string checkpoint;
  std::string out;
  bool help = false;
};

struct HealthCommandOptions {
  std::string checkpoint;
  std::string data;             // "": the checkpoint's data path
  int trials = 8;               // birthday batches
  int real = 64;                // real images to compare with
  bool help = false;
};

struct ProjectOptions {
  std::string checkpoint;
  std::string image;            // the picture to find
  std::string out;              // latent file (JSON), read back by `sample --latent`
  std::string save_image;       // also write the result image here ("": no)
  std::string space;            // z, w or w+ ("": w for style generators, z for DCGAN)
  int steps = 300;
  uint64_t seed = 0;
  bool help = false;
};

struct TranslateOptions {
  std::string checkpoint;       // an image-to-image (pix2pix) checkpoint
  std::string input;            // an image file, or a folder of them
  std::string out;              // a PNG file for one input, a folder for a folder
  bool edges_from_photo = false;  // edges models: turn each input into its Canny edge map first
  bool reverse = false;           // --direction b2a: CycleGAN's B -> A generator
  bool help = false;
};

struct DataOptions {
  DataConfig data;
  bool paired = false;  // --pairs or --direction given: load the image pairs of a pix2pix run
  bool help = false;
};

// `base` is the starting config (the stored config.json when resuming); throws UsageError.
TrainOptions parseTrainOptions(const std::vector<std::string>& args, const TrainConfig& base);
TrainOptions parseTrainOptions(const std::vector<std::string>& args);  // from the default config
SampleOptions parseSampleOptions(const std::vector<std::string>& args);
VideoOptions parseVideoOptions(const std::vector<std::string>& args);
CheckpointOptions parseInfoOptions(const std::vector<std::string>& args);
CheckpointOptions parseExportOptions(const std::vector<std::string>& args);
DataOptions parseDataOptions(const std::vector<std::string>& args);
HealthCommandOptions parseHealthOptions(const std::vector<std::string>& args);
ProjectOptions parseProjectOptions(const std::vector<std::string>& args);
TranslateOptions parseTranslateOptions(const std::vector<std::string>& args);

// Flags that may change on --resume; the others come from the run's checkpoint.
bool allowedOnResume(const std::string& flag);

// Help texts.
const char* mainUsage();
const char* trainUsage();
const char* sampleUsage();
const char* videoUsage();
const char* infoUsage();
const char* exportUsage();
const char* dataUsage();
const char* healthUsage();
const char* projectUsage();
const char* translateUsage();

}  // namespace gs::cli

namespace gs::cli {
class FlagTable;
// The dataset flags shared by `train` and `data` (--data, --res, --channels, --aspect, ...).
void addDataFlags(FlagTable& table, DataConfig& data, ModelConfig* model);
}  // namespace gs::cli
