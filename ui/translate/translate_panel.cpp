#include "ui/translate/translate_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

#include "export/png_export.h"
#include "ui/translate/sketch_pad.h"
#include "ui/translate/translation_service.h"
#include "ui/widgets/core_types.h"
#include "ui/widgets/image_canvas.h"
#include "util/error.h"

namespace gs {

TranslatePanel::TranslatePanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* open_model = new QPushButton("Open model\u2026", this);
  open_model->setToolTip("An image-to-image checkpoint (trained with --model pix2pix or cyclegan)");
  model_label_ = new QLabel("No image-to-image model loaded.", this);
  auto* open_image = new QPushButton("Open image\u2026", this);
  auto* clear = new QPushButton("Clear", this);
  clear->setToolTip("A blank sketch pad");
  from_photo_ = new QCheckBox("Edges from photo", this);
  from_photo_->setToolTip("Edges models: turn the input into its Canny edge map first, as training built the pairs "
                          "(off: the input is taken as a line drawing)");
  from_photo_->setEnabled(false);
  direction_ = new QComboBox(this);
  direction_->addItems({"A \u2192 B", "B \u2192 A"});
  direction_->setToolTip("CycleGAN models translate both ways");
  direction_->setEnabled(false);
  export_ = new QPushButton("Export PNG\u2026", this);
  export_->setEnabled(false);
  bar->addWidget(open_model);
  bar->addWidget(model_label_, 1);
  bar->addWidget(open_image);
  bar->addWidget(clear);
  bar->addWidget(from_photo_);
  bar->addWidget(direction_);
  bar->addWidget(export_);
  layout->addLayout(bar);

  auto* views = new QHBoxLayout;
  pad_ = new SketchPad(this);
  seen_view_ = new ImageCanvas(this);
  seen_view_->setPlaceholder("What the model sees");
  seen_view_->setMaximumWidth(200);
  output_view_ = new ImageCanvas(this);
  output_view_->setPlaceholder("Open a model, then draw or open an image:\nits translation appears here.");
  back_view_ = new ImageCanvas(this);
  back_view_->setPlaceholder("The output translated back");
  auto column = [this](const QString& title, QWidget* w) {
    auto* holder = new QWidget(this);
    auto* box = new QVBoxLayout(holder);
    box->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title, holder);
    label->setAlignment(Qt::AlignHCenter);
    box->addWidget(label);
    box->addWidget(w, 1);
    return holder;
  };
  views->addWidget(column("Input (draw, or drop an image)", pad_), 3);
  views->addWidget(column("Model input", seen_view_), 1);
  views->addWidget(column("Output", output_view_), 3);
  back_column_ = column("Round trip (output translated back)", back_view_);
  back_column_->hide();
  views->addWidget(back_column_, 3);
  layout->addLayout(views, 1);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  layout->addWidget(status_);

  service_ = new TranslationService(this);
  connect(service_, &TranslationService::translated, this,
          [this](const QImage& seen, const QImage& out, const QImage& back, double ms) {
            seen_ = seen;
            output_ = out;
            back_ = back;
            seen_view_->setImage(seen);
            output_view_->setImage(out);
            if (!back.isNull()) back_view_->setImage(back);
            export_->setEnabled(true);
            status_->setText(QString("Translated in %1 ms.").arg(ms, 0, 'f', 1));
            Q_EMIT outputShown();
          });
  connect(service_, &TranslationService::failed, this, &TranslatePanel::showFailure);
  connect(pad_, &SketchPad::changed, this, [this] {
    if (file_input_ && pad_->property("loading").toBool()) return;
    drawn_on_ = true;
    requestTranslation();
  });
  connect(pad_, &SketchPad::fileDropped, this, [this](const QString& path) { openImage(path); });
  connect(from_photo_, &QCheckBox::toggled, this, [this] { requestTranslation(); });
  connect(direction_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] { requestTranslation(); });
  connect(clear, &QPushButton::clicked, this, [this] {
    file_input_.reset();
    from_photo_->setChecked(false);
    pad_->clear();
  });
  connect(open_model, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open image-to-image model", QString(),
                                                      "GANscope checkpoints (*.gsck);;All files (*)");
    if (!path.isEmpty()) loadModel(path);
  });
  connect(open_image, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, "Open image to translate", QString(),
                                                      "Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff)");
    if (!path.isEmpty()) openImage(path);
  });
  connect(export_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, "Export translation", "translation.png", "PNG (*.png)");
    if (!path.isEmpty()) exportTo(path);
  });
}

TranslatePanel::~TranslatePanel() = default;

QString TranslatePanel::statusText() const { return status_->text(); }

void TranslatePanel::showFailure(const QString& message) {
  status_->setText("<span style='color:#e06060'>" + message.toHtmlEscaped() + "</span>");
  Q_EMIT error(message);
}

bool TranslatePanel::loadModel(const QString& checkpoint) {
  try {
    translator_ = std::make_shared<const ImageTranslator>(checkpoint.toStdString());
  } catch (const std::exception& e) {
    showFailure(QString::fromStdString(e.what()));
    return false;
  }
  const TrainConfig& c = translator_->config();
  {
    const QSignalBlocker block(direction_);
    direction_->setCurrentIndex(0);
  }
  direction_->setEnabled(translator_->twoWay());
  if (translator_->twoWay())  // name the domains: "A → B (Sneaker → Ankle boot)"
    for (int i = 0; i < 2; ++i)
      direction_->setItemText(i, QString::fromStdString(translator_->directionText(i == 1)).replace("->", "\u2192"));
  else
    for (int i = 0; i < 2; ++i) direction_->setItemText(i, i == 0 ? "A \u2192 B" : "B \u2192 A");
  back_column_->setVisible(translator_->twoWay());
  back_ = QImage();
  model_label_->setText(modelLabel());
  // Strokes as wide as Canny's one-pixel lines at twice the model's resolution, the weight of the training edge
  // maps' lines (bolder strokes drew blobs in the emoji model).
  pad_->setPenWidth(std::max(2, SketchPad::kSize / (2 * c.model.resolution)));
  from_photo_->setEnabled(translator_->edgesModel());
  if (!translator_->edgesModel()) from_photo_->setChecked(false);
  status_->setText(translator_->edgesModel() ? "Draw edges on the pad, or open a photo (its edges are detected)."
                                             : "Open or drop an input image.");
  requestTranslation();
  return true;
}

bool TranslatePanel::openImage(const QString& path) {
  try {
    file_input_ = readTranslationInput(path.toStdString());
  } catch (const std::exception& e) {
    showFailure(QString::fromStdString(e.what()));
    return false;
  }
  drawn_on_ = false;
  // A photo for an edges model: detect its edges (a line drawing can untick this).
  {
    const QSignalBlocker block(from_photo_);
    if (translator_ && translator_->edgesModel()) from_photo_->setChecked(true);
  }
  pad_->setProperty("loading", true);
  pad_->setImage(toQImage(file_input_->image));
  pad_->setProperty("loading", false);
  requestTranslation();
  return true;
}

bool TranslatePanel::reverse() const { return translator_ && translator_->twoWay() && direction_->currentIndex() == 1; }

QString TranslatePanel::modelLabel() const {
  // A two-way model's direction is on the Direction switch beside the label.
  const QString direction =
      translator_->twoWay() ? QString() : " \u00B7 " + QString::fromStdString(translator_->directionText());
  return QString("%1%2 \u00B7 %3 px \u00B7 step %4")
      .arg(QFileInfo(QString::fromStdString(translator_->path())).fileName(), direction)
      .arg(translator_->config().model.resolution)
      .arg(translator_->step());
}

TranslationInput TranslatePanel::currentInput() const {
  if (file_input_ && !drawn_on_) return *file_input_;
  const QString name = file_input_ ? "sketch on " + QString::fromStdString(file_input_->name) : "sketch";
  return pixelsInput(fromQImage(pad_->image()), name.toStdString());
}

void TranslatePanel::requestTranslation() {
  if (!translator_) return;
  TranslationRequest r;
  r.translator = translator_;
  r.input = currentInput().image;
  r.edges_from_photo = from_photo_->isChecked();
  r.reverse = reverse();
  service_->request(std::move(r));
}

bool TranslatePanel::exportTo(const QString& path) {
  if (!translator_ || output_.isNull()) {
    showFailure("Nothing to export yet: open a model and an input first.");
    return false;
  }
  try {
    writePng(path.toStdString(), fromQImage(output_),
             translator_->recipe(currentInput(), from_photo_->isChecked(), reverse()));
  } catch (const std::exception& e) {
    showFailure(QString::fromStdString(e.what()));
    return false;
  }
  status_->setText("Exported " + path + " (labelled AI-generated, with its recipe).");
  return true;
}

}  // namespace gs
