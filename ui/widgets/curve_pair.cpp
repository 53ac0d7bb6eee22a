#include "ui/widgets/curve_pair.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace gs {

CurvePair addCurvePair(QChart* chart, const QString& name, const QColor& color, QAbstractAxis* x, QAbstractAxis* y,
                       Qt::PenStyle style) {
  CurvePair pair;
  pair.raw = new QLineSeries;
  QColor faint = color;
  faint.setAlpha(70);
  pair.raw->setPen(QPen(faint, 1, style));
  pair.raw->setName(name + " (raw)");
  pair.smooth = new QLineSeries;
  pair.smooth->setPen(QPen(color, 2, style));
  pair.smooth->setName(name);
  for (auto* s : {pair.raw, pair.smooth}) {
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
  }
  chart->legend()->markers(pair.raw).front()->setVisible(false);
  return pair;
}

void growRange(const QVector<QPointF>& points, double& lo, double& hi, bool positive_only) {
  for (const QPointF& p : points) {
    if (!std::isfinite(p.y()) || (positive_only && p.y() <= 0)) continue;
    lo = std::min(lo, p.y());
    hi = std::max(hi, p.y());
  }
}

void setPaddedRange(QValueAxis* axis, double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return;
  const double pad = std::max(1e-6, (hi - lo) * 0.05);
  axis->setRange(lo - pad, hi + pad);
}

}  // namespace gs
