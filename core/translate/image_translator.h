#pragma once
// Translating one image with a trained image-to-image checkpoint (pix2pix, or CycleGAN either way), for `ganscope-cli translate` and the
// desktop app's Image to image tab: the input is laid out as training laid out A (resolution, channels, aspect,
// alpha) - or, for an edges model given a photo, turned into its Canny edge map first - and run through G.
// Exports carry the AI-generated label and the recipe: checkpoint, step, direction, the input's name and
// fingerprint. No LibTorch types in this header.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "config.h"
#include "export/png_export.h"
#include "util/image.h"

namespace gs {

struct TranslationInput {
  ImageU8 image;            // RGB(A) or gray, any size
  std::string name;         // file name, or "sketch"
  std::string fingerprint;  // FNV-1a of the file's bytes (of the pixels for a sketch), 16 hex digits
};

// Reads an image file (PNG, JPEG, BMP, WebP, TIFF); throws GanscopeError naming the file and the problem.
TranslationInput readTranslationInput(const std::string& path);
// A drawn or pasted image (the sketch pad), fingerprinted by its pixels.
TranslationInput pixelsInput(ImageU8 image, const std::string& name);

class ImageTranslator {
 public:
  // Throws GanscopeError naming the file when it is damaged or not an image-to-image checkpoint.
  explicit ImageTranslator(const std::string& checkpoint);
  ~ImageTranslator();

  // The input as G sees it: resolution x resolution with the model's input channels; with edges_from_photo, the
  // Canny edge map of `image` (as `--pairs edges` built the training inputs).
  ImageU8 prepare(const ImageU8& image, bool edges_from_photo) const;
  // G(prepare(image)): resolution x resolution with the model's output channels; `reverse`: B -> A (a two-way model
  // only; GanscopeError otherwise). Safe from any thread.
  ImageU8 translate(const ImageU8& image, bool edges_from_photo, bool reverse = false) const;

  // True when the model was trained on `--pairs edges` (edges -> image): its input is a line drawing.
  bool edgesModel() const;
  // True for CycleGAN: it translates A -> B and B -> A.
  bool twoWay() const;
  const TrainConfig& config() const;
  int64_t step() const;
  const std::string& path() const { return path_; }
  // "edges -> image", "A -> B (side-by-side)", "B -> A (Ankle boot -> Sneaker)", ...
  std::string directionText(bool reverse = false) const;
  // standardExportText() and the recipe of translating `input` (the way `reverse` says).
  PngText recipe(const TranslationInput& input, bool edges_from_photo, bool reverse = false) const;

 private:
  struct Model;
  std::unique_ptr<Model> model_;
  std::string path_;
  mutable std::mutex mutex_;
};

}  // namespace gs
