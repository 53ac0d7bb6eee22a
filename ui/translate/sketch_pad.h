#pragma once
// The input of the Image to image tab: shows the image to translate, scaled to fit, and lets the user draw on
// it with the mouse (black strokes, or white to erase with the right button), like the edges2shoes demo's
// sketch pad. An image file dropped on it is offered through fileDropped(). The pixels live in a fixed-size
// canvas (kSize x kSize) so strokes keep their width whatever the widget's size.
#include <QImage>
#include <QPoint>
#include <QWidget>

namespace gs {

class SketchPad : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kSize = 256;  // canvas pixels
  explicit SketchPad(QWidget* parent = nullptr);

  // The drawing (RGB, kSize x kSize).
  const QImage& image() const { return image_; }
  // Shows `image` scaled to fit the canvas on white (a loaded photo or line drawing); drawing goes on top.
  void setImage(const QImage& image);
  void clear();  // white
  void setPenWidth(int pixels) { pen_width_ = pixels; }

 Q_SIGNALS:
  void changed();                        // after each stroke segment and after setImage/clear
  void fileDropped(const QString& path); // an image file dropped on the pad

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  QRect canvasRect() const;            // where the canvas is drawn in the widget
  QPoint toCanvas(QPointF pos) const;  // widget position -> canvas pixel
  void strokeTo(QPoint to);

  QImage image_;
  QPoint last_;
  bool drawing_ = false;
  bool erasing_ = false;
  int pen_width_ = 6;
};

}  // namespace gs
