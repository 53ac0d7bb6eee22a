#include "ui/export/image_export.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "explore/latent_walk.h"
#include "export/animation_export.h"
#include "export/animation_render.h"
#include "export/recipe_text.h"

namespace gs {

namespace {

ExportJob baseJob(std::shared_ptr<GeneratorSession> session, float truncation, const StyleControls& style = {}) {
  ExportJob job;
  job.session = std::move(session);
  job.truncation = truncation;
  job.style = style;
  return job;
}

}  // namespace

PngText exportText(const ExportJob& job, const ExportItem& item) {
  PngText text =
      recipeText(*job.session, {/*checkpoint=*/{}, job.truncation, job.style, job.directions, job.class_index});
  addSeedsText(text, item.seeds, item.latents);
  if (item.columns > 1) text.emplace_back("Grid columns", std::to_string(item.columns));
  return text;
}

ExportJob singleImageJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                         const std::vector<float>& z, std::optional<uint64_t> seed, float truncation,
                         const StyleControls& style) {
  ExportJob job = baseJob(std::move(session), truncation, style);
  job.items.push_back(ExportItem{path, {z}, {seed}, 1});
  return job;
}

ExportJob gridJob(std::shared_ptr<GeneratorSession> session, const QString& path, uint64_t run_seed, int columns,
                  float truncation) {
  ExportItem item{path, {}, {}, columns};
  for (uint64_t seed : gridSeeds(run_seed, columns * columns)) {
    item.latents.push_back(session->latentForSeed(seed));
    item.seeds.push_back(seed);
  }
  ExportJob job = baseJob(std::move(session), truncation);
  job.items.push_back(std::move(item));
  return job;
}

ExportJob seedsJob(std::shared_ptr<GeneratorSession> session, const QString& folder, uint64_t first_seed, int count,
                   float truncation, const StyleControls& style) {
  ExportJob job = baseJob(session, truncation, style);
  for (int i = 0; i < count; ++i) {
    const uint64_t seed = first_seed + uint64_t(i);
    job.items.push_back(ExportItem{QDir(folder).filePath(QString("seed_%1.png").arg(seed, 6, 10, QChar('0'))),
                                   {session->latentForSeed(seed)},
                                   {seed},
                                   1});
  }
  return job;
}

ExportJob latentWalkJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                        const std::vector<uint64_t>& seeds, int frames_per_seed, int fps, float truncation) {
  std::vector<std::vector<float>> keys;
  for (uint64_t s : seeds) keys.push_back(session->latentForSeed(s));
  const AnimationSpec spec{path, fps, videoScale(session->config().resolution),
                           QString::fromStdString(latentWalkRecipe(seeds, frames_per_seed, /*loop=*/true, fps))};
  ExportJob job = baseJob(std::move(session), truncation);
  job.animation = spec;
  job.items.push_back(ExportItem{path, latentWalk(keys, frames_per_seed, /*loop=*/true), {}, 1});
  return job;
}

ExportJob directionSweepJob(std::shared_ptr<GeneratorSession> session, const QString& path, const std::vector<float>& z,
                            float truncation, const StyleControls& style, const LatentDirections& directions,
                            const DirectionEdit& base, int direction, int frames, int fps) {
  constexpr float kSigma = 3.0f;
  const int scale = videoScale(session->config().resolution);
  const int layers = int(session->styleLayerResolutions().size());
  const int w_dim = session->wDim();
  ExportJob job = baseJob(std::move(session), truncation, style);
  AnimationSpec spec{path, fps, scale, QString("%1 frames, %2 fps").arg(frames).arg(fps)};
  spec.key = "Direction sweep";
  job.animation = spec;
  SweepFrames sweep = sweepFrames(directions, base, direction, kSigma, frames, z, style, layers, w_dim);
  job.frame_styles = std::move(sweep.styles);
  job.items.push_back(ExportItem{path, std::move(sweep.latents), {}, 1});
  job.directions = sweepRecipe(directions, base, direction, kSigma);
  return job;
}

namespace {

// The latents and style controls `item` renders with: the recorded ones with the job's direction edit on top.
void applyEdit(const ExportJob& job, std::vector<std::vector<float>>& latents, StyleControls& style) {
  if (job.edit.isZero()) return;
  applyDirectionsToAll(job.found, job.edit, latents, style, int(job.session->styleLayerResolutions().size()),
                       job.session->wDim());
}

// Renders the job's one item frame by frame into an animation; 1 when the file is written, 0 when cancelled.
int writeAnimation(const ExportJob& job, const std::atomic<bool>& cancel, const std::function<void(int, int)>& progress) {
  const ExportItem& item = job.items.front();
  const AnimationSpec& spec = *job.animation;
  PngText text = exportText(job, item);
  text.emplace_back(spec.key, spec.what.toStdString());
  QDir().mkpath(QFileInfo(spec.path).absolutePath());
  auto writer = AnimationWriter::open(spec.path.toStdString(), spec.fps, std::move(text));
  std::vector<std::vector<float>> frames = item.latents;
  BatchRenderOptions render;
  render.truncation = job.truncation;
  render.style = job.style;
  applyEdit(job, frames, render.style);
  render.frame_styles = job.frame_styles;
  if (job.class_index >= 0) render.classes = {job.class_index};
  render.should_stop = [&cancel] { return bool(cancel); };  // the writer's destructor removes its temporary file
  render.progress = [&progress](size_t done, size_t total) { progress(int(done), int(total)); };
  if (!renderAnimation(*writer, *job.session, frames, spec.scale, render)) return 0;
  writer->finish();
  return 1;
}

}  // namespace

ExportRunner::ExportRunner(QObject* parent) : QObject(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {}

ExportRunner::~ExportRunner() {
  *cancel_ = true;
  future_.waitForFinished();
}

bool ExportRunner::start(ExportJob job) {
  if (running_ || !job.session) return false;
  running_ = true;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  auto cancel = cancel_;
  QPointer<ExportRunner> self(this);
  auto post = [self](auto fn) {
    QMetaObject::invokeMethod(self, [self, fn] { if (self) fn(*self); }, Qt::QueuedConnection);
  };
  future_ = QtConcurrent::run([job = std::move(job), cancel, post] {
    const int total = int(job.items.size());
    int written = 0;
    QString error;
    try {
      if (job.animation) {
        written = writeAnimation(job, *cancel, [&post](int done, int all) {
          post([done, all](ExportRunner& r) { Q_EMIT r.progress(done, all); });
        });
        if (!written) error = "cancelled";
      }
      for (const auto& item : job.items) {
        if (job.animation) break;  // written above
        if (*cancel) {
          error = "cancelled";
          break;
        }
        std::vector<std::vector<float>> latents = item.latents;
        StyleControls style = job.style;
        applyEdit(job, latents, style);
        ImageU8 image;
        if (latents.size() == 1) {
          image = job.session->render(latents.front(), job.truncation, style, job.class_index);
        } else {
          const std::vector<int> classes =
              job.class_index >= 0 ? std::vector<int>{job.class_index} : std::vector<int>{};
          image = tileGrid(job.session->renderBatch(latents, job.truncation, style, classes), item.columns, 2, 0);
        }
        QDir().mkpath(QFileInfo(item.path).absolutePath());
        writePng(item.path.toStdString(), image, exportText(job, item));
        ++written;
        post([written, total](ExportRunner& r) { Q_EMIT r.progress(written, total); });
      }
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    post([written, error](ExportRunner& r) {
      r.running_ = false;
      Q_EMIT r.finished(written, error);
    });
  });
  return true;
}

}  // namespace gs
