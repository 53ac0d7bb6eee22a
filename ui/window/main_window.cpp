#include "ui/window/main_window.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "explore/generator_session.h"
#include "ui/explore/directions_box.h"
#include "ui/explore/explorer_difference.h"
#include "ui/explore/explorer_controller.h"
#include "ui/explore/generator_loader.h"
#include "ui/explore/latent_panel.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/export/export_actions.h"
#include "ui/health/health_lab.h"
#include "ui/lab2d/lab2d_panel.h"
#include "ui/training/sample_timeline.h"
#include "ui/training/charts_panel.h"
#include "ui/training/compare_panel.h"
#include "ui/training/data_panel.h"
#include "ui/training/run_actions.h"
#include "ui/training/run_follower.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/translate/translate_panel.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"
#include "ui/widgets/renderer_status.h"
#include "ui/widgets/smoothing_control.h"
#include "ui/widgets/wheel_guard.h"

// Keeps the demo generator's resource in the static library (outside any namespace, as Qt requires).
static void initDemoResource() {
#ifdef GANSCOPE_HAS_DEMO_GENERATOR
  Q_INIT_RESOURCE(resources);
#endif
}

namespace gs {
namespace {

QLabel* sectionTitle(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setObjectName("sectionTitle");
  return label;
}

QScrollArea* verticalScroller(QWidget* content) {
  auto* scroll = new QScrollArea;
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  // Never narrower than the content plus the vertical scroll bar: with horizontal scrolling off, a narrower
  // dock would cut off the right edge of the controls.
  scroll->setMinimumWidth(content->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 2);
  return scroll;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent, bool load_demo)
    : QMainWindow(parent),
      training_(new TrainingController(this)),
      follower_(new RunFollower(this)),
      loader_(new GeneratorLoader(this)) {
  registerCoreMetaTypes();
  setWindowTitle("GANscope");
  setAcceptDrops(true);
  setDockNestingEnabled(true);
  buildCentre();
  buildDocks();
  buildMenus();
  buildParts();
  WheelGuard::install(this);  // scrolling a panel never edits the settings it passes
  addRendererStatus(this);  // Vulkan or QPainter, in the status bar and Help > About
  new ExplorerDifference(this);  // the Difference tool bar: heat overlay of edited vs unedited, or vs A
  statusBar()->showMessage("Ready");

  QSettings settings;
  if (!restoreGeometry(settings.value("window/geometry").toByteArray())) resize(1500, 940);
  restoreState(settings.value("window/state").toByteArray());
  if (load_demo) loadDemoGenerator();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentre() {
  auto* centre = new QWidget(this);
  auto* layout = new QVBoxLayout(centre);
  layout->setContentsMargins(4, 4, 4, 0);
  // Error banner: visible until dismissed or replaced; the app keeps running underneath.
  banner_row_ = new QWidget(centre);
  auto* banner_layout = new QHBoxLayout(banner_row_);
  banner_layout->setContentsMargins(0, 0, 0, 0);
  banner_ = new QLabel(banner_row_);
  banner_->setObjectName("banner");
  banner_->setWordWrap(true);
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(banner_row_);
  close->setText("\u2715");
  close->setToolTip("Dismiss");
  banner_layout->addWidget(banner_, 1);
  banner_layout->addWidget(close);
  banner_row_->hide();
  connect(close, &QToolButton::clicked, this, &MainWindow::clearError);
  layout->addWidget(banner_row_);
  centre_layout_ = layout;

  tabs_ = new QTabWidget(centre);
  explorer_canvas_ = new ImageCanvas(tabs_);
  explorer_canvas_->setPlaceholder("No generator loaded.\nOpen a checkpoint (File \u25B8 Open checkpoint\u2026), "
                                   "or open an image folder and train one.");
  samples_canvas_ = new ImageCanvas(tabs_);
  samples_canvas_->setPlaceholder("The fixed-latent sample grid appears here while a generator is loaded or a "
                                  "run is training.\nClick a cell to explore it.");
  tabs_->addTab(explorer_canvas_, "Explorer");
  timeline_ = new SampleTimeline(samples_canvas_, tabs_);
  tabs_->addTab(timeline_, "Samples");
  connect(timeline_, &SampleTimeline::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  tabs_->addTab(new Lab2dPanel(tabs_), "2D lab");
  compare_ = new ComparePanel(tabs_);
  tabs_->addTab(compare_, "Compare runs");
  translate_ = new TranslatePanel(tabs_);
  tabs_->addTab(translate_, "Image to image");
  connect(translate_, &TranslatePanel::error, this, &MainWindow::showError);
  layout->addWidget(tabs_, 1);
  setCentralWidget(centre);
}

void MainWindow::buildDocks() {
  // Left: data and training settings in one scrolling column.
  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(8, 4, 8, 8);
  data_panel_ = new DataPanel(left);
  training_panel_ = new TrainingPanel(left);
  left_layout->addWidget(sectionTitle("DATASET", left));
  left_layout->addWidget(data_panel_);
  left_layout->addSpacing(8);
  left_layout->addWidget(sectionTitle("TRAINING", left));
  left_layout->addWidget(training_panel_);
  left_layout->addStretch(1);
  auto* left_scroll = verticalScroller(left);
  left_scroll->setMinimumWidth(340);
  auto* left_dock = new QDockWidget("Data & Training", this);
  left_dock->setObjectName("dataDock");
  left_dock->setWidget(left_scroll);
  addDockWidget(Qt::LeftDockWidgetArea, left_dock);

  // Right: the latent controls, and the style-layer controls in a second tab shown for style generators.
  latent_panel_ = new LatentPanel;
  style_panel_ = new StyleLayerPanel;
  // A tab bar over a stack rather than a second QTabWidget: the centre's tabs stay the window's only one.
  auto* right = new QWidget;
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->setSpacing(0);
  explorer_controls_ = new QTabBar(right);
  explorer_controls_->setDocumentMode(true);
  explorer_controls_->setExpanding(false);
  explorer_controls_->addTab("Latent");
  explorer_controls_->addTab("Style layers");
  explorer_controls_->setTabVisible(1, false);
  explorer_controls_->addTab("Directions");
  auto* right_stack = new QStackedWidget(right);
  right_stack->addWidget(verticalScroller(latent_panel_));
  right_stack->addWidget(verticalScroller(style_panel_));
  directions_box_ = new DirectionsBox;
  right_stack->addWidget(verticalScroller(directions_box_));
  connect(explorer_controls_, &QTabBar::currentChanged, right_stack, &QStackedWidget::setCurrentIndex);
  right_layout->addWidget(explorer_controls_);
  right_layout->addWidget(right_stack, 1);
  // No fixed minimum here: it would override the scrollers' (content + scroll bar) and clip the sliders' values.
  auto* right_dock = new QDockWidget("Latent explorer", this);
  right_dock->setObjectName("latentDock");
  right_dock->setWidget(right);
  addDockWidget(Qt::RightDockWidgetArea, right_dock);

  charts_ = new ChartsPanel;
  charts_dock_ = new QDockWidget("Training charts", this);
  charts_dock_->setObjectName("chartsDock");
  charts_dock_->setWidget(charts_);
  addDockWidget(Qt::BottomDockWidgetArea, charts_dock_);
  resizeDocks({charts_dock_}, {300}, Qt::Vertical);
  resizeDocks({left_dock, right_dock}, {360, right->minimumSizeHint().width()}, Qt::Horizontal);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu("&File");
  file->addAction("Open image &folder\u2026", QKeySequence("Ctrl+O"), this, [this] { data_panel_->browseRequested(); });
  file->addAction("Open &checkpoint\u2026", QKeySequence("Ctrl+Shift+O"), this, [this] { chooseCheckpoint(); });
  file->addAction("&Attach to run folder\u2026", this, [this] { chooseRunFolder(); });
  file->addAction("Open &recipe (exported PNG)\u2026", this, [this] { chooseRecipe(); });
  file->addAction("&Project image (find it in the generator)\u2026", this, [this] { openProjection(); });
  file->addAction("Co&mpare runs\u2026", this, [this] {
    tabs_->setCurrentWidget(compare_);
    compare_->chooseRunFolders();
  });
  file->addSeparator();
  auto* recent_folders = file->addMenu("Recent image folders");
  auto* recent_runs = file->addMenu("Recent runs");
  auto* recent_checkpoints = file->addMenu("Recent checkpoints");
  connect(recent_folders, &QMenu::aboutToShow, this, [=] { fillRecentMenu(recent_folders, "recent/folders"); });
  connect(recent_runs, &QMenu::aboutToShow, this, [=] { fillRecentMenu(recent_runs, "recent/runs"); });
  connect(recent_checkpoints, &QMenu::aboutToShow, this,
          [=] { fillRecentMenu(recent_checkpoints, "recent/checkpoints"); });
  file->addSeparator();
  const auto export_action = [this](ExportKind kind) { return [this, kind] { exports_->choose(kind); }; };
  file->addAction("Export current &image\u2026", QKeySequence("Ctrl+E"), this, export_action(ExportKind::CurrentImage));
  file->addAction("Export sample &grid\u2026", this, export_action(ExportKind::Grid));
  file->addAction("Export &N samples\u2026", this, export_action(ExportKind::Samples));
  file->addAction("Export latent &walk video\u2026", this, export_action(ExportKind::LatentWalk));
  file->addAction("Export charts as CS&V\u2026", this, [this] { exports_->chooseCsv(); });
  file->addSeparator();
  file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

  view_menu_ = menuBar()->addMenu("&View");
  for (auto* dock : findChildren<QDockWidget*>()) addDockToggle(dock);
  view_menu_->addSeparator();
  view_menu_->addAction("Explorer tab", QKeySequence("Ctrl+1"), this, [this] { tabs_->setCurrentIndex(ExplorerController::kExplorerTab); });
  view_menu_->addAction("Samples tab", QKeySequence("Ctrl+2"), this, [this] { tabs_->setCurrentIndex(ExplorerController::kSamplesTab); });
  view_menu_->addAction("2D lab tab", QKeySequence("Ctrl+3"), this, [this] { tabs_->setCurrentIndex(kLabTab); });
  view_menu_->addAction("Compare runs tab", QKeySequence("Ctrl+4"), this, [this] { tabs_->setCurrentIndex(kCompareTab); });
  view_menu_->addAction("Image to image tab", QKeySequence("Ctrl+5"), this, [this] { tabs_->setCurrentIndex(kTranslateTab); });
  view_menu_->addSeparator();
  // Nearest-neighbour by default: a 64 px generator's pixels are what it made. Remembered between sessions.
  auto* smooth = view_menu_->addAction("Smooth image scaling");
  smooth->setObjectName("smoothScaling");
  smooth->setCheckable(true);
  connect(smooth, &QAction::toggled, this, [this](bool on) {
    explorer_canvas_->setSmooth(on);
    samples_canvas_->setSmooth(on);
    QSettings().setValue("view/smooth", on);
  });
  smooth->setChecked(QSettings().value("view/smooth", false).toBool());
}

void MainWindow::addDockToggle(QDockWidget* dock) {
  QAction* toggle = dock->toggleViewAction();
  // A title such as "Data & Training" is not a mnemonic: escape its '&' in the menu.
  toggle->setText(dock->windowTitle().replace('&', "&&"));
  view_menu_->addAction(toggle);
}

void MainWindow::buildParts() {
  explorer_ = new ExplorerController(*this, {latent_panel_, style_panel_, directions_box_, explorer_controls_, tabs_,
                                             explorer_canvas_, samples_canvas_}, this);
  connect(explorer_, &ExplorerController::generatorChanged, this, &MainWindow::generatorChanged);
  exports_ = new ExportActions(*this, explorer_, charts_, this);
  connect(exports_, &ExportActions::finished, this, &MainWindow::exportFinished);
  RunActions::Parts parts;
  parts.training = training_;
  parts.follower = follower_;
  parts.data = data_panel_;
  parts.panel = training_panel_;
  parts.charts = charts_;
  parts.explorer = explorer_;
  parts.open_checkpoint = [this](const QString& path) { openCheckpoint(path, /*continues_run=*/true); };
  parts.remember = [this](const QString& key, const QString& path) { rememberRecent(key, path); };
  runs_ = new RunActions(*this, std::move(parts), this);
  // The Samples tab's timeline follows the run on screen: the app's own, or a followed one.
  connect(training_, &TrainingController::samplesReady, this,
          [this] { timeline_->setRunFolder(training_->lastRunDir()); });
  connect(follower_, &RunFollower::samplesUpdated, this, [this] { timeline_->setRunFolder(follower_->runDir()); });
  // The compare view: the run on screen can be added; one smoothing for the training charts and the compare view.
  compare_->setCurrentRunSource([this] { return follower_->isAttached() ? follower_->runDir() : training_->lastRunDir(); });
  connect(charts_->smoothingControl(), &SmoothingControl::changed, compare_->smoothingControl(), &SmoothingControl::setValue);
  connect(compare_->smoothingControl(), &SmoothingControl::changed, charts_->smoothingControl(), &SmoothingControl::setValue);
  health_lab_ = new HealthLab(*this, {training_, follower_, charts_, training_panel_, data_panel_, explorer_canvas_,
                                      samples_canvas_}, this);

  connect(data_panel_, &DataPanel::browseRequested, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Open image folder");
    if (!dir.isEmpty()) openImageFolder(dir);
  });
  connect(data_panel_, &DataPanel::loaded, this, [this](const QString& folder) {
    rememberRecent("recent/folders", folder);
    statusBar()->showMessage("Loaded " + folder, 5000);
    if (!training_->isRunning()) training_panel_->showMessage("Dataset ready: choose settings, then Start.");
  });
  connect(data_panel_, &DataPanel::loadFailed, this, [this](const QString&, const QString& m) { showError(m); });
  connect(loader_, &GeneratorLoader::started, this, [this](const QString& what) { showStatus("Loading " + what + "\u2026"); });
  connect(loader_, &GeneratorLoader::loaded, this, &MainWindow::setGenerator);
  connect(loader_, &GeneratorLoader::failed, this, &MainWindow::showError);
}

void MainWindow::rememberRecent(const QString& key, const QString& path) {
  QSettings settings;
  QStringList list = settings.value(key).toStringList();
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > 10) list.removeLast();
  settings.setValue(key, list);
}

void MainWindow::fillRecentMenu(QMenu* menu, const QString& key) {
  menu->clear();
  const QStringList list = QSettings().value(key).toStringList();
  if (list.isEmpty()) menu->addAction("(none)")->setEnabled(false);
  for (const QString& path : list) menu->addAction(path, this, [this, path] { openPath(path); });
}

void MainWindow::loadDemoGenerator() {
  initDemoResource();
  QFile file(kDemoResource);
  if (!file.open(QIODevice::ReadOnly)) {
    statusBar()->showMessage("No demo generator in this build: open a checkpoint or train one");
    return;
  }
  loader_->loadBytes(file.readAll().toStdString(), "demo generator");
}

}  // namespace gs
