#include "ui/export/image_export.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "explore/latent_walk.h"
#include "export/animation_export.h"

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
  const GeneratorSession& session = *job.session;
  const float truncation = job.truncation;
  const StyleControls& style = job.style;
  PngText text = standardExportText();
  text.emplace_back("Model", session.label());
  text.emplace_back("Model fingerprint", session.fingerprint());
  text.emplace_back("Truncation", QString::number(truncation, 'f', 3).toStdString());
  QStringList seeds;
  bool edited = false;
  for (const auto& s : item.seeds) {
    seeds << (s ? QString::number(*s) : QString("edited"));
    edited = edited || !s;
  }
  if (!seeds.isEmpty()) text.emplace_back(item.seeds.size() == 1 ? "Seed" : "Seeds", seeds.join(',').toStdString());
  // A hand-edited latent has no seed: store the vector itself so the image can be rendered again.
  if (item.latents.size() == 1 && edited) {
    QStringList values;
    for (float v : item.latents.front()) values << QString::number(v, 'g', 6);
    text.emplace_back("Latent", values.join(',').toStdString());
  }
  if (item.columns > 1) text.emplace_back("Grid columns", std::to_string(item.columns));
  if (session.isStyleBased() && !style.isDefault()) text.emplace_back("Style controls", styleControlsToJson(style));
  if (!job.directions.empty()) text.emplace_back("Directions", job.directions);
  return text;
}

ExportJob singleImageJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                         const std::vector<float>& z, std::optional<uint64_t> seed, float truncation,
                         const StyleControls& style) {
  ExportJob job = baseJob(std::move(session), truncation, style);
  job.items.push_back(ExportItem{path, {z}, {seed}, 1});
  return job;
}

std::vector<uint64_t> gridSeeds(uint64_t run_seed, int count) {
  std::vector<uint64_t> seeds;
  for (int i = 0; i < count; ++i) seeds.push_back(fixedGridSeed(run_seed, i));
  return seeds;
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

// Renders the job's one item frame by frame into an animation; 1 when the file is written, 0 when cancelled.
int writeAnimation(const ExportJob& job, const std::atomic<bool>& cancel, const std::function<void(int, int)>& progress) {
  const ExportItem& item = job.items.front();
  const AnimationSpec& spec = *job.animation;
  PngText text = exportText(job, item);
  text.emplace_back(spec.key, spec.what.toStdString());
  QDir().mkpath(QFileInfo(spec.path).absolutePath());
  auto writer = AnimationWriter::open(spec.path.toStdString(), spec.fps, std::move(text));
  constexpr size_t kChunk = 16;
  const size_t total = item.latents.size();
  for (size_t first = 0; first < total; first += kChunk) {
    if (cancel) return 0;  // the writer's destructor removes its temporary file
    const std::vector<std::vector<float>> chunk(item.latents.begin() + first,
                                                item.latents.begin() + std::min(total, first + kChunk));
    if (job.frame_styles.empty()) {
      for (const ImageU8& frame : job.session->renderBatch(chunk, job.truncation, job.style))
        writer->add(upscaleNearest(frame, spec.scale));
    } else {  // every frame with its own style controls
      for (size_t i = first; i < first + chunk.size(); ++i)
        writer->add(upscaleNearest(job.session->render(item.latents[i], job.truncation, job.frame_styles[i]), spec.scale));
    }
    progress(int(std::min(total, first + kChunk)), int(total));
  }
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
        ImageU8 image;
        if (item.latents.size() == 1) {
          image = job.session->render(item.latents.front(), job.truncation, job.style);
        } else {
          image = tileGrid(job.session->renderBatch(item.latents, job.truncation, job.style), item.columns, 2, 0);
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
