#include "ui/lab2d/lab2d_canvas.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/lab2d/lab2d_controller.h"
#include "ui/widgets/palette.h"

namespace gs {
namespace {

// Okabe and Ito's colour-blind-safe palette: each layer has a hue of its own.
const QColor kReal = okabe_ito::kBluishGreen;    // real points, and where D says real
const QColor kFake = okabe_ito::kReddishPurple;  // where D says fake
const QColor kGenerated = okabe_ito::kBlue;      // generated points
const QColor kDensity = okabe_ito::kOrange;      // G's density

QRgb blend(const QColor& a, const QColor& b, double t) {
  t = std::clamp(t, 0.0, 1.0);
  return qRgb(int(a.red() + (b.red() - a.red()) * t), int(a.green() + (b.green() - a.green()) * t),
              int(a.blue() + (b.blue() - a.blue()) * t));
}

}  // namespace

QImage surfaceImage(const Field2d& f, bool logistic) {
  if (f.cells <= 0) return {};
  QImage image(f.cells, f.cells, QImage::Format_RGB32);
  float lo = 0, hi = 1;
  if (!logistic) {
    const auto mm = std::minmax_element(f.values.begin(), f.values.end());
    lo = *mm.first;
    hi = std::max(*mm.second, lo + 1e-6f);
  }
  // Pale tints so the points on top stay readable.
  const QColor fake = QColor(kFake).lighter(175), real = QColor(kReal).lighter(175);
  for (int iy = 0; iy < f.cells; ++iy) {
    auto* row = reinterpret_cast<QRgb*>(image.scanLine(f.cells - 1 - iy));
    for (int ix = 0; ix < f.cells; ++ix) row[ix] = blend(fake, real, (f.at(ix, iy) - lo) / (hi - lo));
  }
  return image;
}

QImage densityImage(const Field2d& f) {
  if (f.cells <= 0) return {};
  QImage image(f.cells, f.cells, QImage::Format_ARGB32_Premultiplied);
  const float peak = std::max(1e-9f, *std::max_element(f.values.begin(), f.values.end()));
  for (int iy = 0; iy < f.cells; ++iy) {
    auto* row = reinterpret_cast<QRgb*>(image.scanLine(f.cells - 1 - iy));
    for (int ix = 0; ix < f.cells; ++ix) {
      // Square root so thin tails stay visible next to a dense mode.
      const int alpha = int(200 * std::sqrt(f.at(ix, iy) / peak));
      row[ix] = qPremultiply(qRgba(kDensity.red(), kDensity.green(), kDensity.blue(), alpha));
    }
  }
  return image;
}

Lab2dCanvas::Lab2dCanvas(QWidget* parent) : QWidget(parent) {
  setObjectName("lab2dCanvas");
  setMouseTracking(false);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void Lab2dCanvas::setTarget(const PointMixture& mixture, const std::vector<Point2>& real, double extent) {
  target_ = mixture;
  real_ = real;
  extent_ = extent;
  update();
}

void Lab2dCanvas::setFrame(const Lab2dFrame& frame) {
  generated_ = frame.generated;
  surface_ = surfaceImage(frame.surface, frame.logistic);
  density_ = densityImage(frame.density);
  update();
}

void Lab2dCanvas::clearFrame() {
  generated_.clear();
  surface_ = QImage();
  density_ = QImage();
  update();
}

void Lab2dCanvas::setLayers(bool surface, bool density, bool real, bool generated) {
  show_surface_ = surface;
  show_density_ = density;
  show_real_ = real;
  show_generated_ = generated;
  update();
}

void Lab2dCanvas::clearDrawing() {
  drawing_.clear();
  Q_EMIT drawingChanged();
  update();
}

QRectF Lab2dCanvas::plotRect() const {
  const double side = std::max(10, std::min(width(), height()) - 16);
  return QRectF((width() - side) / 2, (height() - side) / 2, side, side);
}

QPointF Lab2dCanvas::toWidget(const Point2& p) const {
  const QRectF r = plotRect();
  return {r.left() + (p.x + extent_) / (2 * extent_) * r.width(), r.bottom() - (p.y + extent_) / (2 * extent_) * r.height()};
}

Point2 Lab2dCanvas::toData(const QPointF& p) const {
  const QRectF r = plotRect();
  return {(p.x() - r.left()) / r.width() * 2 * extent_ - extent_, (r.bottom() - p.y()) / r.height() * 2 * extent_ - extent_};
}

void Lab2dCanvas::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  const QRectF r = plotRect();
  painter.fillRect(r, Qt::white);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
  if (show_surface_ && !surface_.isNull()) painter.drawImage(r, surface_);
  if (show_density_ && !density_.isNull()) painter.drawImage(r, density_);
  painter.setRenderHint(QPainter::Antialiasing, true);

  // Axes through the origin, and each mode's high-quality disc (3 sigma, the measures' radius).
  painter.setPen(QPen(QColor(0, 0, 0, 40), 1));
  painter.drawLine(toWidget({-extent_, 0}), toWidget({extent_, 0}));
  painter.drawLine(toWidget({0, -extent_}), toWidget({0, extent_}));
  const double hq_radius = std::max(2.0, 3 * target_.sigma / (2 * extent_) * r.width());
  painter.setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DashLine));
  painter.setBrush(Qt::NoBrush);
  for (const Point2& c : target_.centres) painter.drawEllipse(toWidget(c), hq_radius, hq_radius);

  painter.setPen(Qt::NoPen);
  const auto dots = [&](const std::vector<Point2>& points, const QColor& colour, double radius) {
    painter.setBrush(colour);
    for (const Point2& p : points) painter.drawEllipse(toWidget(p), radius, radius);
  };
  if (show_real_) dots(real_, QColor(kReal.red(), kReal.green(), kReal.blue(), 150), 1.8);
  if (show_generated_) dots(generated_, QColor(kGenerated.red(), kGenerated.green(), kGenerated.blue(), 170), 1.8);
  if (drawing_enabled_) dots(drawing_, QColor(20, 20, 20, 200), 2.5);

  painter.setPen(QPen(QColor(0, 0, 0, 120), 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(r);
  painter.drawText(r.adjusted(6, 4, -6, -4), Qt::AlignRight | Qt::AlignBottom,
                   QString("[%1, %1]\u00B2").arg(-extent_, 0, 'g', 3).replace("[-", "[\u2212"));
}

void Lab2dCanvas::mousePressEvent(QMouseEvent* event) {
  if (!drawing_enabled_ || event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  addDrawnPoint(event->position());
}

void Lab2dCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (!drawing_enabled_ || !(event->buttons() & Qt::LeftButton)) return QWidget::mouseMoveEvent(event);
  // A point every few pixels along a stroke, not one per mouse event.
  const QPointF d = event->position() - last_drawn_;
  if (std::hypot(d.x(), d.y()) >= 6) addDrawnPoint(event->position());
}

void Lab2dCanvas::addDrawnPoint(const QPointF& widget_pos) {
  if (!plotRect().contains(widget_pos)) return;
  last_drawn_ = widget_pos;
  drawing_.push_back(toData(widget_pos));
  Q_EMIT drawingChanged();
  update();
}

}  // namespace gs
