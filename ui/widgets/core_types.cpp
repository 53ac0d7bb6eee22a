#include "ui/widgets/core_types.h"

#include <cstring>

namespace gs {

void registerCoreMetaTypes() {
  qRegisterMetaType<gs::StepStats>("gs::StepStats");
  qRegisterMetaType<QVector<gs::StepStats>>("QVector<gs::StepStats>");
  qRegisterMetaType<gs::HealthRecord>("gs::HealthRecord");
  qRegisterMetaType<gs::Alarm>("gs::Alarm");
  qRegisterMetaType<gs::QualityRecord>("gs::QualityRecord");
}

QImage toQImage(const ImageU8& image) {
  if (image.empty() || image.width <= 0 || image.height <= 0) return {};
  QImage::Format format = QImage::Format_RGB888;
  if (image.channels == 1) format = QImage::Format_Grayscale8;
  if (image.channels == 4) format = QImage::Format_RGBA8888;
  QImage out(image.width, image.height, format);
  const size_t row_bytes = static_cast<size_t>(image.width) * image.channels;
  for (int y = 0; y < image.height; ++y) std::memcpy(out.scanLine(y), image.row(y), row_bytes);
  return out;
}

ImageU8 fromQImage(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  ImageU8 out;
  out.width = rgb.width();
  out.height = rgb.height();
  out.channels = 3;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y) std::memcpy(out.row(y), rgb.constScanLine(y), static_cast<size_t>(out.width) * 3);
  return out;
}

}  // namespace gs
