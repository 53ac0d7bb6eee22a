#include "ui/export/export_actions.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QProgressDialog>

#include <cmath>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "ui/explore/directions_box.h"
#include "ui/explore/explorer_controller.h"
#include "ui/explore/latent_panel.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/export/image_export.h"
#include "ui/training/charts_panel.h"
#include "ui/window/window_shell.h"

namespace gs {

ExportActions::ExportActions(WindowShell& shell, ExplorerController* explorer, ChartsPanel* charts, QObject* parent)
    : QObject(parent),
      shell_(shell),
      explorer_(explorer),
      charts_(charts),
      latent_(explorer->latentPanel()),
      style_(explorer->stylePanel()),
      directions_(explorer->directionsBox()),
      runner_(new ExportRunner(this)) {
  connect(runner_, &ExportRunner::progress, this, &ExportActions::onProgress);
  connect(runner_, &ExportRunner::finished, this, [this](int written, const QString& error) {
    if (dialog_) dialog_->deleteLater();
    dialog_ = nullptr;
    if (!error.isEmpty() && error != "cancelled") shell_.showError("Export failed: " + error);
    shell_.showStatus(QString("Exported %1 file%2").arg(written).arg(written == 1 ? "" : "s"), 5000);
    Q_EMIT finished(written, error);
  });
  connect(directions_, &DirectionsBox::sweepRequested, this, &ExportActions::chooseSweep);
  connect(charts_, &ChartsPanel::csvExportRequested, this, &ExportActions::chooseCsv);
}

void ExportActions::cancel() { runner_->cancel(); }

bool ExportActions::ready() {
  if (explorer_->generator()) return true;
  shell_.showError("No generator loaded: nothing to export");
  return false;
}

void ExportActions::run(ExportJob job, const QString& what, bool with_edits) {
  if (with_edits && !explorer_->editExportJob(job)) return;
  if (!runner_->start(std::move(job))) return shell_.showError("An export is already running");
  what_ = what;
  timer_.start();
  dialog_ = new QProgressDialog("Exporting " + what + "\u2026", "Cancel", 0, 1, shell_.dialogParent());
  dialog_->setWindowModality(Qt::WindowModal);
  dialog_->setMinimumDuration(300);
  connect(dialog_, &QProgressDialog::canceled, runner_, &ExportRunner::cancel);
}

void ExportActions::onProgress(int done, int total) {
  if (!dialog_) return;
  dialog_->setMaximum(total);
  dialog_->setValue(done);
  // ETA from the average rate so far.
  const double elapsed = timer_.elapsed() / 1000.0;
  const double left = done > 0 ? elapsed * (total - done) / done : 0;
  const QString eta = done > 0 && done < total ? QString(" \u00B7 about %1 s left").arg(std::ceil(left)) : QString();
  dialog_->setLabelText(QString("Exporting %1\u2026 %2 / %3%4").arg(what_).arg(done).arg(total).arg(eta));
}

void ExportActions::exportCurrentImage(const QString& path) {
  if (!ready()) return;
  run(singleImageJob(explorer_->generator(), path, latent_->latent(), latent_->originSeed(),
                     latent_->truncation()),
      "image");
}

void ExportActions::exportGrid(const QString& path) {
  if (!ready()) return;
  run(gridJob(explorer_->generator(), path, explorer_->gridRunSeed(), explorer_->gridSize(), 1.0f), "grid");
}

void ExportActions::exportSamples(const QString& folder, int count, uint64_t first_seed) {
  if (!ready()) return;
  run(seedsJob(explorer_->generator(), folder, first_seed, count, latent_->truncation()),
      QString("%1 samples").arg(count));
}

void ExportActions::exportLatentWalk(const QString& path, const std::vector<uint64_t>& seeds) {
  if (!ready()) return;
  if (seeds.size() < 2) return shell_.showError("A latent walk needs at least two seeds");
  run(latentWalkJob(explorer_->generator(), path, seeds, kWalkFramesPerSeed, kWalkFps, latent_->truncation()),
      "latent walk");
}

void ExportActions::exportDirectionSweep(const QString& path, int direction) {
  if (!ready()) return;
  const LatentDirections& directions = directions_->directions();
  if (direction < 0 || direction >= directions.count())
    return shell_.showError("No direction to sweep yet: the directions are still being found");
  try {
    // The sweep carries the edit itself, frame by frame.
    run(directionSweepJob(explorer_->generator(), path, latent_->latent(), latent_->truncation(),
                          style_->controls(), directions, directions_->edit(), direction, 3 * kWalkFps, kWalkFps),
        "direction sweep", /*with_edits=*/false);
  } catch (const std::exception& e) {
    shell_.showError(QString::fromStdString(e.what()));
  }
}

void ExportActions::chooseSweep() {
  const int count = directions_->directions().count();
  if (count == 0) return shell_.showError("No direction to sweep yet: the directions are still being found");
  QStringList names;
  for (int i = 0; i < count; ++i) names << QString("PC%1").arg(i);
  bool ok = false;
  QWidget* parent = shell_.dialogParent();
  const QString name =
      QInputDialog::getItem(parent, "Export sweep video", "Direction to sweep (+-3 sigma):", names, 0, false, &ok);
  if (!ok) return;
  const QString path = QFileDialog::getSaveFileName(parent, "Export sweep video", "sweep.mp4",
                                                    "MP4 video (*.mp4);;Animated PNG (*.png)");
  if (!path.isEmpty()) exportDirectionSweep(path, int(names.indexOf(name)));
}

void ExportActions::choose(ExportKind kind) {
  if (!ready()) return;
  QWidget* parent = shell_.dialogParent();
  switch (kind) {
    case ExportKind::LatentWalk: {
      const uint64_t s = latent_->seed();
      bool ok = false;
      const QString text = QInputDialog::getText(
          parent, "Export latent walk", "Seeds the walk visits, in order (it loops back to the first):",
          QLineEdit::Normal, QString("%1, %2, %3, %4").arg(s).arg(s + 1).arg(s + 2).arg(s + 3), &ok);
      if (!ok) return;
      std::vector<uint64_t> seeds;
      try {
        seeds = parseSeedList(text.toStdString());
      } catch (const std::exception& e) {
        return shell_.showError(QString("Latent walk: %1").arg(e.what()));
      }
      const QString path = QFileDialog::getSaveFileName(parent, "Export latent walk", "walk.mp4",
                                                        "MP4 video (*.mp4);;Animated PNG (*.png)");
      if (!path.isEmpty()) exportLatentWalk(path, seeds);
      return;
    }
    case ExportKind::Samples: {
      bool ok = false;
      const int count = QInputDialog::getInt(parent, "Export samples",
                                             "Number of samples (seeds from the current seed):", 64, 1, 100000, 1, &ok);
      if (!ok) return;
      const QString dir = QFileDialog::getExistingDirectory(parent, "Export samples to folder");
      if (!dir.isEmpty()) exportSamples(dir, count, latent_->seed());
      return;
    }
    case ExportKind::CurrentImage:
    case ExportKind::Grid: {
      const bool image = kind == ExportKind::CurrentImage;
      const QString path = QFileDialog::getSaveFileName(parent, image ? "Export image" : "Export grid",
                                                        image ? "image.png" : "grid.png", "PNG (*.png)");
      if (path.isEmpty()) return;
      image ? exportCurrentImage(path) : exportGrid(path);
      return;
    }
  }
}

void ExportActions::chooseCsv() {
  const QString path =
      QFileDialog::getSaveFileName(shell_.dialogParent(), "Export charts as CSV", "metrics.csv", "CSV (*.csv)");
  if (path.isEmpty()) return;
  QString error;
  if (!charts_->exportCsv(path, &error)) shell_.showError(error);
}

}  // namespace gs
