// MainWindow's handlers: opening folders, runs and checkpoints, the WindowShell its parts use, and window events.
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>

#include "export/png_export.h"
#include "training/checkpoint.h"
#include "training/run_folder.h"
#include "ui/explore/explorer_controller.h"
#include "ui/explore/generator_loader.h"
#include "ui/explore/projection_dialog.h"
#include "ui/export/export_actions.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/run_follower.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/translate/translate_panel.h"
#include "ui/window/main_window.h"

namespace gs {

void MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) return showError(path + ": does not exist");
  const QString suffix = info.suffix().toLower();
  if (!info.isDir() && suffix == "png") return openRecipe(path);
  // Other pictures carry no recipe: offer to find them in the generator.
  static const QStringList pictures{"jpg", "jpeg", "bmp", "webp", "tif", "tiff"};
  if (!info.isDir() && pictures.contains(suffix)) return openProjection(path);
  if (!info.isDir()) return openCheckpoint(path);
  if (isRunFolder(path.toStdString())) {
    runs_->attachRun(path);
  } else {
    openImageFolder(path);
  }
}

void MainWindow::openImageFolder(const QString& path) {
  clearError();
  data_panel_->openFolder(path, std::min(64, training_panel_->resolution()));
}

void MainWindow::openCheckpoint(const QString& path, bool continues_run) {
  // An image-to-image checkpoint opens in its own tab (it has no latents to explore).
  bool translation = false;
  try {
    translation = isTranslationModel(readCheckpointConfig(path.toStdString()).model.kind);
  } catch (const std::exception&) {
    // A damaged file: the loader reports it.
  }
  if (translation) {
    // A live run's next checkpoint updates the tab's model without taking the user there.
    if (translate_->loadModel(path) && !continues_run) tabs_->setCurrentWidget(translate_);
    if (!continues_run) rememberRecent("recent/checkpoints", path);
    return;
  }
  loader_->loadFile(path, continues_run);
  if (!training_->isRunning() && !follower_->isAttached()) rememberRecent("recent/checkpoints", path);
}

void MainWindow::setGenerator(std::shared_ptr<GeneratorSession> session, bool continues_run) {
  explorer_->setGenerator(std::move(session), continues_run);
}

std::shared_ptr<GeneratorSession> MainWindow::generator() const { return explorer_->generator(); }

RenderService* MainWindow::renderer() const { return explorer_->renderer(); }

void MainWindow::openRecipe(const QString& png_path) {
  try {
    const QString notes = explorer_->applyRecipe(readPngText(png_path.toStdString()));
    clearError();
    showStatus("Recipe of " + QFileInfo(png_path).fileName() + " restored" + (notes.isEmpty() ? "" : ": " + notes),
               10000);
  } catch (const std::exception& e) {
    const QString why = QString::fromStdString(e.what());
    // A picture without a recipe: offer to find it in the generator instead.
    const bool offer = why.startsWith("no GANscope recipe") && generator();
    showError(png_path + ": " + why + (offer ? " \u2014 the Project image dialog can find it in the generator" : ""));
    if (offer) openProjection(png_path);
  }
}

ProjectionDialog* MainWindow::projectionDialog() const { return projection_; }

void MainWindow::openProjection(const QString& image_path) {
  if (!generator()) return showError("Project image: open a generator first (File > Open checkpoint)");
  if (projection_ && projection_->session() != generator()) delete projection_;  // another generator now
  if (!projection_) {
    projection_ = new ProjectionDialog(generator(), this);
    projection_->setAttribute(Qt::WA_DeleteOnClose);
    connect(projection_, &ProjectionDialog::useLatent, this, [this](const LatentRecord& latent) {
      try {
        explorer_->showLatent(latent);
        clearError();
        showStatus("The explorer starts from the projected latent", 8000);
      } catch (const std::exception& e) {
        showError("Use in explorer: " + QString::fromStdString(e.what()));
      }
    });
  }
  if (!image_path.isEmpty() && !projection_->isRunning()) projection_->setImagePath(image_path);
  projection_->show();
  projection_->raise();
}

void MainWindow::chooseRecipe() {
  const QString path = QFileDialog::getOpenFileName(this, "Open recipe", QString(), "Exported images (*.png)");
  if (!path.isEmpty()) openRecipe(path);
}

void MainWindow::chooseCheckpoint() {
  const QString path = QFileDialog::getOpenFileName(this, "Open checkpoint", QString(),
                                                    "Generators (*.gsck *.gsgen);;All files (*)");
  if (!path.isEmpty()) openCheckpoint(path);
}

void MainWindow::chooseRunFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, "Attach to run folder");
  if (!dir.isEmpty()) runs_->attachRun(dir);
}

void MainWindow::addBottomDock(QDockWidget* dock) {
  tabifyDockWidget(charts_dock_, dock);
  charts_dock_->raise();
  addDockToggle(dock);
}

void MainWindow::insertBanner(QWidget* banner) {
  centre_layout_->insertWidget(centre_layout_->indexOf(banner_row_) + 1, banner);
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

void MainWindow::showStatus(const QString& message, int timeout_ms) { statusBar()->showMessage(message, timeout_ms); }

QString MainWindow::errorText() const { return banner_row_->isHidden() ? QString() : banner_->text(); }

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && event->mimeData()->urls().front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.isEmpty()) return;
  openPath(urls.front().toLocalFile());
  event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  training_->stop();
  exports_->cancel();
  event->accept();
}

}  // namespace gs
