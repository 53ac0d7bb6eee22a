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
#include "training/run_folder.h"
#include "ui/explore/explorer_controller.h"
#include "ui/explore/generator_loader.h"
#include "ui/export/export_actions.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/run_follower.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/window/main_window.h"

namespace gs {

void MainWindow::openPath(const QString& path) {
  const QFileInfo info(path);
  if (!info.exists()) return showError(path + ": does not exist");
  if (!info.isDir()) return info.suffix().compare("png", Qt::CaseInsensitive) == 0 ? openRecipe(path) : openCheckpoint(path);
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
    showError(png_path + ": " + QString::fromStdString(e.what()));
  }
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
