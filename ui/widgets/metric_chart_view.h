#pragma once
// A chart view for long training curves: rubber-band zoom (left drag), wheel zoom around the cursor, pan with
// the right or middle button, double-click to return to the automatic range, and a hover readout of the
// nearest logged step. While the user is zoomed, new data does not move the view.
#include <QChartView>

#include <functional>

class QValueAxis;

namespace gs {

// From now on, ticks of `axis` at multiples of a round interval (1, 2 or 5 x 10^k) giving about `ticks`
// ticks over whatever range it has (tight data ranges, zooms), instead of splitting the range evenly.
void useRoundTicks(QValueAxis* axis, int ticks);

// A chart in the app's style: dark theme, square corners, tight margins, legend below, no animation.
QChart* newAppChart(const QString& title);
// The x axis of a curve over training steps: whole-step labels, 0..100 until data arrives, round ticks.
QValueAxis* newStepAxis(int ticks = 6);

class MetricChartView : public QChartView {
  Q_OBJECT
 public:
  explicit MetricChartView(QChart* chart, QWidget* parent = nullptr);

  // Text to show for the step under the cursor (x in chart values); empty hides the readout.
  void setReadout(std::function<QString(double step)> readout) { readout_ = std::move(readout); }
  bool userZoomed() const { return user_zoomed_; }
  void resetZoom();

 Q_SIGNALS:
  void zoomReset();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;

 private:
  std::function<QString(double)> readout_;
  bool user_zoomed_ = false;
  bool panning_ = false;
  QPointF last_pan_;
  QPointF press_pos_;
};

}  // namespace gs
