#include "ui/widgets/alarm_marks.h"

#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStringList>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace gs {
namespace {

const QColor kAlarmColor(255, 179, 0);

}  // namespace

AlarmMarks::AlarmMarks(QChart* chart, QValueAxis* x, QValueAxis* y, QWidget* view)
    : QObject(view), chart_(chart), x_(x), y_(y), view_(view), points_(new QScatterSeries) {
  points_->setName("alarm");
  points_->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
  points_->setMarkerSize(13);
  points_->setColor(kAlarmColor);
  points_->setBorderColor(Qt::black);
  chart_->addSeries(points_);
  points_->attachAxis(x_);
  points_->attachAxis(y_);
  chart_->legend()->markers(points_).front()->setVisible(false);
  connect(points_, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
    if (!state) return QToolTip::hideText();
    QStringList lines;
    for (const Alarm& a : alarms_)
      if (double(a.step) == point.x()) lines << QString::fromStdString(formatAlarm(a));
    QToolTip::showText(QCursor::pos(), lines.join("\n"), view_);
  });
}

void AlarmMarks::setAlarms(std::vector<Alarm> alarms) {
  // Alarms are only ever appended or cleared, so the same count over the same range draws the same marks: the
  // training charts call this at every repaint.
  const bool same = alarms.size() == alarms_.size() && y_->min() == drawn_lo_ && y_->max() == drawn_hi_;
  alarms_ = std::move(alarms);
  if (!same) redraw();
}

int AlarmMarks::count() const { return points_->count(); }

void AlarmMarks::redraw() {
  const double lo = y_->min(), hi = y_->max();
  drawn_lo_ = lo;
  drawn_hi_ = hi;
  QList<QPointF> marks;
  for (const Alarm& a : alarms_) marks.append(QPointF(double(a.step), hi - (hi - lo) * 0.04));
  points_->replace(marks);
  for (auto* s : lines_) {
    chart_->removeSeries(s);
    delete s;
  }
  lines_.clear();
  for (const QPointF& m : marks) {
    auto* s = new QLineSeries;
    s->setPen(QPen(kAlarmColor, 1, Qt::DashDotLine));
    s->append(m.x(), lo);
    s->append(m.x(), hi);
    chart_->addSeries(s);
    s->attachAxis(x_);
    s->attachAxis(y_);
    chart_->legend()->markers(s).front()->setVisible(false);
    lines_.push_back(s);
  }
}

QString AlarmMarks::describeNear(double step, double radius) const {
  QString text;
  for (const Alarm& a : alarms_)
    if (std::abs(double(a.step) - step) <= radius) text += "\n\u26A0 " + QString::fromStdString(formatAlarm(a));
  return text;
}

}  // namespace gs
