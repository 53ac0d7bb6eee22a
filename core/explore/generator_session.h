#pragma once
// A generator to explore: loaded from a checkpoint (or a generator-only file such as the bundled demo), or
// a snapshot of a live Trainer's EMA generator. Renders latents to images on the calling thread; the UI calls
// it from its render thread. No LibTorch types in this header.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "explore/latent_directions.h"
#include "explore/style_controls.h"
#include "util/image.h"

namespace gs {

class GeneratorNet;
struct GeneratorFile;

class GeneratorSession {
 public:
  // Full checkpoint (.gsck) or generator-only file; throws GanscopeError on a bad file.
  static std::shared_ptr<GeneratorSession> open(const std::string& path);
  // The same from bytes in memory (a demo generator embedded in the app's resources).
  static std::shared_ptr<GeneratorSession> openBytes(const std::string& bytes, const std::string& label);
  // Deep copy of a live generator's weights (safe to use while training continues on the original).
  static std::shared_ptr<GeneratorSession> snapshot(const GeneratorNet& generator, const ModelConfig& config,
                                                    const std::string& label);
  ~GeneratorSession();

  const ModelConfig& config() const;
  // How the training images were prepared (resolution, aspect, alpha background): a target image for
  // projection is prepared the same way. Defaults at the model's resolution for a live snapshot.
  const DataConfig& dataConfig() const;
  int latentDim() const;
  std::string label() const;        // file name or "live: step N"
  std::string sourcePath() const;   // the checkpoint or generator file it was opened from ("": not a file)
  std::string fingerprint() const;  // short hash of the weights, recorded in exports

  // z ~ N(0, I) from a seed; the same seed gives the same latent everywhere (CLI, UI, exports):
  // latentFromSeed(seed, latentDim()) from explore/latent_seed.h.
  std::vector<float> latentForSeed(uint64_t seed) const;
  int64_t step() const;  // training step the weights come from (0 if unknown)
  // Truncation psi in [0, 1]: psi * z for z-space generators, w_avg + psi (w - w_avg) for style-based ones.
  // Style controls apply to style-based generators (see style_controls.h); others ignore them. Throws
  // GanscopeError when a latent or a control has the wrong size.
  //
  // Class-conditional generators render each latent with a class: `classes` empty (class 0 for every latent),
  // one class for every latent, or one per latent. An unconditional generator refuses classes (GanscopeError).
  ImageU8 render(const std::vector<float>& z, float truncation = 1.0f, const StyleControls& style = {},
                 int class_index = -1);
  std::vector<ImageU8> renderBatch(const std::vector<std::vector<float>>& zs, float truncation = 1.0f,
                                   const StyleControls& style = {}, const std::vector<int>& classes = {});

  // Class-conditional generators: their classes (ModelConfig::num_classes and class_names); 0 and empty else.
  int numClasses() const;
  std::vector<std::string> classNames() const;

  // Style-based generators: the output resolution of each synthesis layer (4, 8, 8, 16, 16, ...) and the size
  // of w. Empty and 0 for other generators.
  bool isStyleBased() const;
  std::vector<int> styleLayerResolutions() const;
  int wDim() const;
  // Style-based generators: w of z (mapping only, no truncation). Throws GanscopeError for other generators.
  std::vector<float> mappedW(const std::vector<float>& z);
  // A deep copy of the generator's weights on the CPU in eval mode, for work that needs gradients (projection)
  // without touching the network renders use.
  std::shared_ptr<GeneratorNet> copyNetwork();

  // Up to `count` edit directions (latent_directions.h): GANSpace's principal components of w over `samples`
  // mapped latents (fixed seed) for style-based generators, SeFa's directions of z for DCGAN. Deterministic.
  LatentDirections editDirections(int count, int samples = 4096);

 private:
  GeneratorSession();
  static std::shared_ptr<GeneratorSession> adopt(GeneratorFile file, const std::string& label);
  void place();  // move to the render device, eval mode, fingerprint
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace gs
