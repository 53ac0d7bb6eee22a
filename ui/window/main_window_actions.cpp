// MainWindow's handlers: opening things, training, rendering and exports.
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

#include "ui/training/charts_panel.h"
#include "ui/training/data_panel.h"
#include "ui/explore/directions_box.h"
#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "ui/widgets/image_canvas.h"
#include "ui/export/image_export.h"
#include "ui/explore/latent_panel.h"
#include "ui/window/main_window.h"
#include "ui/training/run_follower.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"

namespace gs {

void MainWindow::connectSignals() {
  connect(latent_panel_, &LatentPanel::latentChanged, this, &MainWindow::requestExplorerFrame);
  // Edits change the explorer image and the rendered samples grid (the same edit on every cell, as GANSpace
  // shows a direction); the grid is only re-rendered while its tab is in front.
  const auto edited = [this] {
    requestExplorerFrame();
    requestGridFrame(/*only_if_shown=*/true);
  };
  connect(style_panel_, &StyleLayerPanel::controlsChanged, this, edited);
  connect(directions_box_, &DirectionsBox::changed, this, edited);
  connect(directions_box_, &DirectionsBox::sweepRequested, this, [this] {
    const int count = directions_box_->directions().count();
    if (count == 0) return showError("No direction to sweep yet: the directions are still being found");
    QStringList names;
    for (int i = 0; i < count; ++i) names << QString("PC%1").arg(i);
    bool ok = false;
    const QString name = QInputDialog::getItem(this, "Export sweep video", "Direction to sweep (+-3 sigma):", names,
                                               0, false, &ok);
    if (!ok) return;
    const QString path = QFileDialog::getSaveFileName(this, "Export sweep video", "sweep.mp4",
                                                      "MP4 video (*.mp4);;Animated PNG (*.png)");
    if (!path.isEmpty()) exportDirectionSweep(path, int(names.indexOf(name)));
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
    if (index == 1 && grid_stale_) requestGridFrame();
  });
  connect(render_, &RenderService::frameReady, this, &MainWindow::onFrame);
  connect(render_, &RenderService::renderFailed, this, [this](RenderChannel, const QString& m) { showError(m); });
  connect(samples_canvas_, &ImageCanvas::cellClicked, this, &MainWindow::onGridCellClicked);

  connect(data_panel_, &DataPanel::browseRequested, this, &MainWindow::chooseImageFolder);
  connect(data_panel_, &DataPanel::loaded, this, [this](const QString& folder) {
    rememberRecent("recent/folders", folder);
    statusBar()->showMessage("Loaded " + folder, 5000);
    if (!training_->isRunning()) training_panel_->showMessage("Dataset ready: choose settings, then Start.");
  });
  connect(data_panel_, &DataPanel::loadFailed, this, [this](const QString&, const QString& m) { showError(m); });

  connect(loader_, &QFutureWatcher<GeneratorLoad>::finished, this, [this] {
    const GeneratorLoad load = loader_->result();
    if (!load.error.isEmpty()) return showError(QString("Could not open %1: %2").arg(loading_label_, load.error));
    setGenerator(load.session);
  });

  connect(training_panel_, &TrainingPanel::startRequested, this, [this] { startTraining(); });
  connect(training_panel_, &TrainingPanel::pauseToggled, this, [this](bool paused) {
    training_->setPaused(paused);
    training_panel_->showMessage(paused ? "Paused (no CPU used)" : "Resumed");
  });
  connect(training_panel_, &TrainingPanel::stopRequested, this, [this] {
    training_->stop();
    training_panel_->showMessage("Stopping: writing a checkpoint\u2026");
  });
  connect(training_, &TrainingController::loadProgress, training_panel_, &TrainingPanel::showLoadProgress);
  connect(training_, &TrainingController::datasetReady, this,
          [this](qint64, int, const QString& summary) { training_panel_->showMessage(summary); });
  connect(training_, &TrainingController::stepsReady, this, [this](const QVector<StepStats>& steps) {
    charts_->append(steps);
    training_panel_->showStep(steps.back(), total_steps_);
  });
  connect(training_, &TrainingController::samplesReady, this, &MainWindow::onSamples);
  // The explorer follows the live run through its checkpoints.
  connect(training_, &TrainingController::checkpointWritten, this,
          [this](const QString& path, qint64) { openCheckpoint(path); });
  connect(training_, &TrainingController::runFinished, this, &MainWindow::onRunFinished);

  connect(follower_, &RunFollower::stepsReady, charts_, &ChartsPanel::append);
  connect(follower_, &RunFollower::samplesUpdated, this, &MainWindow::onSamples);
  connect(follower_, &RunFollower::checkpointUpdated, this, &MainWindow::openCheckpoint);
  connect(charts_, &ChartsPanel::csvExportRequested, this, &MainWindow::exportCsv);
  connect(exporter_, &ExportRunner::progress, this, [this](int done, int total) {
    if (!export_dialog_) return;
    export_dialog_->setMaximum(total);
    export_dialog_->setValue(done);
    // ETA from the average rate so far.
    const double elapsed = export_timer_.elapsed() / 1000.0;
    const double left = done > 0 ? elapsed * (total - done) / done : 0;
    export_dialog_->setLabelText(QString("Exporting %1\u2026 %2 / %3%4")
                                     .arg(export_what_)
                                     .arg(done)
                                     .arg(total)
                                     .arg(done > 0 && done < total ? QString(" \u00B7 about %1 s left").arg(std::ceil(left))
                                                                   : QString()));
  });
  connect(exporter_, &ExportRunner::finished, this, [this](int written, const QString& error) {
    if (export_dialog_) export_dialog_->deleteLater();
    export_dialog_ = nullptr;
    if (!error.isEmpty() && error != "cancelled") showError("Export failed: " + error);
    statusBar()->showMessage(QString("Exported %1 file%2").arg(written).arg(written == 1 ? "" : "s"), 5000);
    Q_EMIT exportFinished(written, error);
  });
}

void MainWindow::loadGeneratorAsync(const QString& label, std::function<std::shared_ptr<GeneratorSession>()> open) {
  loading_label_ = label;
  statusBar()->showMessage("Loading " + label + "\u2026");
  // Decoding weights takes a moment: off the GUI thread. A newer load replaces the watched one.
  loader_->setFuture(QtConcurrent::run([open] {
    GeneratorLoad load;
    try {
      load.session = open();
    } catch (const std::exception& e) {
      load.error = QString::fromStdString(e.what());
    }
    return load;
  }));
}

void MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) return showError(path + ": does not exist");
  if (info.isDir()) {
    const QDir dir(path);
    if (dir.exists("metrics.jsonl") || dir.exists("config.json")) {
      attachRun(path);
    } else {
      openImageFolder(path);
    }
    return;
  }
  openCheckpoint(path);
}

void MainWindow::openImageFolder(const QString& path) {
  clearError();
  data_panel_->openFolder(path, std::min(64, training_panel_->resolution()));
}

void MainWindow::openCheckpoint(const QString& path) {
  const std::string file = path.toStdString();
  loadGeneratorAsync(path, [file] { return GeneratorSession::open(file); });
  if (!training_->isRunning() && !follower_->isAttached()) rememberRecent("recent/checkpoints", path);
}

bool MainWindow::attachRun(const QString& run_dir) {
  QString error;
  charts_->clear();
  grid_from_training_ = false;
  if (!follower_->attach(run_dir, &error)) {
    showError(error);
    return false;
  }
  rememberRecent("recent/runs", run_dir);
  training_panel_->setRunFolder(run_dir);
  training_panel_->showMessage("Following a run written by another process");
  // The run's seed decides its fixed grid latents: grid clicks must open the same latents.
  QFile config_file(QDir(run_dir).filePath("config.json"));
  if (config_file.open(QIODevice::ReadOnly)) {
    try {
      const TrainConfig config = trainConfigFromJson(config_file.readAll().toStdString());
      grid_run_seed_ = config.seed;
      grid_size_ = config.grid_size;
      total_steps_ = config.total_steps;
      training_panel_->setConfig(config);  // show the followed run's settings, not the panel's last ones
    } catch (const std::exception& e) {
      showError(QString::fromStdString(e.what()));
    }
  }
  statusBar()->showMessage("Following " + run_dir);
  return true;
}

void MainWindow::setGenerator(std::shared_ptr<GeneratorSession> session) {
  if (!session) return;
  session_ = std::move(session);
  auto weak = std::weak_ptr<GeneratorSession>(session_);
  auto latent_for_seed = [weak](uint64_t seed) {
    auto s = weak.lock();
    return s ? s->latentForSeed(seed) : std::vector<float>{};
  };
  latent_panel_->setGenerator(session_->latentDim(), latent_for_seed);
  style_panel_->setGenerator(session_->styleLayerResolutions(), session_->wDim(), latent_for_seed);
  explorer_controls_->setTabVisible(1, session_->isStyleBased());
  directions_box_->setGenerator(session_);
  const ModelConfig& c = session_->config();
  statusBar()->showMessage(QString("Generator: %1 \u00B7 %2 px \u00B7 latent %3 \u00B7 %4")
                               .arg(QString::fromStdString(session_->label()))
                               .arg(c.resolution)
                               .arg(session_->latentDim())
                               .arg(QString::fromStdString(session_->fingerprint())));
  requestExplorerFrame();
  if (!grid_from_training_) requestGridFrame();
  Q_EMIT generatorChanged();
}

bool MainWindow::applyExplorerEdits(std::vector<std::vector<float>>& latents, StyleControls& style) {
  style = style_panel_->controls();
  const DirectionEdit edit = directions_box_->edit();
  if (edit.isZero()) return true;
  try {
    applyDirectionsToAll(directions_box_->directions(), edit, latents, style,
                         int(session_->styleLayerResolutions().size()), session_->wDim());
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

bool MainWindow::explorerEdited() const {
  return !style_panel_->controls().isDefault() || !directions_box_->edit().isZero();
}

void MainWindow::requestExplorerFrame() {
  if (!session_ || latent_panel_->latent().empty()) return;
  RenderRequest request{session_, {latent_panel_->latent()}, latent_panel_->truncation(), 1, 0, {}};
  if (!applyExplorerEdits(request.latents, request.style)) return;
  render_->request(RenderChannel::Explorer, std::move(request));
}

void MainWindow::requestGridFrame(bool only_if_shown) {
  if (!session_ || grid_from_training_) return;
  grid_stale_ = only_if_shown && tabs_->currentIndex() != 1;
  if (grid_stale_) return;  // rendered when the samples tab comes to the front
  RenderRequest request{session_, {}, 1.0f, grid_size_, 0, {}};
  for (uint64_t seed : gridSeeds(grid_run_seed_, grid_size_ * grid_size_))
    request.latents.push_back(session_->latentForSeed(seed));
  if (!applyExplorerEdits(request.latents, request.style)) return;
  render_->request(RenderChannel::Grid, std::move(request));
}

void MainWindow::onFrame(RenderChannel channel, const QImage& image, quint64, double ms) {
  if (channel == RenderChannel::Grid) {
    if (grid_from_training_) return;
    samples_canvas_->setGrid(grid_size_, grid_size_, 2);
    samples_canvas_->setImage(image);
    samples_canvas_->setCaption(QString("%1 \u00B7 fixed latents of run seed %2%3 \u00B7 click a cell to explore it")
                                    .arg(QString::fromStdString(session_->label()))
                                    .arg(grid_run_seed_)
                                    .arg(explorerEdited() ? QString(" \u00B7 with the explorer's edits") : QString()));
    return;
  }
  const auto origin = latent_panel_->originSeed();
  const bool styled = explorerEdited();
  explorer_canvas_->setCaption(QString("%1 \u00B7 %2%3 \u00B7 psi %4 \u00B7 %5 \u00D7 %6 px \u00B7 %7 ms")
                                   .arg(QString::fromStdString(session_->label()))
                                   .arg(origin ? QString("seed %1").arg(*origin) : QString("edited latent"))
                                   .arg(styled ? QString(" \u00B7 edited") : QString())
                                   .arg(latent_panel_->truncation(), 0, 'f', 2)
                                   .arg(image.width())
                                   .arg(image.height())
                                   .arg(ms, 0, 'f', 1));
  explorer_canvas_->setImage(image);
}

void MainWindow::onSamples(const QImage& grid, qint64 step) {
  grid_from_training_ = true;
  samples_canvas_->setGrid(grid_size_, grid_size_, 2);
  samples_canvas_->setImage(grid);
  samples_canvas_->setCaption(QString("step %1 \u00B7 EMA generator \u00B7 fixed latents \u00B7 click a cell to explore it").arg(step));
}

void MainWindow::onGridCellClicked(int index) {
  if (!session_) return showError("No generator loaded yet: the explorer opens a cell once a checkpoint exists");
  latent_panel_->showSeedLatent(fixedGridSeed(grid_run_seed_, index));
  tabs_->setCurrentIndex(0);
}

void MainWindow::startTraining(const QString& run_dir_in) {
  clearError();
  if (training_->isRunning()) return;
  if (data_panel_->folder().isEmpty()) return showError("Open an image folder first (File \u25B8 Open image folder).");
  TrainConfig config = training_panel_->config();
  config.data.path = data_panel_->folder().toStdString();
  try {
    validate(config);
  } catch (const std::exception& e) {
    return showError(QString::fromStdString(e.what()));
  }
  // The explorer follows a live run through its checkpoints: write one at every sample grid.
  config.checkpoint_every = std::min(config.checkpoint_every, config.sample_every);
  const QString run_dir = run_dir_in.isEmpty() ? TrainingController::defaultRunDir() : run_dir_in;
  QDir().mkpath(run_dir);
  follower_->detach();
  charts_->clear();
  total_steps_ = config.total_steps;
  grid_run_seed_ = config.seed;
  grid_size_ = config.grid_size;
  training_panel_->setRunFolder(run_dir);
  training_panel_->setRunning(true);
  training_panel_->showMessage("Loading the dataset\u2026");
  if (!session_)
    explorer_canvas_->setPlaceholder(QString("Training. The explorer opens the live generator at the first "
                                             "checkpoint (step %1).").arg(config.checkpoint_every));
  rememberRecent("recent/runs", run_dir);
  training_->start(config, run_dir);
}

void MainWindow::onRunFinished(qint64 steps, bool stopped, const QString& checkpoint, const QString& error) {
  training_panel_->setRunning(false);
  if (!error.isEmpty()) {
    showError("Training stopped: " + error);
    training_panel_->showMessage("Failed: " + error);
    return;
  }
  training_panel_->showMessage(stopped ? QString("Stopped at step %1").arg(steps)
                                       : QString("Finished: %1 steps").arg(steps));
  charts_->refreshNow();
  if (!checkpoint.isEmpty()) openCheckpoint(checkpoint);
}

void MainWindow::runExport(ExportJob job, const QString& what) {
  if (!exporter_->start(std::move(job))) return showError("An export is already running");
  export_what_ = what;
  export_timer_.start();
  export_dialog_ = new QProgressDialog("Exporting " + what + "\u2026", "Cancel", 0, 1, this);
  export_dialog_->setWindowModality(Qt::WindowModal);
  export_dialog_->setMinimumDuration(300);
  connect(export_dialog_, &QProgressDialog::canceled, exporter_, &ExportRunner::cancel);
}

bool MainWindow::editExportJob(ExportJob& job) {
  const DirectionEdit edit = directions_box_->edit();
  if (!edit.isZero())
    job.directions = directionEditToText(edit) + " (" + directions_box_->directions().method + ")";
  for (ExportItem& item : job.items) {
    const auto before = item.latents;
    if (!applyExplorerEdits(item.latents, job.style)) return false;
    // A moved latent is no longer its seed's: the file records the latent itself.
    for (size_t i = 0; i < item.latents.size() && i < item.seeds.size(); ++i)
      if (item.latents[i] != before[i]) item.seeds[i].reset();
  }
  return true;
}

void MainWindow::exportCurrentImage(const QString& path) {
  if (!session_) return showError("No generator loaded: nothing to export");
  ExportJob job = singleImageJob(session_, path, latent_panel_->latent(), latent_panel_->originSeed(),
                                 latent_panel_->truncation());
  if (editExportJob(job)) runExport(std::move(job), "image");
}

void MainWindow::exportGrid(const QString& path) {
  if (!session_) return showError("No generator loaded: nothing to export");
  ExportJob job = gridJob(session_, path, grid_run_seed_, grid_size_, 1.0f);
  if (editExportJob(job)) runExport(std::move(job), "grid");
}

void MainWindow::exportSamples(const QString& folder, int count, uint64_t first_seed) {
  if (!session_) return showError("No generator loaded: nothing to export");
  ExportJob job = seedsJob(session_, folder, first_seed, count, latent_panel_->truncation());
  if (editExportJob(job)) runExport(std::move(job), QString("%1 samples").arg(count));
}

void MainWindow::chooseImageFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, "Open image folder");
  if (!dir.isEmpty()) openImageFolder(dir);
}

void MainWindow::chooseCheckpoint() {
  const QString path = QFileDialog::getOpenFileName(this, "Open checkpoint", QString(),
                                                    "Generators (*.gsck *.gsgen);;All files (*)");
  if (!path.isEmpty()) openCheckpoint(path);
}

void MainWindow::chooseRunFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, "Attach to run folder");
  if (!dir.isEmpty()) attachRun(dir);
}

void MainWindow::exportLatentWalk(const QString& path, const std::vector<uint64_t>& seeds) {
  if (!session_) return showError("No generator loaded: nothing to export");
  if (seeds.size() < 2) return showError("A latent walk needs at least two seeds");
  ExportJob job = latentWalkJob(session_, path, seeds, kWalkFramesPerSeed, kWalkFps, latent_panel_->truncation());
  if (editExportJob(job)) runExport(std::move(job), "latent walk");
}

void MainWindow::exportDirectionSweep(const QString& path, int direction) {
  if (!session_) return showError("No generator loaded: nothing to export");
  const LatentDirections& directions = directions_box_->directions();
  if (direction < 0 || direction >= directions.count())
    return showError("No direction to sweep yet: the directions are still being found");
  try {
    runExport(directionSweepJob(session_, path, latent_panel_->latent(), latent_panel_->truncation(),
                                style_panel_->controls(), directions, directions_box_->edit(), direction,
                                3 * kWalkFps, kWalkFps),
              "direction sweep");
  } catch (const std::exception& e) {
    showError(QString::fromStdString(e.what()));
  }
}

void MainWindow::chooseAndExport(int kind) {
  if (!session_) return showError("No generator loaded: nothing to export");
  if (kind == 3) {
    const uint64_t s = latent_panel_->seed();
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, "Export latent walk", "Seeds the walk visits, in order (it loops back to the first):",
        QLineEdit::Normal, QString("%1, %2, %3, %4").arg(s).arg(s + 1).arg(s + 2).arg(s + 3), &ok);
    if (!ok) return;
    std::vector<uint64_t> seeds;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
      bool number = false;
      seeds.push_back(part.trimmed().toULongLong(&number));
      if (!number) return showError(QString("Latent walk: '%1' is not a seed (a whole number)").arg(part.trimmed()));
    }
    const QString path = QFileDialog::getSaveFileName(this, "Export latent walk", "walk.mp4",
                                                      "MP4 video (*.mp4);;Animated PNG (*.png)");
    if (!path.isEmpty()) exportLatentWalk(path, seeds);
    return;
  }
  if (kind == 2) {
    bool ok = false;
    const int count = QInputDialog::getInt(this, "Export samples", "Number of samples (seeds from the current seed):",
                                           64, 1, 100000, 1, &ok);
    if (!ok) return;
    const QString dir = QFileDialog::getExistingDirectory(this, "Export samples to folder");
    if (!dir.isEmpty()) exportSamples(dir, count, latent_panel_->seed());
    return;
  }
  const QString path = QFileDialog::getSaveFileName(this, kind == 0 ? "Export image" : "Export grid",
                                                    kind == 0 ? "image.png" : "grid.png", "PNG (*.png)");
  if (path.isEmpty()) return;
  kind == 0 ? exportCurrentImage(path) : exportGrid(path);
}

void MainWindow::exportCsv() {
  const QString path = QFileDialog::getSaveFileName(this, "Export charts as CSV", "metrics.csv", "CSV (*.csv)");
  if (path.isEmpty()) return;
  QString error;
  if (!charts_->exportCsv(path, &error)) showError(error);
}

void MainWindow::showError(const QString& message) {
  banner_->setText(message);
  banner_row_->show();
  statusBar()->showMessage("Error: " + message.left(120), 8000);
  Q_EMIT errorShown(message);
}

void MainWindow::clearError() {
  banner_->clear();
  banner_row_->hide();
}

QString MainWindow::errorText() const { return banner_row_->isHidden() ? QString() : banner_->text(); }

}  // namespace gs
