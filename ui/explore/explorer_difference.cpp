#include "ui/explore/explorer_difference.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStatusBar>
#include <QToolBar>

#include "explore/generator_session.h"
#include "ui/widgets/image_canvas.h"
#include "ui/explore/latent_panel.h"
#include "ui/window/main_window.h"
#include "ui/explore/render_service.h"

namespace gs {

ExplorerDifference::ExplorerDifference(MainWindow* window)
    : QObject(window), window_(window), render_(new RenderService(this)) {
  bar_ = new QToolBar("Difference view", window);
  bar_->setObjectName("differenceBar");
  toggle_ = new QCheckBox("Difference", bar_);
  toggle_->setObjectName("differenceToggle");
  toggle_->setToolTip("Show what changed as a heat map over the explorer image");
  against_ = new QComboBox(bar_);
  against_->setObjectName("differenceAgainst");
  against_->addItems({"against the unedited frame", "against interpolation point A"});
  opacity_ = new QSlider(Qt::Horizontal, bar_);
  opacity_->setObjectName("differenceOpacity");
  opacity_->setRange(0, 100);
  opacity_->setValue(70);
  opacity_->setFixedWidth(120);
  opacity_->setToolTip("Heat overlay opacity");
  bar_->addWidget(toggle_);
  bar_->addWidget(against_);
  bar_->addWidget(new QLabel(" opacity ", bar_));
  bar_->addWidget(opacity_);
  window->addToolBar(Qt::TopToolBarArea, bar_);

  ImageCanvas* canvas = window->explorerCanvas();
  connect(toggle_, &QCheckBox::toggled, this, [this, canvas](bool on) {
    canvas->setDifferenceOpacity(on ? opacity_->value() / 100.0 : 0.0);
    if (on) requestReference();
    else canvas->setDifferenceReference(QImage());
  });
  connect(against_, &QComboBox::currentIndexChanged, this, [this] { requestReference(); });
  connect(opacity_, &QSlider::valueChanged, this, [this, canvas](int value) {
    if (toggle_->isChecked()) canvas->setDifferenceOpacity(value / 100.0);
  });
  connect(canvas, &ImageCanvas::frameShown, this, [this] { requestReference(); });
  connect(render_, &RenderService::frameReady, this, [this, canvas](RenderChannel, const QImage& image) {
    if (toggle_->isChecked()) canvas->setDifferenceReference(image);
  });
  connect(render_, &RenderService::renderFailed, this,
          [this](RenderChannel, const QString& message) { window_->statusBar()->showMessage(message, 5000); });
}

void ExplorerDifference::setEnabled(bool on) { toggle_->setChecked(on); }
void ExplorerDifference::setAgainst(Against against) { against_->setCurrentIndex(int(against)); }
void ExplorerDifference::setOpacity(double opacity) { opacity_->setValue(int(opacity * 100 + 0.5)); }

void ExplorerDifference::requestReference() {
  auto session = window_->generator();
  LatentPanel* panel = window_->latentPanel();
  if (!toggle_->isChecked() || !session || panel->latent().empty()) return;
  const bool point_a = against_->currentIndex() == int(Against::PointA);
  if (point_a && panel->pointA().empty()) {
    window_->statusBar()->showMessage("Difference view: set interpolation point A first (Latent \u25B8 Set A)", 5000);
    return;
  }
  // The reference has no style-layer or direction edits: against "unedited" it shows what the edits changed.
  RenderRequest request{session, {point_a ? panel->pointA() : panel->latent()}, panel->truncation(), 1, 0, {}};
  render_->request(RenderChannel::Explorer, std::move(request));
}

}  // namespace gs
