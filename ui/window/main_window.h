#pragma once
// The desktop app's window: Data & Training panel (left), Explorer and Samples tabs (centre), latent explorer
// (right), training charts (bottom), all dockable; layout and recent folders, runs and checkpoints persist in
// QSettings. Long work runs elsewhere: rendering on RenderService's thread, training on TrainingController's,
// dataset decoding, checkpoint loading and exports on worker threads. Errors show in a banner; the app keeps
// running.
#include <QFutureWatcher>
#include <QElapsedTimer>
#include <QMainWindow>

#include <functional>
#include <memory>

#include "ui/explore/render_service.h"

class QLabel;
class QMenu;
class QProgressDialog;
class QTabBar;
class QTabWidget;

namespace gs {

class ChartsPanel;
class DataPanel;
class DirectionsBox;
class ExportRunner;
class GeneratorSession;
class HealthLab;
class ImageCanvas;
class LatentPanel;
class RunFollower;
class StyleLayerPanel;
class TrainingController;
class TrainingPanel;

// A generator loaded in a worker thread, or why it could not be.
struct GeneratorLoad {
  std::shared_ptr<GeneratorSession> session;
  QString error;
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  static constexpr const char* kDemoResource = ":/ganscope/demo_generator.gsgen";

  // load_demo: open the bundled demo generator (when the build has one) at start-up.
  explicit MainWindow(QWidget* parent = nullptr, bool load_demo = true);
  ~MainWindow() override;

  // What the menus, drag-and-drop and the command line do (public for tests and main()).
  void openPath(const QString& path);  // folder of images, run folder or checkpoint, decided by content
  void openImageFolder(const QString& path);
  void openCheckpoint(const QString& path);  // loads in a worker thread
  bool attachRun(const QString& run_dir);
  void setGenerator(std::shared_ptr<GeneratorSession> session);
  void startTraining(const QString& run_dir = {});
  void exportCurrentImage(const QString& path);
  void exportGrid(const QString& path);
  void exportSamples(const QString& folder, int count, uint64_t first_seed);
  // A looping latent walk through `seeds` (.mp4 or animated .png), with the explorer's edits and truncation.
  void exportLatentWalk(const QString& path, const std::vector<uint64_t>& seeds);
  // The explorer image swept along `direction` (+-3 sigma around the current edit), 72 frames.
  void exportDirectionSweep(const QString& path, int direction);
  static constexpr int kWalkFramesPerSeed = 48;  // 2 s per seed at 24 fps, as StyleGAN's interpolation videos
  static constexpr int kWalkFps = 24;
  void showError(const QString& message);
  void clearError();

  QString errorText() const;
  std::shared_ptr<GeneratorSession> generator() const { return session_; }
  DataPanel* dataPanel() const { return data_panel_; }
  TrainingPanel* trainingPanel() const { return training_panel_; }
  LatentPanel* latentPanel() const { return latent_panel_; }
  StyleLayerPanel* styleLayerPanel() const { return style_panel_; }
  QTabBar* explorerControlTabs() const { return explorer_controls_; }  // Latent | Style layers | Directions
  DirectionsBox* directionsBox() const { return directions_box_; }
  ChartsPanel* chartsPanel() const { return charts_; }
  ImageCanvas* explorerCanvas() const { return explorer_canvas_; }
  ImageCanvas* samplesCanvas() const { return samples_canvas_; }
  TrainingController* training() const { return training_; }
  ExportRunner* exporter() const { return exporter_; }
  RenderService* renderer() const { return render_; }
  HealthLab* healthLab() const { return health_lab_; }  // Health dock, alarm banner, remedies (health_lab.h)

 Q_SIGNALS:
  void generatorChanged();
  void errorShown(const QString& message);
  void exportFinished(int written, const QString& error);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  // Construction (main_window.cpp).
  void buildCentre();
  void buildDocks();
  void buildMenus();
  void rememberRecent(const QString& key, const QString& path);
  void fillRecentMenu(QMenu* menu, const QString& key);
  void loadDemoGenerator();
  // Handlers (main_window_actions.cpp).
  void connectSignals();
  void requestExplorerFrame();
  void requestGridFrame(bool only_if_shown = false);
  // The explorer's edits for rendering `latents`: the style-layer controls, plus the direction edit (moving each
  // latent, or w). False, with the error shown, when they do not fit the generator.
  bool applyExplorerEdits(std::vector<std::vector<float>>& latents, StyleControls& style);
  bool explorerEdited() const;  // style controls or directions differ from the defaults
  // The same edits on every latent of an export (the files record the edited latents and style controls).
  bool editExportJob(struct ExportJob& job);
  void onFrame(RenderChannel channel, const QImage& image, quint64 stamp, double ms);
  void onSamples(const QImage& grid, qint64 step);
  void onRunFinished(qint64 steps, bool stopped, const QString& checkpoint, const QString& error);
  void onGridCellClicked(int index);
  void runExport(struct ExportJob job, const QString& what);
  void chooseImageFolder();
  void chooseCheckpoint();
  void chooseRunFolder();
  void chooseAndExport(int kind);  // 0: current image, 1: grid, 2: N samples, 3: latent walk video
  void exportCsv();

  RenderService* render_;
  TrainingController* training_;
  RunFollower* follower_;
  ExportRunner* exporter_;
  HealthLab* health_lab_ = nullptr;
  std::shared_ptr<GeneratorSession> session_;
  QFutureWatcher<GeneratorLoad>* loader_;
  void loadGeneratorAsync(const QString& label, std::function<std::shared_ptr<GeneratorSession>()> open);
  QString loading_label_;

  DataPanel* data_panel_;
  TrainingPanel* training_panel_;
  LatentPanel* latent_panel_;
  StyleLayerPanel* style_panel_;
  DirectionsBox* directions_box_;
  QTabBar* explorer_controls_;
  ChartsPanel* charts_;
  QTabWidget* tabs_;
  ImageCanvas* explorer_canvas_;
  ImageCanvas* samples_canvas_;
  QLabel* banner_;
  QWidget* banner_row_;
  QMenu* view_menu_;
  QProgressDialog* export_dialog_ = nullptr;
  QElapsedTimer export_timer_;  // since the running export started (ETA in its dialog)
  QString export_what_;

  uint64_t grid_run_seed_ = 1;  // cell i of the samples grid shows fixedGridSeed(grid_run_seed_, i)
  int grid_size_ = 8;
  bool grid_from_training_ = false;  // the samples tab shows a training grid rather than one rendered here
  bool grid_stale_ = false;          // edits changed while the samples tab was hidden: render it when shown
  int64_t total_steps_ = 0;
};

}  // namespace gs
