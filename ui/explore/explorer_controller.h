#pragma once
// The explorer's logic, apart from the widgets: holds the generator on screen, turns the latent, style-layer
// and direction controls into render requests (the explorer image and the samples grid, newest request wins via
// RenderService), applies the same edits to exports, and shows finished frames and training grids on the
// canvases. The window only builds the widgets and hands them over.
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

#include "explore/latent_record.h"
#include "explore/style_controls.h"
#include "export/png_export.h"
#include "ui/explore/render_service.h"

class QImage;
class QTabBar;
class QTabWidget;

namespace gs {

class DirectionsBox;
class ImageCanvas;
class LatentPanel;
class StyleLayerPanel;
class WindowShell;
struct ExportJob;

class ExplorerController : public QObject {
  Q_OBJECT
 public:
  // The widgets it drives; `tabs` index kExplorerTab and kSamplesTab are the explorer and samples canvases.
  struct Widgets {
    LatentPanel* latent = nullptr;
    StyleLayerPanel* style = nullptr;
    DirectionsBox* directions = nullptr;
    QTabBar* control_tabs = nullptr;  // Latent | Style layers | Directions
    QTabWidget* tabs = nullptr;
    ImageCanvas* explorer = nullptr;
    ImageCanvas* samples = nullptr;
  };
  static constexpr int kExplorerTab = 0;
  static constexpr int kSamplesTab = 1;
  static constexpr int kStyleControlsTab = 1;  // in control_tabs

  ExplorerController(WindowShell& shell, Widgets widgets, QObject* parent = nullptr);

  // continues_run: the next checkpoint of the run on screen (the direction edit stays), not a new generator.
  void setGenerator(std::shared_ptr<GeneratorSession> session, bool continues_run = false);
  std::shared_ptr<GeneratorSession> generator() const { return session_; }
  RenderService* renderer() const { return render_; }
  ImageCanvas* explorerCanvas() const { return w_.explorer; }
  LatentPanel* latentPanel() const { return w_.latent; }
  StyleLayerPanel* stylePanel() const { return w_.style; }
  DirectionsBox* directionsBox() const { return w_.directions; }
  ImageCanvas* samplesCanvas() const { return w_.samples; }

  // The run whose fixed latents the samples grid shows (cell i: fixedGridSeed(seed, i)).
  // translation: the run is an image-to-image one, whose grids are rows of input | output | target (no latents).
  // `translation_columns`: what an image-to-image run's grid columns hold ("" for a latent model's grid).
  void setGridRun(uint64_t seed, int size, const QString& translation_columns = {});
  uint64_t gridRunSeed() const { return grid_run_seed_; }
  int gridSize() const { return grid_size_; }
  // A grid a training run rendered; until resetGrid() the samples tab shows these rather than its own.
  void showTrainingGrid(const QImage& grid, qint64 step);
  void resetGrid() { grid_from_training_ = false; }
  // Another run is shown: its grids replace this one's; until the first arrives the samples tab says so.
  void clearTrainingGrid(const QString& placeholder);

  // Gives an export the explorer's edits (style controls and the direction edit, applied per item when it
  // renders); the files record the seeds or latents, the controls and the edit, so the CLI renders them again.
  // False, with the error shown, when they do not fit the generator.
  bool editExportJob(ExportJob& job);
  bool edited() const;  // style controls or directions differ from the defaults

  // Restores the explorer to an exported file's recipe: its seed or latent, truncation, style controls and
  // direction edit. Returns what could not be restored ("" when all of it was), or throws GanscopeError for a
  // file without a recipe.
  QString applyRecipe(const PngText& recipe);

  // Starts the explorer from a latent file's latent (a projection's): a z as it is; a w or w+ as its anchor z
  // plus w offsets in the style controls, at truncation 1. Other edits are cleared. Throws GanscopeError when
  // the latent does not fit the generator on screen.
  void showLatent(const LatentRecord& latent);

  void requestExplorerFrame();
  void requestGridFrame(bool only_if_shown = false);

 Q_SIGNALS:
  void generatorChanged();

 private:
  bool applyEdits(std::vector<std::vector<float>>& latents, StyleControls& style);
  void onFrame(RenderChannel channel, const QImage& image, quint64 stamp, double ms);
  void onGridCellClicked(int index);
  int gridRows() const;  // grid_size_, or one row per class of a class-conditional generator

  WindowShell& shell_;
  Widgets w_;
  RenderService* render_;
  std::shared_ptr<GeneratorSession> session_;
  uint64_t grid_run_seed_ = 1;
  int grid_size_ = 8;
  QString translation_columns_;  // non-empty: the training grids are rows of an image-to-image run
  bool grid_from_training_ = false;  // the samples tab shows a training grid rather than one rendered here
  bool grid_stale_ = false;          // edits changed while the samples tab was hidden: render it when shown
  std::vector<float> projected_z_;   // what showLatent() set, to name it in the caption until it is edited
  std::string projected_style_;      // and its style controls (JSON)
};

}  // namespace gs
