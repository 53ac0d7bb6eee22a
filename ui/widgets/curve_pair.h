#pragma once
// A metric drawn the TensorBoard way: the raw values faintly, the smoothed ones in full colour, and the range
// helpers the curve charts share (tight y ranges with a little padding).
#include <QColor>
#include <QPointF>
#include <QString>
#include <QVector>

class QAbstractAxis;
class QChart;
class QLineSeries;
class QValueAxis;

namespace gs {

struct CurvePair {
  QLineSeries* raw = nullptr;     // faint, hidden from the legend
  QLineSeries* smooth = nullptr;  // named in the legend
};

// Adds both series to `chart` on the axes x and y.
CurvePair addCurvePair(QChart* chart, const QString& name, const QColor& color, QAbstractAxis* x, QAbstractAxis* y,
                       Qt::PenStyle style = Qt::SolidLine);
// Widens [lo, hi] to the y values of `points` (only those > 0 when positive_only, for log axes).
void growRange(const QVector<QPointF>& points, double& lo, double& hi, bool positive_only = false);
// Sets a linear axis to [lo, hi] plus 5% padding on each side; leaves it alone when the range is empty.
void setPaddedRange(QValueAxis* axis, double lo, double hi);

}  // namespace gs
