#pragma once
// Shows one image as large as fits, scaled with nearest-neighbour sampling so pixels stay crisp (or smoothly, when
// asked: View > Smooth image scaling). In grid mode
// (cells x cells tiles with padding) a click reports the cell index; with no image it shows a placeholder line.
#include <QImage>
#include <QWidget>

#include <utility>
#include <vector>

namespace gs {

class ImageCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit ImageCanvas(QWidget* parent = nullptr);

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

 Q_SIGNALS:
  void cellClicked(int index);
  void frameShown();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  QRect targetRect() const;
  int cellAt(const QPoint& pos) const;
  QRectF cellRect(const QRect& target, int cell) const;

  QImage image_;
  QString placeholder_;
  QString caption_;
  int columns_ = 0, rows_ = 0, padding_ = 0;
  int hover_cell_ = -1;
  std::vector<std::pair<int, QColor>> outlines_;
  quint64 frames_ = 0;
  bool smooth_ = false;
};

}  // namespace gs
