#pragma once
// The 2D lab's plot: D's decision surface as a heat map (green: D says real, pink: D says fake, like GAN
// Lab's), G's density as an orange overlay, real points (green) and generated points (blue), and each mode's
// high-quality disc (3 sigma). In drawing mode, clicks and drags add points to the user's distribution.
#include <QImage>
#include <QWidget>

#include <vector>

#include "lab2d/field2d.h"
#include "lab2d/point_mixture.h"

namespace gs {

struct Lab2dFrame;

class Lab2dCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit Lab2dCanvas(QWidget* parent = nullptr);

  // What is shown when no run is on: the target distribution (mode discs and real points) over the view.
  void setTarget(const PointMixture& mixture, const std::vector<Point2>& real, double extent);
  void setFrame(const Lab2dFrame& frame);
  void clearFrame();
  void setLayers(bool surface, bool density, bool real, bool generated);

  void setDrawingEnabled(bool on) { drawing_enabled_ = on; }
  const std::vector<Point2>& drawing() const { return drawing_; }
  void clearDrawing();
  double extent() const { return extent_; }

  QSize sizeHint() const override { return {640, 640}; }
  QSize minimumSizeHint() const override { return {240, 240}; }

 Q_SIGNALS:
  void drawingChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  QRectF plotRect() const;
  QPointF toWidget(const Point2& p) const;
  Point2 toData(const QPointF& p) const;
  void addDrawnPoint(const QPointF& widget_pos);

  double extent_ = 1.5;
  PointMixture target_;
  std::vector<Point2> real_;
  std::vector<Point2> generated_;
  QImage surface_;  // one pixel per cell, top row = highest y
  QImage density_;
  bool show_surface_ = true, show_density_ = true, show_real_ = true, show_generated_ = true;
  bool drawing_enabled_ = false;
  std::vector<Point2> drawing_;
  QPointF last_drawn_;
};

// Heat-map images of the fields, one pixel per cell with row 0 at the top (highest y). The surface maps
// probabilities (logistic) or scores normalised to the field's range (critics) to pink..green; the density
// maps shares to transparent..orange.
QImage surfaceImage(const Field2d& surface, bool logistic);
QImage densityImage(const Field2d& density);

}  // namespace gs
