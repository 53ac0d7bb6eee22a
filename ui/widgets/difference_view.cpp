#include "ui/widgets/difference_view.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace gs {
namespace {

using Rgb = std::array<float, 3>;

Rgb mix(const Rgb& a, const Rgb& b, float t) {
  return {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
}

Rgb heat(float t) {
  const Rgb c0{0.0f, 0.0f, 0.02f}, c1{0.45f, 0.07f, 0.55f}, c2{0.98f, 0.45f, 0.12f}, c3{1.0f, 1.0f, 0.65f};
  if (t < 1.0f / 3.0f) return mix(c0, c1, t * 3.0f);
  if (t < 2.0f / 3.0f) return mix(c1, c2, t * 3.0f - 1.0f);
  return mix(c2, c3, t * 3.0f - 2.0f);
}

int toByte(float v) { return int(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

}  // namespace

QColor heatColour(double t) {
  const Rgb c = heat(float(std::clamp(t, 0.0, 1.0)));
  return QColor(toByte(c[0]), toByte(c[1]), toByte(c[2]));
}

QImage blendDifference(const QImage& image, const QImage& reference, double opacity) {
  if (image.isNull() || reference.size() != image.size() || opacity <= 0) return image;
  const QImage a = image.convertToFormat(QImage::Format_RGB32);
  const QImage b = reference.convertToFormat(QImage::Format_RGB32);
  QImage out(a.size(), QImage::Format_RGB32);
  const float o = float(std::min(opacity, 1.0));
  for (int y = 0; y < a.height(); ++y) {
    const QRgb* pa = reinterpret_cast<const QRgb*>(a.constScanLine(y));
    const QRgb* pb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
    QRgb* po = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < a.width(); ++x) {
      const Rgb ca{qRed(pa[x]) / 255.0f, qGreen(pa[x]) / 255.0f, qBlue(pa[x]) / 255.0f};
      const Rgb cb{qRed(pb[x]) / 255.0f, qGreen(pb[x]) / 255.0f, qBlue(pb[x]) / 255.0f};
      const float d = std::max({std::abs(ca[0] - cb[0]), std::abs(ca[1] - cb[1]), std::abs(ca[2] - cb[2])});
      const Rgb c = mix(ca, heat(std::clamp(d * 2.0f, 0.0f, 1.0f)), o);
      po[x] = qRgb(toByte(c[0]), toByte(c[1]), toByte(c[2]));
    }
  }
  return out;
}

}  // namespace gs
