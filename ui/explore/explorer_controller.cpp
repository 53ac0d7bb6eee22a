#include "ui/explore/explorer_controller.h"

#include <QImage>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>
#include <map>

#include "explore/generator_session.h"
#include "explore/latent_seed.h"
#include "explore/latent_text.h"
#include "util/error.h"
#include "ui/explore/directions_box.h"
#include "ui/explore/latent_panel.h"
#include "ui/explore/style_layer_panel.h"
#include "ui/export/image_export.h"
#include "ui/widgets/image_canvas.h"
#include "ui/window/window_shell.h"

namespace gs {

ExplorerController::ExplorerController(WindowShell& shell, Widgets widgets, QObject* parent)
    : QObject(parent), shell_(shell), w_(widgets), render_(new RenderService(this)) {
  connect(w_.latent, &LatentPanel::latentChanged, this, &ExplorerController::requestExplorerFrame);
  // Edits change the explorer image and the rendered samples grid (the same edit on every cell, as GANSpace
  // shows a direction); the grid is only re-rendered while its tab is in front.
  const auto on_edit = [this] {
    requestExplorerFrame();
    requestGridFrame(/*only_if_shown=*/true);
  };
  connect(w_.style, &StyleLayerPanel::controlsChanged, this, on_edit);
  connect(w_.directions, &DirectionsBox::changed, this, on_edit);
  connect(w_.tabs, &QTabWidget::currentChanged, this, [this](int index) {
    if (index == kSamplesTab && grid_stale_) requestGridFrame();
  });
  connect(render_, &RenderService::frameReady, this, &ExplorerController::onFrame);
  connect(render_, &RenderService::renderFailed, this,
          [this](RenderChannel, const QString& message) { shell_.showError(message); });
  connect(w_.samples, &ImageCanvas::cellClicked, this, &ExplorerController::onGridCellClicked);
}

void ExplorerController::setGenerator(std::shared_ptr<GeneratorSession> session, bool continues_run) {
  if (!session) return;
  if (!continues_run) projected_z_.clear();
  session_ = std::move(session);
  auto weak = std::weak_ptr<GeneratorSession>(session_);
  auto latent_for_seed = [weak](uint64_t seed) {
    auto s = weak.lock();
    return s ? s->latentForSeed(seed) : std::vector<float>{};
  };
  w_.latent->setGenerator(session_->latentDim(), latent_for_seed);
  const int kept_class = w_.latent->classIndex();
  w_.latent->setClasses(session_->classNames());
  if (continues_run) w_.latent->setClassIndex(kept_class);
  w_.style->setGenerator(session_->styleLayerResolutions(), session_->wDim(), latent_for_seed);
  w_.control_tabs->setTabVisible(kStyleControlsTab, session_->isStyleBased());
  w_.directions->setGenerator(session_, continues_run);
  shell_.showStatus(QString("Generator: %1 \u00B7 %2 px \u00B7 latent %3 \u00B7 %4")
                        .arg(QString::fromStdString(session_->label()))
                        .arg(session_->config().resolution)
                        .arg(session_->latentDim())
                        .arg(QString::fromStdString(session_->fingerprint())));
  requestExplorerFrame();
  if (!grid_from_training_) requestGridFrame();
  Q_EMIT generatorChanged();
}

void ExplorerController::setGridRun(uint64_t seed, int size, const QString& translation_columns) {
  grid_run_seed_ = seed;
  grid_size_ = size;
  translation_columns_ = translation_columns;
}

bool ExplorerController::applyEdits(std::vector<std::vector<float>>& latents, StyleControls& style) {
  style = w_.style->controls();
  const DirectionEdit edit = w_.directions->edit();
  if (edit.isZero()) return true;
  try {
    applyDirectionsToAll(w_.directions->directions(), edit, latents, style,
                         int(session_->styleLayerResolutions().size()), session_->wDim());
  } catch (const std::exception& e) {
    shell_.showError(QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

bool ExplorerController::edited() const {
  return !w_.style->controls().isDefault() || !w_.directions->edit().isZero();
}

bool ExplorerController::editExportJob(ExportJob& job) {
  job.class_index = w_.latent->classIndex();
  job.style = w_.style->controls();
  job.found = w_.directions->directions();
  job.edit = w_.directions->edit();
  job.directions = directionsRecipe(job.found, job.edit);
  // Checked once, on one latent, so a bad edit is reported before the export starts (whether it fits depends only
  // on the generator's shapes); the worker applies it to every item.
  if (job.edit.isZero() || job.items.empty() || job.items.front().latents.empty()) return true;
  std::vector<std::vector<float>> probe{job.items.front().latents.front()};
  StyleControls style = job.style;
  return applyEdits(probe, style);
}

QString ExplorerController::applyRecipe(const PngText& recipe) {
  std::map<std::string, std::string> field(recipe.begin(), recipe.end());
  if (!field.count("Seed") && !field.count("Latent"))
    throw GanscopeError("no GANscope recipe in it (neither a seed nor a latent recorded)");
  if (!session_) throw GanscopeError("open the generator it was made with first");
  QStringList notes;
  if (field.count("Model fingerprint") && field["Model fingerprint"] != session_->fingerprint())
    notes << QString("made with model %1 (%2), shown on %3")
                 .arg(QString::fromStdString(field["Model fingerprint"]),
                      QString::fromStdString(field.count("Checkpoint") ? field["Checkpoint"] : field["Model"]),
                      QString::fromStdString(session_->fingerprint()));
  if (field.count("Grid columns") || field.count("Seeds"))
    notes << "a grid: the explorer shows its first cell";
  if (field.count("Truncation")) w_.latent->setTruncation(std::stof(field["Truncation"]));
  if (field.count("Class")) w_.latent->setClassIndex(std::stoi(field["Class"]));  // "3 Dress"
  // Style controls and directions first, then the latent: one frame with everything.
  StyleControls style;
  if (field.count("Style controls")) style = styleControlsFromJson(field["Style controls"]);
  w_.style->setControls(style);
  DirectionEdit edit;
  if (field.count("Directions")) {
    const std::string& d = field["Directions"];
    edit = directionEditFromText(d.substr(0, d.find(' ')));  // "(method)" follows
  }
  w_.directions->setEdit(edit);
  if (field.count("Latent")) {
    const std::vector<float> z = latentFromText(field["Latent"]);
    if (int(z.size()) != session_->latentDim())
      throw GanscopeError("its latent has " + std::to_string(z.size()) + " values; this generator takes " +
                          std::to_string(session_->latentDim()));
    w_.latent->setLatent(z);
  } else {
    const std::string seeds = field.count("Seed") ? field["Seed"] : field["Seeds"];
    w_.latent->setSeed(std::stoull(seeds.substr(0, seeds.find_first_of(", "))));
  }
  w_.tabs->setCurrentIndex(kExplorerTab);
  return notes.join("; ");
}

void ExplorerController::showLatent(const LatentRecord& latent) {
  if (!session_) throw GanscopeError("no generator on screen");
  StyleControls style;
  const std::vector<float> z = latentForRendering(*session_, latent, style);
  // The w offsets hold exactly at truncation 1; then one frame with everything.
  w_.latent->setTruncation(1.0f);
  w_.style->setControls(style);
  w_.directions->setEdit({});
  projected_z_ = z;
  projected_style_ = styleControlsToJson(w_.style->controls());
  w_.latent->setLatent(z);
  w_.tabs->setCurrentIndex(kExplorerTab);
}

void ExplorerController::requestExplorerFrame() {
  if (!session_ || w_.latent->latent().empty()) return;
  RenderRequest request;
  request.session = session_;
  request.latents = {w_.latent->latent()};
  request.truncation = w_.latent->truncation();
  if (w_.latent->classIndex() >= 0) request.classes = {w_.latent->classIndex()};
  if (!applyEdits(request.latents, request.style)) return;
  render_->request(RenderChannel::Explorer, std::move(request));
}

void ExplorerController::requestGridFrame(bool only_if_shown) {
  if (!session_ || grid_from_training_) return;
  grid_stale_ = only_if_shown && w_.tabs->currentIndex() != kSamplesTab;
  if (grid_stale_) return;  // rendered when the samples tab comes to the front
  RenderRequest request;
  request.session = session_;
  request.columns = grid_size_;
  const int classes = session_->numClasses();
  if (classes > 0) {
    // One row per class: column j shows the latent of cell j in every class.
    const std::vector<uint64_t> seeds = gridSeeds(grid_run_seed_, grid_size_);
    for (int k = 0; k < classes; ++k)
      for (uint64_t seed : seeds) {
        request.latents.push_back(session_->latentForSeed(seed));
        request.classes.push_back(k);
      }
  } else {
    for (uint64_t seed : gridSeeds(grid_run_seed_, grid_size_ * grid_size_))
      request.latents.push_back(session_->latentForSeed(seed));
  }
  if (!applyEdits(request.latents, request.style)) return;
  render_->request(RenderChannel::Grid, std::move(request));
}

void ExplorerController::onFrame(RenderChannel channel, const QImage& image, quint64, double ms) {
  if (channel == RenderChannel::Grid) {
    if (grid_from_training_) return;
    w_.samples->setGrid(grid_size_, gridRows(), 2);
    w_.samples->setImage(image);
    w_.samples->setCaption(QString("%1 \u00B7 fixed latents of run seed %2%3%4 \u00B7 click a cell to explore it")
                               .arg(QString::fromStdString(session_->label()))
                               .arg(grid_run_seed_)
                               .arg(session_->numClasses() > 0 ? QString(" \u00B7 one row per class") : QString())
                               .arg(edited() ? QString(" \u00B7 with the explorer's edits") : QString()));
    return;
  }
  const auto origin = w_.latent->originSeed();
  // A projected latent keeps its name until the sliders, style controls or directions move it.
  const bool projected = !origin && !projected_z_.empty() && w_.latent->latent() == projected_z_ &&
                         w_.directions->edit().isZero() && styleControlsToJson(w_.style->controls()) == projected_style_;
  w_.explorer->setCaption(QString("%1 \u00B7 %2%3 \u00B7 psi %4 \u00B7 %5 \u00D7 %6 px \u00B7 %7 ms")
                              .arg(QString::fromStdString(session_->label()))
                              .arg(origin ? QString("seed %1").arg(*origin)
                                          : projected ? QString("projected latent") : QString("edited latent"))
                              .arg(edited() && !projected ? QString(" \u00B7 edited") : QString())
                              .arg(w_.latent->truncation(), 0, 'f', 2)
                              .arg(image.width())
                              .arg(image.height())
                              .arg(ms, 0, 'f', 1));
  w_.explorer->setImage(image);
}

void ExplorerController::showTrainingGrid(const QImage& grid, qint64 step) {
  grid_from_training_ = true;
  if (!translation_columns_.isEmpty()) {
    w_.samples->setGrid(3, grid_size_, 2);
    w_.samples->setImage(grid);
    w_.samples->setCaption(QString("step %1 \u00B7 %2 \u00B7 the Image to image tab translates your own")
                               .arg(step)
                               .arg(translation_columns_));
    return;
  }
  w_.samples->setGrid(grid_size_, gridRows(), 2);
  w_.samples->setImage(grid);
  w_.samples->setCaption(
      QString("step %1 \u00B7 EMA generator \u00B7 fixed latents%2 \u00B7 click a cell to explore it")
          .arg(step)
          .arg(session_ && session_->numClasses() > 0 ? QString(" \u00B7 one row per class") : QString()));
}

void ExplorerController::clearTrainingGrid(const QString& placeholder) {
  grid_from_training_ = true;  // the followed run's grids, not one rendered here
  w_.samples->setImage(QImage());
  w_.samples->setCaption({});
  w_.samples->setPlaceholder(placeholder);
}

void ExplorerController::onGridCellClicked(int index) {
  if (!translation_columns_.isEmpty() && grid_from_training_) return;  // images, not latents
  if (!session_) return shell_.showError("No generator loaded yet: the explorer opens a cell once a checkpoint exists");
  if (session_->numClasses() > 0) {
    // Row k is class k; column j the latent of cell j.
    w_.latent->setClassIndex(index / std::max(1, grid_size_));
    w_.latent->showSeedLatent(fixedGridSeed(grid_run_seed_, index % std::max(1, grid_size_)));
  } else {
    w_.latent->showSeedLatent(fixedGridSeed(grid_run_seed_, index));
  }
  w_.tabs->setCurrentIndex(kExplorerTab);
}

int ExplorerController::gridRows() const {
  return session_ && session_->numClasses() > 0 ? session_->numClasses() : grid_size_;
}

}  // namespace gs
