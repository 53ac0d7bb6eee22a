#pragma once
// The difference view's colour mapping on the CPU, the same as shaders/canvas.frag's: per pixel the largest
// channel difference (doubled, clamped) through a dark-to-bright heat ramp, blended over the image.
#include <QColor>
#include <QImage>

namespace gs {

// The heat colour for t in [0, 1] (0: no change, black; 1: yellow-white).
QColor heatColour(double t);
// `image` with the heat map of |image - reference| blended in at `opacity`; `image` itself when the sizes differ
// or opacity is 0. The QPainter canvas draws this, and tests use it as the reference for the Vulkan one.
QImage blendDifference(const QImage& image, const QImage& reference, double opacity);

}  // namespace gs
