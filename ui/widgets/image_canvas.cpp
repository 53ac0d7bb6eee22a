#include "ui/widgets/image_canvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gs {

ImageCanvas::ImageCanvas(QWidget* parent) : QWidget(parent) {
  setMinimumSize(160, 160);
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void ImageCanvas::setImage(const QImage& image) {
  image_ = image;
  outlines_.clear();
  ++frames_;
  update();
  Q_EMIT frameShown();
}

void ImageCanvas::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void ImageCanvas::setCaption(const QString& text) {
  caption_ = text;
  update();
}

void ImageCanvas::setGrid(int columns, int rows, int padding) {
  columns_ = columns;
  rows_ = rows;
  padding_ = padding;
  setCursor(columns > 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ImageCanvas::setCellOutlines(std::vector<std::pair<int, QColor>> outlines) {
  outlines_ = std::move(outlines);
  update();
}

QImage ImageCanvas::cellImage(int index) const {
  if (image_.isNull() || columns_ <= 0 || rows_ <= 0 || index < 0 || index >= columns_ * rows_) return {};
  const int w = (image_.width() - padding_) / columns_ - padding_;
  const int h = (image_.height() - padding_) / rows_ - padding_;
  return image_.copy(padding_ + (index % columns_) * (w + padding_), padding_ + (index / columns_) * (h + padding_), w, h);
}

QRectF ImageCanvas::cellRect(const QRect& target, int cell) const {
  const double s = double(target.width()) / image_.width();
  const double cell_w = double(image_.width() - padding_) / columns_;
  const double cell_h = double(image_.height() - padding_) / rows_;
  return QRectF(target.x() + (padding_ + (cell % columns_) * cell_w) * s,
                target.y() + (padding_ + (cell / columns_) * cell_h) * s, (cell_w - padding_) * s,
                (cell_h - padding_) * s);
}

QRect ImageCanvas::targetRect() const {
  if (image_.isNull()) return {};
  const QRect area = rect().adjusted(8, 8, -8, caption_.isEmpty() ? -8 : -28);
  double scale = std::min(double(area.width()) / image_.width(), double(area.height()) / image_.height());
  // Whole-number zoom keeps every source pixel the same size on screen.
  if (scale >= 1.0) scale = std::floor(scale);
  const int w = std::max(1, int(image_.width() * scale));
  const int h = std::max(1, int(image_.height() * scale));
  return QRect(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h);
}

int ImageCanvas::cellAt(const QPoint& pos) const {
  const QRect target = targetRect();
  if (columns_ <= 0 || rows_ <= 0 || !target.contains(pos)) return -1;
  const double sx = double(image_.width()) / target.width();
  const double px = (pos.x() - target.x()) * sx, py = (pos.y() - target.y()) * sx;
  const double cell_w = double(image_.width() - padding_) / columns_;
  const double cell_h = double(image_.height() - padding_) / rows_;
  const int col = std::clamp(int((px - padding_ / 2.0) / cell_w), 0, columns_ - 1);
  const int row = std::clamp(int((py - padding_ / 2.0) / cell_h), 0, rows_ - 1);
  return row * columns_ + col;
}

void ImageCanvas::setSmooth(bool smooth) {
  smooth_ = smooth;
  update();
}

void ImageCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  if (image_.isNull()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  const QRect target = targetRect();
  p.setRenderHint(QPainter::SmoothPixmapTransform, smooth_);
  p.drawImage(target, image_);
  if (columns_ > 0 && rows_ > 0) {
    // Outlines sit just inside each cell, 3 px wide, so neighbouring groups stay apart.
    for (const auto& [cell, color] : outlines_) {
      if (cell < 0 || cell >= columns_ * rows_) continue;
      p.setPen(QPen(color, 3, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
      p.drawRect(cellRect(target, cell).adjusted(1.5, 1.5, -1.5, -1.5));
    }
    if (hover_cell_ >= 0) {
      p.setPen(QPen(palette().color(QPalette::Highlight), 2));
      p.drawRect(cellRect(target, hover_cell_));
    }
  }
  if (!caption_.isEmpty()) {
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(0, height() - 24, width(), 20), Qt::AlignCenter, caption_);
  }
}

void ImageCanvas::mousePressEvent(QMouseEvent* event) {
  const int cell = cellAt(event->position().toPoint());
  if (event->button() == Qt::LeftButton && cell >= 0) Q_EMIT cellClicked(cell);
}

void ImageCanvas::mouseMoveEvent(QMouseEvent* event) {
  const int cell = cellAt(event->position().toPoint());
  if (cell != hover_cell_) {
    hover_cell_ = cell;
    update();
  }
}

void ImageCanvas::leaveEvent(QEvent*) {
  hover_cell_ = -1;
  update();
}

}  // namespace gs
