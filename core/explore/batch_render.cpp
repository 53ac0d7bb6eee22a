#include "explore/batch_render.h"

#include <algorithm>

#include "explore/generator_session.h"
#include "util/error.h"

namespace gs {

bool renderInBatches(GeneratorSession& g, const std::vector<std::vector<float>>& latents,
                     const BatchRenderOptions& o, const std::function<void(ImageU8&&)>& sink) {
  if (!o.frame_styles.empty() && o.frame_styles.size() != latents.size())
    throw GanscopeError("render: " + std::to_string(o.frame_styles.size()) + " frame style controls for " +
                        std::to_string(latents.size()) + " latents");
  if (o.classes.size() > 1 && o.classes.size() != latents.size())
    throw GanscopeError("render: " + std::to_string(o.classes.size()) + " classes for " +
                        std::to_string(latents.size()) + " latents");
  const size_t total = latents.size();
  // The classes of latents [first, end): all of them when one class serves every latent.
  const auto classesOf = [&o](size_t first, size_t end) {
    if (o.classes.size() <= 1) return o.classes;
    return std::vector<int>(o.classes.begin() + long(first), o.classes.begin() + long(end));
  };
  const size_t batch = std::max<size_t>(1, o.batch);
  for (size_t first = 0; first < total; first += batch) {
    if (o.should_stop && o.should_stop()) return false;
    const size_t end = std::min(total, first + batch);
    if (o.frame_styles.empty()) {
      const std::vector<std::vector<float>> chunk(latents.begin() + long(first), latents.begin() + long(end));
      for (ImageU8& image : g.renderBatch(chunk, o.truncation, o.style, classesOf(first, end))) sink(std::move(image));
    } else {
      for (size_t i = first; i < end; ++i) {
        const std::vector<int> c = classesOf(i, i + 1);
        sink(g.render(latents[i], o.truncation, o.frame_styles[i], c.empty() ? -1 : c.front()));
      }
    }
    if (o.progress) o.progress(end, total);
  }
  return true;
}

std::vector<ImageU8> renderAll(GeneratorSession& g, const std::vector<std::vector<float>>& latents,
                               const BatchRenderOptions& options) {
  std::vector<ImageU8> images;
  images.reserve(latents.size());
  if (!renderInBatches(g, latents, options, [&images](ImageU8&& image) { images.push_back(std::move(image)); }))
    images.clear();
  return images;
}

}  // namespace gs
