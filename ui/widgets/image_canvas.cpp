#include "ui/widgets/image_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/widgets/canvas_surface.h"
#include "ui/widgets/difference_view.h"
#include "ui/widgets/render_backend.h"

namespace gs {

ImageCanvas::ImageCanvas(QWidget* parent) : QWidget(parent) {
  setMinimumSize(160, 160);
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  surface_ = makeVulkanSurface(
      this, [this](const QString& why) { fallBackToPainter(why); },
      [this](quint64 frame) { Q_EMIT framePresented(frame); });
  if (surface_) {
    surface_->widget()->setMouseTracking(true);
    surface_->widget()->hide();  // until there is an image: the placeholder is painted text
  }
}

ImageCanvas::~ImageCanvas() = default;

void ImageCanvas::changed() {
  if (!reference_.isNull() && difference_opacity_ > 0 && !surface_)
    blended_ = blendDifference(image_, reference_, difference_opacity_);
  else
    blended_ = QImage();
  update();
  if (!surface_) return;
  placeSurface();
  CanvasScene scene;
  scene.image = image_;
  scene.image_serial = frames_;
  scene.reference = reference_;
  scene.reference_serial = reference_serial_;
  scene.difference_opacity = float(difference_opacity_);
  scene.target = targetRect().translated(-QPointF(surface_->widget()->pos()));
  scene.background = palette().color(QPalette::Base);
  scene.highlight = palette().color(QPalette::Highlight);
  if (columns_ > 0 && rows_ > 0) {
    scene.columns = columns_;
    scene.rows = rows_;
    scene.padding = padding_;
    scene.hover = hover_cell_;
    scene.outlines = outlines_;
  }
  scene.smooth = smooth_;
  surface_->show(scene);
}

void ImageCanvas::placeSurface() {
  QWidget* w = surface_->widget();
  // Over the image area; the caption strip below stays painted text.
  w->setGeometry(0, 0, width(), caption_.isEmpty() ? height() : height() - 26);
  w->setVisible(!image_.isNull());
}

void ImageCanvas::setImage(const QImage& image) {
  if (image.size() != image_.size()) zoom_ = 1.0, pan_ = {};  // a new kind of image starts fitted
  image_ = image;
  outlines_.clear();
  ++frames_;
  changed();
  Q_EMIT frameShown();
}

void ImageCanvas::setPlaceholder(const QString& text) {
  placeholder_ = text;
  update();
}

void ImageCanvas::setCaption(const QString& text) {
  caption_ = text;
  changed();
}

void ImageCanvas::setGrid(int columns, int rows, int padding) {
  columns_ = columns;
  rows_ = rows;
  padding_ = padding;
  setCursor(columns > 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void ImageCanvas::setCellOutlines(std::vector<std::pair<int, QColor>> outlines) {
  outlines_ = std::move(outlines);
  changed();
}

void ImageCanvas::setDifferenceReference(const QImage& reference) {
  reference_ = reference;
  ++reference_serial_;
  changed();
}

void ImageCanvas::setDifferenceOpacity(double opacity) {
  difference_opacity_ = std::clamp(opacity, 0.0, 1.0);
  changed();
}

void ImageCanvas::setView(double zoom, QPointF pan) {
  zoom_ = std::clamp(zoom, 0.25, 64.0);
  pan_ = pan;
  changed();
}

QImage ImageCanvas::cellImage(int index) const {
  if (image_.isNull() || columns_ <= 0 || rows_ <= 0 || index < 0 || index >= columns_ * rows_) return {};
  const int w = (image_.width() - padding_) / columns_ - padding_;
  const int h = (image_.height() - padding_) / rows_ - padding_;
  return image_.copy(padding_ + (index % columns_) * (w + padding_), padding_ + (index / columns_) * (h + padding_), w, h);
}

QRectF ImageCanvas::cellRect(const QRectF& target, int cell) const {
  const double s = target.width() / image_.width();
  const double cell_w = double(image_.width() - padding_) / columns_;
  const double cell_h = double(image_.height() - padding_) / rows_;
  return QRectF(target.x() + (padding_ + (cell % columns_) * cell_w) * s,
                target.y() + (padding_ + (cell / columns_) * cell_h) * s, (cell_w - padding_) * s,
                (cell_h - padding_) * s);
}

QRect ImageCanvas::imageArea() const { return rect().adjusted(8, 8, -8, caption_.isEmpty() ? -8 : -28); }

QRectF ImageCanvas::targetRect() const {
  if (image_.isNull()) return {};
  const QRect area = imageArea();
  double scale = std::min(double(area.width()) / image_.width(), double(area.height()) / image_.height());
  // Whole-number zoom keeps every source pixel the same size on screen, unless rounding down would leave much of
  // the canvas empty (a 32 px grid in a large window: 1.7x would become 1x); then it fills the canvas.
  if (scale >= 1.0 && std::floor(scale) >= 0.75 * scale) scale = std::floor(scale);
  const int w = std::max(1, int(image_.width() * scale));
  const int h = std::max(1, int(image_.height() * scale));
  const QRectF fit(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h);
  if (zoom_ == 1.0 && pan_.isNull()) return fit;
  const QPointF centre = fit.center() + pan_;
  const QSizeF size = fit.size() * zoom_;
  return QRectF(centre.x() - size.width() / 2, centre.y() - size.height() / 2, size.width(), size.height());
}

QPointF ImageCanvas::mapToImage(QPointF pos) const {
  const QRectF t = targetRect();
  if (t.isEmpty()) return {};
  return (pos - t.topLeft()) * (image_.width() / t.width());
}

QPointF ImageCanvas::mapFromImage(QPointF pixel) const {
  const QRectF t = targetRect();
  if (t.isEmpty()) return {};
  return t.topLeft() + pixel * (t.width() / image_.width());
}

int ImageCanvas::cellAt(const QPoint& pos) const {
  const QRectF target = targetRect();
  if (columns_ <= 0 || rows_ <= 0 || !target.contains(pos)) return -1;
  const QPointF p = mapToImage(pos);
  const double cell_w = double(image_.width() - padding_) / columns_;
  const double cell_h = double(image_.height() - padding_) / rows_;
  const int col = std::clamp(int((p.x() - padding_ / 2.0) / cell_w), 0, columns_ - 1);
  const int row = std::clamp(int((p.y() - padding_ / 2.0) / cell_h), 0, rows_ - 1);
  return row * columns_ + col;
}

void ImageCanvas::setSmooth(bool smooth) {
  smooth_ = smooth;
  changed();
}

QImage ImageCanvas::renderedFrame() {
  if (surface_) return surface_->grabFrame();
  return grab().toImage();
}

QWindow* ImageCanvas::surfaceWindow() const { return surface_ ? surface_->window() : nullptr; }

void ImageCanvas::fallBackToPainter(const QString& why) {
  if (!surface_) return;
  surface_.reset();
  reportVulkanLost(why);
  changed();
}

void ImageCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  if (image_.isNull()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
    return;
  }
  // With a GPU surface over the image area, only the caption is painted here.
  if (!surface_) {
    const QRectF target = targetRect();
    p.setRenderHint(QPainter::SmoothPixmapTransform, smooth_);
    p.drawImage(target, blended_.isNull() ? image_ : blended_);
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
  }
  if (!caption_.isEmpty()) {
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(0, height() - 24, width(), 20), Qt::AlignCenter, caption_);
  }
  if (!surface_) Q_EMIT framePresented(frames_);
}

void ImageCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  pressed_ = true;
  panning_ = false;
  last_drag_ = event->position().toPoint();
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !pressed_) return;
  pressed_ = false;
  if (panning_) return;
  // A click (no drag) on a grid cell opens it.
  const int cell = cellAt(event->position().toPoint());
  if (cell >= 0) Q_EMIT cellClicked(cell);
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) fitToWindow();
}

void ImageCanvas::mouseMoveEvent(QMouseEvent* event) {
  const QPoint pos = event->position().toPoint();
  if (pressed_ && (event->buttons() & Qt::LeftButton) && !image_.isNull()) {
    // A drag of more than a few pixels pans instead of clicking.
    if (!panning_ && (pos - last_drag_).manhattanLength() > 4) panning_ = true;
    if (panning_) {
      pan_ += QPointF(pos - last_drag_);
      last_drag_ = pos;
      changed();
    }
  }
  const int cell = cellAt(pos);
  if (cell != hover_cell_) {
    hover_cell_ = cell;
    changed();
  }
}

void ImageCanvas::wheelEvent(QWheelEvent* event) {
  if (image_.isNull() || event->angleDelta().y() == 0) return;
  // Zoom about the cursor: the image point under it stays under it.
  const QPointF cursor = event->position();
  const QPointF pixel = mapToImage(cursor);
  const double old_zoom = zoom_;
  zoom_ = std::clamp(zoom_ * std::pow(2.0, event->angleDelta().y() / 240.0), 0.25, 64.0);
  if (zoom_ == old_zoom) return;
  pan_ += cursor - mapFromImage(pixel);
  changed();
  event->accept();
}

void ImageCanvas::leaveEvent(QEvent*) {
  hover_cell_ = -1;
  changed();
}

void ImageCanvas::resizeEvent(QResizeEvent*) {
  if (surface_) changed();
}

}  // namespace gs
