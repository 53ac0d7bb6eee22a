#include "image_export.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"

namespace gs {

PngText exportText(const GeneratorSession& session, const ExportItem& item, float truncation,
                   const StyleControls& style) {
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
  return text;
}

ExportJob singleImageJob(std::shared_ptr<GeneratorSession> session, const QString& path,
                         const std::vector<float>& z, std::optional<uint64_t> seed, float truncation,
                         const StyleControls& style) {
  ExportJob job{std::move(session), truncation, {}, style};
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
  ExportJob job{std::move(session), truncation, {}, {}};
  job.items.push_back(std::move(item));
  return job;
}

ExportJob seedsJob(std::shared_ptr<GeneratorSession> session, const QString& folder, uint64_t first_seed, int count,
                   float truncation, const StyleControls& style) {
  ExportJob job{session, truncation, {}, style};
  for (int i = 0; i < count; ++i) {
    const uint64_t seed = first_seed + uint64_t(i);
    job.items.push_back(ExportItem{QDir(folder).filePath(QString("seed_%1.png").arg(seed, 6, 10, QChar('0'))),
                                   {session->latentForSeed(seed)},
                                   {seed},
                                   1});
  }
  return job;
}

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
      for (const auto& item : job.items) {
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
        writePng(item.path.toStdString(), image, exportText(*job.session, item, job.truncation, job.style));
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
