#include "ui/translate/sketch_pad.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace gs {

SketchPad::SketchPad(QWidget* parent) : QWidget(parent), image_(kSize, kSize, QImage::Format_RGB888) {
  image_.fill(Qt::white);
  setAcceptDrops(true);
  setMinimumSize(200, 200);
  setCursor(Qt::CrossCursor);
  setToolTip("Draw with the left button, erase with the right; drop an image file here to translate it");
}

void SketchPad::setImage(const QImage& image) {
  image_.fill(Qt::white);
  if (!image.isNull()) {
    QPainter p(&image_);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QSize fitted = image.size().scaled(kSize, kSize, Qt::KeepAspectRatio);
    p.drawImage(QRect(QPoint((kSize - fitted.width()) / 2, (kSize - fitted.height()) / 2), fitted), image);
  }
  update();
  Q_EMIT changed();
}

void SketchPad::clear() { setImage(QImage()); }

QRect SketchPad::canvasRect() const {
  const int side = std::min(width(), height()) - 2;
  return QRect((width() - side) / 2, (height() - side) / 2, side, side);
}

QPoint SketchPad::toCanvas(QPointF pos) const {
  const QRect r = canvasRect();
  return QPoint(int((pos.x() - r.x()) * kSize / std::max(1, r.width())),
                int((pos.y() - r.y()) * kSize / std::max(1, r.height())));
}

void SketchPad::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  const QRect r = canvasRect();
  p.drawImage(r, image_);
  p.setPen(QColor(120, 120, 120));
  p.drawRect(r.adjusted(-1, -1, 0, 0));
}

void SketchPad::strokeTo(QPoint to) {
  QPainter p(&image_);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(erasing_ ? Qt::white : Qt::black, erasing_ ? pen_width_ * 3 : pen_width_, Qt::SolidLine,
                Qt::RoundCap, Qt::RoundJoin));
  p.drawLine(last_, to);
  last_ = to;
  update();
  Q_EMIT changed();
}

void SketchPad::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton) return;
  drawing_ = true;
  erasing_ = event->button() == Qt::RightButton;
  last_ = toCanvas(event->position());
  strokeTo(last_);
}

void SketchPad::mouseMoveEvent(QMouseEvent* event) {
  if (drawing_) strokeTo(toCanvas(event->position()));
}

void SketchPad::mouseReleaseEvent(QMouseEvent*) { drawing_ = false; }

void SketchPad::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && event->mimeData()->urls().front().isLocalFile()) event->acceptProposedAction();
}

void SketchPad::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.front().isLocalFile()) return;
  event->acceptProposedAction();
  Q_EMIT fileDropped(urls.front().toLocalFile());
}

}  // namespace gs
