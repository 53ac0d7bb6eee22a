#include "ui/health/memorisation_check.h"

#include <QtConcurrent/QtConcurrentRun>

#include <cstring>

#include "ui/widgets/core_types.h"
#include "data/image_dataset.h"
#include "metrics/nearest_image.h"

namespace gs {
namespace {

// The sample at the dataset's size and channel count (nearest_image compares like with like).
ImageU8 matchDataset(const ImageDataset& data, const QImage& sample) {
  const int res = data.resolution();
  QImage scaled = sample.size() == QSize(res, res) ? sample : sample.scaled(res, res, Qt::IgnoreAspectRatio,
                                                                            Qt::SmoothTransformation);
  QImage::Format format = QImage::Format_RGB888;
  if (data.channels() == 1) format = QImage::Format_Grayscale8;
  if (data.channels() == 4) format = QImage::Format_RGBA8888;
  scaled = scaled.convertToFormat(format);
  ImageU8 out;
  out.width = out.height = res;
  out.channels = data.channels();
  out.pixels.resize(data.imageBytes());
  const size_t row_bytes = size_t(res) * out.channels;
  for (int y = 0; y < res; ++y) std::memcpy(out.row(y), scaled.constScanLine(y), row_bytes);
  return out;
}

QImage datasetImage(const ImageDataset& data, int64_t index) {
  ImageU8 image;
  image.width = image.height = data.resolution();
  image.channels = data.channels();
  const uint8_t* px = data.image(index);
  image.pixels.assign(px, px + data.imageBytes());
  return toQImage(image);
}

}  // namespace

NearestResult findNearestImages(const ImageDataset& data, const QImage& sample, int k) {
  NearestResult result;
  try {
    if (sample.isNull()) throw std::runtime_error("no sample selected");
    const ImageU8 matched = matchDataset(data, sample);
    result.sample = toQImage(matched);
    for (const NearestImage& n : nearestTrainingImages(data, matched, k))
      result.nearest.append({n.index, n.rms, datasetImage(data, n.index)});
  } catch (const std::exception& e) {
    result.error = QString::fromStdString(e.what());
  }
  return result;
}

MemorisationCheck::MemorisationCheck(QObject* parent)
    : QObject(parent), watcher_(new QFutureWatcher<NearestResult>(this)) {
  connect(watcher_, &QFutureWatcher<NearestResult>::finished, this, [this] { Q_EMIT finished(watcher_->result()); });
}

void MemorisationCheck::start(std::shared_ptr<const ImageDataset> data, const QImage& sample, int k) {
  if (!data) {
    NearestResult none;
    none.error = "No dataset loaded: open the training image folder first (File \u25B8 Open image folder)";
    Q_EMIT finished(none);
    return;
  }
  // The dataset stays alive with the task; setFuture drops a superseded task's result.
  watcher_->setFuture(QtConcurrent::run([data, sample, k] { return findNearestImages(*data, sample, k); }));
}

}  // namespace gs
