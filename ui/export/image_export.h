#pragma once
// Exports PNGs from a generator in a worker thread: the current image, the samples grid, N seeds into a
// folder, or a latent-walk animation (MP4 or animated PNG). Every file carries the standard export text (AI-generated label, software) plus what is needed to
// render it again: seed or latent, truncation, model label and fingerprint.
#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "explore/latent_directions.h"
#include "explore/style_controls.h"
#include "export/png_export.h"

namespace gs {

class GeneratorSession;

struct ExportItem {
  QString path;
  std::vector<std::vector<float>> latents;  // one: a single image; several: a grid of `columns`
  std::vector<std::optional<uint64_t>> seeds;  // seed of each latent; empty when edited by hand
  int columns = 1;
};

// An animation export: the latents of the job's one item are its frames, in order.
struct AnimationSpec {
  QString path;     // .mp4 or .png (animated PNG), see export/animation_export.h
  int fps = 24;
  int scale = 1;    // nearest-neighbour upscaling of each frame
  QString what;     // what the frames show, recorded in the file
  std::string key = "Latent walk";  // the metadata key of `what`
};

struct ExportJob {
  std::shared_ptr<GeneratorSession> session;
  float truncation = 1.0f;
  std::vector<ExportItem> items;
  StyleControls style;  // style-based generators: recorded as "Style controls" JSON when not the defaults
  std::optional<AnimationSpec> animation;
  std::string directions;  // the direction edit applied ("" for none), recorded as "Directions"
  // The explorer's direction edit, applied to every item's latents (or to `style`, in w) when rendering; the
  // files record the unedited latents and style controls plus `directions`, which is what the CLI takes back.
  LatentDirections found;
  DirectionEdit edit;
  std::vector<StyleControls> frame_styles;  // animation only: one per frame instead of `style` (a sweep in w)
  int class_index = -1;  // class-conditional generators: the class of every image, recorded as "Class"
};

// The text chunks written for one item of `job`.
PngText exportText(const ExportJob& job, const ExportItem& item);
// Jobs the File menu offers.
ExportJob singleImageJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                         const std::vector<float>& z, std::optional<uint64_t> seed, float truncation,
                         const StyleControls& style = {});
ExportJob gridJob(std::shared_ptr<GeneratorSession> session, const QString& path, uint64_t run_seed, int columns,
                  float truncation);
// A looping spherical walk through the latents of `seeds`, `frames_per_seed` frames from each to the next, upscaled
// to at least 256 px (the explorer's edits are applied by the caller, as for the other jobs).
ExportJob latentWalkJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                        const std::vector<uint64_t>& seeds, int frames_per_seed, int fps, float truncation);
// A looping sweep of latent `z` along direction `direction` (+-3 sigma around the `base` edit, GANSpace's videos),
// `frames` frames, with the style controls `style`; records what it swept under "Directions".
ExportJob directionSweepJob(std::shared_ptr<GeneratorSession> session, const QString& path, const std::vector<float>& z,
                            float truncation, const StyleControls& style, const LatentDirections& directions,
                            const DirectionEdit& base, int direction, int frames, int fps);
ExportJob seedsJob(std::shared_ptr<GeneratorSession> session, const QString& folder, uint64_t first_seed, int count,
                   float truncation, const StyleControls& style = {});

class ExportRunner : public QObject {
  Q_OBJECT
 public:
  explicit ExportRunner(QObject* parent = nullptr);
  ~ExportRunner() override;  // cancels and waits

  bool start(ExportJob job);  // false while another export runs
  void cancel() { *cancel_ = true; }
  bool isRunning() const { return running_; }

 Q_SIGNALS:
  void progress(int done, int total);
  // written: files written; error empty on success ("cancelled" when cancelled).
  void finished(int written, QString error);

 private:
  std::shared_ptr<std::atomic<bool>> cancel_;
  QFuture<void> future_;
  bool running_ = false;
};

}  // namespace gs
