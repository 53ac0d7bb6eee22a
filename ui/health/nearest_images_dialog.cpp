#include "ui/health/nearest_images_dialog.h"

#include <QGridLayout>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

namespace gs {
namespace {

QLabel* tile(const QImage& image, QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setPixmap(QPixmap::fromImage(image.scaled(160, 160, Qt::KeepAspectRatio, Qt::FastTransformation)));
  label->setAlignment(Qt::AlignCenter);
  return label;
}

}  // namespace

NearestImagesDialog::NearestImagesDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle("Nearest training images");
  auto* layout = new QVBoxLayout(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  tiles_ = new QGridLayout;
  layout->addWidget(status_);
  layout->addLayout(tiles_);
}

void NearestImagesDialog::clearTiles() {
  while (QLayoutItem* item = tiles_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  captions_.clear();
}

void NearestImagesDialog::showBusy(const QString& what) {
  clearTiles();
  status_->setText("Searching the training images for the nearest to " + what + "\u2026");
  show();
  raise();
}

void NearestImagesDialog::showResult(const NearestResult& result) {
  clearTiles();
  if (!result.error.isEmpty()) {
    status_->setText("Memorisation check failed: " + result.error);
    return;
  }
  status_->setText("Pixel RMS distance in 0\u2013255 units: near 0 means the generator reproduces that training "
                   "image.");
  tiles_->addWidget(tile(result.sample, this), 0, 0);
  tiles_->addWidget(new QLabel("selected sample", this), 1, 0, Qt::AlignHCenter);
  int column = 1;
  for (const NearestShown& n : result.nearest) {
    const QString caption = QString("training image #%1 \u00B7 RMS %2").arg(n.index).arg(n.rms, 0, 'f', 1);
    captions_ << caption;
    tiles_->addWidget(tile(n.image, this), 0, column);
    tiles_->addWidget(new QLabel(caption, this), 1, column++, Qt::AlignHCenter);
  }
}

QString NearestImagesDialog::resultText() const { return captions_.join("\n"); }

}  // namespace gs
