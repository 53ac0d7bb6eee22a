#pragma once
// The desktop app's window: Data & Training panel (left), Explorer, Samples, 2D lab, Compare runs and Image to
// image tabs (centre), latent
// explorer (right), training charts and Health (bottom), all dockable; layout and recent folders, runs and
// checkpoints persist in QSettings. The window only assembles docks and menus and opens what it is given; the
// work is done by its parts: ExplorerController (rendering and edits), ExportActions, RunActions (training and
// followed runs), HealthLab, GeneratorLoader. Errors show in a banner; the app keeps running.
#include <QMainWindow>
#include <QPointer>

#include <memory>

#include "ui/window/window_shell.h"

class QLabel;
class QMenu;
class QTabBar;
class QTabWidget;
class QVBoxLayout;

namespace gs {

class ChartsPanel;
class ComparePanel;
class DataPanel;
class DirectionsBox;
class ExplorerController;
class ExportActions;
class GeneratorLoader;
class GeneratorSession;
class HealthLab;
class ImageCanvas;
class SampleTimeline;
class LatentPanel;
class ProjectionDialog;
class RenderService;
class RunActions;
class RunFollower;
class StyleLayerPanel;
class TrainingController;
class TrainingPanel;
class TranslatePanel;

class MainWindow : public QMainWindow, public WindowShell {
  Q_OBJECT
 public:
  static constexpr const char* kDemoResource = ":/ganscope/demo_generator.gsgen";
  static constexpr int kLabTab = 2;  // centre tab of the 2D lab (after the explorer's and the samples')
  static constexpr int kCompareTab = 3;  // centre tab of the compare view (runs overlaid)
  static constexpr int kTranslateTab = 4;  // centre tab of image-to-image models (pix2pix)

  // load_demo: open the bundled demo generator (when the build has one) at start-up.
  explicit MainWindow(QWidget* parent = nullptr, bool load_demo = true);
  ~MainWindow() override;

  // What the menus, drag-and-drop and the command line do (public for tests and main()).
  void openPath(const QString& path);  // folder of images, run folder or checkpoint, decided by content
  void openImageFolder(const QString& path);
  // Loads in a worker thread; continues_run: the next checkpoint of the run on screen (explorer edits stay).
  void openCheckpoint(const QString& path, bool continues_run = false);
  void setGenerator(std::shared_ptr<GeneratorSession> session, bool continues_run = false);
  // An exported PNG: restores the explorer to its recipe (seed or latent, truncation, style, directions).
  void openRecipe(const QString& png_path);
  // File > Project image...: the projection dialog on the generator on screen, with `image_path` chosen when
  // given (it does not start by itself). Shows an error when no generator is open.
  void openProjection(const QString& image_path = {});
  ProjectionDialog* projectionDialog() const;

  // WindowShell: what the window's parts may use.
  QWidget* dialogParent() override { return this; }
  QMenu* viewMenu() override { return view_menu_; }
  void addBottomDock(QDockWidget* dock) override;
  void insertBanner(QWidget* banner) override;
  void showError(const QString& message) override;
  void clearError() override;
  void showStatus(const QString& message, int timeout_ms = 0) override;
  QString errorText() const;

  std::shared_ptr<GeneratorSession> generator() const;
  DataPanel* dataPanel() const { return data_panel_; }
  TrainingPanel* trainingPanel() const { return training_panel_; }
  LatentPanel* latentPanel() const { return latent_panel_; }
  StyleLayerPanel* styleLayerPanel() const { return style_panel_; }
  QTabBar* explorerControlTabs() const { return explorer_controls_; }  // Latent | Style layers | Directions
  DirectionsBox* directionsBox() const { return directions_box_; }
  ChartsPanel* chartsPanel() const { return charts_; }
  ComparePanel* comparePanel() const { return compare_; }
  TranslatePanel* translatePanel() const { return translate_; }
  ImageCanvas* explorerCanvas() const { return explorer_canvas_; }
  ImageCanvas* samplesCanvas() const { return samples_canvas_; }
  SampleTimeline* sampleTimeline() const { return timeline_; }
  QTabWidget* centreTabs() const { return tabs_; }  // Explorer | Samples | 2D lab | Compare runs | Image to image
  TrainingController* training() const { return training_; }
  RenderService* renderer() const;
  ExplorerController* explorer() const { return explorer_; }
  ExportActions* exports() const { return exports_; }
  RunActions* runs() const { return runs_; }
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
  void buildCentre();
  void buildDocks();
  void buildParts();
  void buildMenus();
  void addDockToggle(QDockWidget* dock);  // its show/hide action in the View menu
  void rememberRecent(const QString& key, const QString& path);
  void fillRecentMenu(QMenu* menu, const QString& key);
  void loadDemoGenerator();
  void chooseCheckpoint();
  void chooseRunFolder();
  void chooseRecipe();

  TrainingController* training_;
  RunFollower* follower_;
  GeneratorLoader* loader_;
  ExplorerController* explorer_ = nullptr;
  ExportActions* exports_ = nullptr;
  RunActions* runs_ = nullptr;
  HealthLab* health_lab_ = nullptr;

  DataPanel* data_panel_;
  TrainingPanel* training_panel_;
  LatentPanel* latent_panel_;
  StyleLayerPanel* style_panel_;
  DirectionsBox* directions_box_;
  QTabBar* explorer_controls_;
  ChartsPanel* charts_;
  ComparePanel* compare_;
  TranslatePanel* translate_;
  QDockWidget* charts_dock_;
  QTabWidget* tabs_;
  ImageCanvas* explorer_canvas_;
  ImageCanvas* samples_canvas_;
  SampleTimeline* timeline_;  // the Samples tab: the live grid and the run's timeline
  QVBoxLayout* centre_layout_;
  QLabel* banner_;
  QWidget* banner_row_;
  QMenu* view_menu_ = nullptr;
  QPointer<ProjectionDialog> projection_;
};

}  // namespace gs
