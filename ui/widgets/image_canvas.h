#pragma once
// Shows one image as large as fits, scaled with nearest-neighbour sampling so pixels stay crisp (or smoothly, when
// asked: View > Smooth image scaling). In grid mode
// (cells x cells tiles with padding) a click reports the cell index; with no image it shows a placeholder line.
// The wheel zooms around the cursor, a drag pans, a double-click fits the image again. Drawn by a Vulkan surface
// (widgets/vulkan_canvas.h) when a device exists, else with QPainter; both draw the same picture.
#include <QImage>
#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

class QWindow;

namespace gs {

class CanvasSurface;

class ImageCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit ImageCanvas(QWidget* parent = nullptr);
  ~ImageCanvas() override;

  void setImage(const QImage& image);
  const QImage& image() const { return image_; }
  void setPlaceholder(const QString& text);
  void setCaption(const QString& text);
  QString caption() const { return caption_; }
  // Tells the canvas the image is a grid of `columns` x `rows` tiles separated by `padding` pixels.
  void setGrid(int columns, int rows, int padding);
  quint64 framesShown() const { return frames_; }
  // Outlines drawn around grid cells (index, colour), e.g. the near-duplicate groups; setImage clears them.
  void setCellOutlines(std::vector<std::pair<int, QColor>> outlines);
  const std::vector<std::pair<int, QColor>>& cellOutlines() const { return outlines_; }
  // The pixels of grid cell `index` (without padding); null outside grid mode.
  QImage cellImage(int index) const;
  // Bilinear instead of nearest-neighbour scaling (how a photo viewer shows it; pixels no longer visible).
  void setSmooth(bool smooth);
  bool smooth() const { return smooth_; }

  // Difference view: `reference` (same size as the image, e.g. the unedited frame) shown as a colour-mapped heat
  // overlay with `opacity` (0 hides it). Kept across setImage; a null reference turns it off.
  void setDifferenceReference(const QImage& reference);
  void setDifferenceOpacity(double opacity);
  double differenceOpacity() const { return difference_opacity_; }
  const QImage& differenceReference() const { return reference_; }

  // Zoom (1: fit to the window) and pan (logical pixels from the fitted place); wheel and drag change them.
  void setView(double zoom, QPointF pan);
  void fitToWindow() { setView(1.0, {}); }
  double zoom() const { return zoom_; }
  // Canvas position -> image pixel coordinates (fractional) under the current view, and back.
  QPointF mapToImage(QPointF pos) const;
  QPointF mapFromImage(QPointF pixel) const;

  // True while a GPU surface draws the image; renderedFrame() is what it shows (the surface's own read-back).
  bool drawnByGpu() const { return surface_ != nullptr; }
  QImage renderedFrame();
  QWindow* surfaceWindow() const;  // the GPU surface's native window (it forwards its input here); null without
  // Drops the GPU surface and draws with QPainter from now on (after a lost device).
  void fallBackToPainter(const QString& why);

 Q_SIGNALS:
  void cellClicked(int index);
  void frameShown();  // setImage was called (the frame is handed over, not yet drawn)
  // Frame `frame` (framesShown() at its setImage) has been drawn: painted, or submitted to the GPU.
  void framePresented(quint64 frame);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  QRect imageArea() const;
  QRectF targetRect() const;
  int cellAt(const QPoint& pos) const;
  QRectF cellRect(const QRectF& target, int cell) const;
  // Repaints, and hands the new scene to the GPU surface if there is one.
  void changed();
  void placeSurface();

  QImage image_;
  QString placeholder_;
  QString caption_;
  int columns_ = 0, rows_ = 0, padding_ = 0;
  int hover_cell_ = -1;
  std::vector<std::pair<int, QColor>> outlines_;
  quint64 frames_ = 0;
  bool smooth_ = false;
  QImage reference_;
  quint64 reference_serial_ = 0;
  double difference_opacity_ = 0;
  QImage blended_;  // QPainter path: the image with the heat overlay applied
  double zoom_ = 1.0;
  QPointF pan_;
  QPoint last_drag_;
  bool pressed_ = false, panning_ = false;
  std::unique_ptr<CanvasSurface> surface_;
};

}  // namespace gs
