#include "translate/image_translator.h"

#include <torch/csrc/autograd/grad_mode.h>

#include <opencv2/imgproc.hpp>

#include <cstring>
#include <filesystem>
#include <utility>

#include "data/edge_map.h"
#include "data/image_decode.h"
#include "training/translator_file.h"
#include "training/translation_grid.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/fnv64.h"
#include "util/tensor_image.h"

namespace gs {
namespace {

// ImageU8 (RGB(A) or gray) as the decoder's OpenCV layout (BGR(A) or gray), an owned copy.
cv::Mat toDecodedMat(const ImageU8& image) {
  if (image.empty() || image.width < 1 || image.height < 1) throw GanscopeError("translate: the input image is empty");
  if (image.channels != 1 && image.channels != 3 && image.channels != 4)
    throw GanscopeError("translate: the input image must have 1, 3 or 4 channels");
  const cv::Mat view(image.height, image.width, CV_8UC(image.channels), const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat out;
  if (image.channels == 3)
    cv::cvtColor(view, out, cv::COLOR_RGB2BGR);
  else if (image.channels == 4)
    cv::cvtColor(view, out, cv::COLOR_RGBA2BGRA);
  else
    out = view.clone();
  return out;
}

ImageU8 fromDecodedMat(const cv::Mat& m) {
  cv::Mat rgb;
  if (m.channels() == 3)
    cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
  else if (m.channels() == 4)
    cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGBA);
  else
    rgb = m.clone();
  ImageU8 out;
  out.width = rgb.cols;
  out.height = rgb.rows;
  out.channels = rgb.channels();
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * out.channels);
  for (int y = 0; y < rgb.rows; ++y)
    std::memcpy(out.row(y), rgb.ptr<uint8_t>(y), static_cast<size_t>(out.width) * out.channels);
  return out;
}

}  // namespace

struct ImageTranslator::Model {
  TranslatorFile file;
};

TranslationInput readTranslationInput(const std::string& path) {
  const std::string bytes = readFile(path);  // names the file when it can't be read
  DecodedImage d = decodeImageFile(path, DataConfig{}.max_pixels);
  if (d.image.empty()) throw fileError(path, d.skip_reason);
  TranslationInput in;
  in.image = fromDecodedMat(d.image);
  in.name = std::filesystem::path(path).filename().string();
  Fnv64 h;
  h.add(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  in.fingerprint = h.hex();
  return in;
}

TranslationInput pixelsInput(ImageU8 image, const std::string& name) {
  TranslationInput in;
  Fnv64 h;
  h.add(int64_t(image.width));
  h.add(int64_t(image.height));
  h.add(int64_t(image.channels));
  h.add(image.pixels.data(), image.pixels.size());
  in.fingerprint = h.hex();
  in.image = std::move(image);
  in.name = name;
  return in;
}

ImageTranslator::ImageTranslator(const std::string& checkpoint)
    : model_(std::make_unique<Model>(Model{loadTranslatorFile(checkpoint)})), path_(checkpoint) {}

ImageTranslator::~ImageTranslator() = default;

const TrainConfig& ImageTranslator::config() const { return model_->file.config; }
int64_t ImageTranslator::step() const { return model_->file.step; }

bool ImageTranslator::edgesModel() const {
  return config().data.pairs == PairSource::Edges && !config().data.reverse_pairs;
}

bool ImageTranslator::twoWay() const { return static_cast<bool>(model_->file.b_to_a); }

std::string ImageTranslator::directionText(bool reverse) const {
  const DataConfig& d = config().data;
  if (twoWay()) {
    auto name = [](const std::string& path) {
      std::filesystem::path p(path);
      return (p.filename().empty() ? p.parent_path() : p).filename().string();
    };
    std::string a = d.path_b.empty() ? d.class_a : name(d.path), b = d.path_b.empty() ? d.class_b : name(d.path_b);
    if (reverse) std::swap(a, b);
    return std::string(reverse ? "B -> A (" : "A -> B (") + a + " -> " + b + ")";
  }
  if (d.pairs == PairSource::Edges) return d.reverse_pairs ? "image -> edges" : "edges -> image";
  return std::string(d.reverse_pairs ? "B -> A" : "A -> B") + " (" + toString(d.pairs) + ")";
}

ImageU8 ImageTranslator::prepare(const ImageU8& image, bool edges_from_photo) const {
  const TrainConfig& c = config();
  const cv::Mat m = toDecodedMat(image);
  const int r = c.model.resolution;
  ImageU8 out;
  out.width = out.height = r;
  if (edges_from_photo) {
    EdgeMapOptions o;
    o.resolution = r;
    o.aspect = c.data.aspect;
    o.background = c.data.background;
    out.channels = 1;
    out.pixels.resize(static_cast<size_t>(r) * r);
    writeEdgeMap(m, o, out.pixels.data());
    return withChannels(out, c.model.input_channels);
  }
  SlotFormat f{r, c.model.input_channels, c.data.aspect, c.data.background};
  out.channels = f.channels;
  out.pixels.resize(static_cast<size_t>(r) * r * f.channels);
  writeSlot(m, f, out.pixels.data());
  return out;
}

ImageU8 ImageTranslator::translate(const ImageU8& image, bool edges_from_photo, bool reverse) const {
  if (reverse && !twoWay())
    throw fileError(path_, "holds a one-way (" + toString(config().model.kind) + ") model: it translates " +
                               directionText() + " only");
  const ImageU8 a = prepare(image, edges_from_photo);
  std::lock_guard<std::mutex> lock(mutex_);
  at::NoGradGuard no_grad;  // thread-local: set here, on the calling thread
  const auto& g = reverse ? model_->file.b_to_a : model_->file.a_to_b;
  const at::Tensor out = g(imageToTensor(a).unsqueeze(0));
  return tensorToImages(out).front();
}

PngText ImageTranslator::recipe(const TranslationInput& input, bool edges_from_photo, bool reverse) const {
  PngText text = standardExportText();
  text.emplace_back("Model", toString(config().model.kind) + " " + std::to_string(config().model.resolution) + " px");
  text.emplace_back("Checkpoint", std::filesystem::path(path_).filename().string());
  text.emplace_back("Step", std::to_string(step()));
  text.emplace_back("Training data fingerprint", model_->file.fingerprint);
  text.emplace_back("Direction", directionText(reverse));
  text.emplace_back("Input", input.name);
  text.emplace_back("Input fingerprint", input.fingerprint);
  text.emplace_back("Input treatment", edges_from_photo
                                           ? "Canny edges of the input (blur 3x3, R, G, B each, thresholds 50/150)"
                                           : "used as drawn");
  return text;
}

}  // namespace gs
