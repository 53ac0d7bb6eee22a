#pragma once
// The memorisation check off the GUI thread: the k training images nearest to a sample (pixel RMS over the
// loaded dataset's cache), the sample first scaled to the dataset's resolution and channels. A newer request
// replaces the one in flight (its result is dropped).
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QVector>

#include <memory>

namespace gs {

class ImageDataset;

struct NearestShown {
  qint64 index = -1;  // into the dataset
  double rms = 0;     // 0..255 units
  QImage image;       // the training image
};

struct NearestResult {
  QImage sample;  // as compared (dataset resolution)
  QVector<NearestShown> nearest;  // nearest first
  QString error;
};

// Synchronous core of the check (tests, and the worker).
NearestResult findNearestImages(const ImageDataset& data, const QImage& sample, int k);

class MemorisationCheck : public QObject {
  Q_OBJECT
 public:
  explicit MemorisationCheck(QObject* parent = nullptr);
  void start(std::shared_ptr<const ImageDataset> data, const QImage& sample, int k = 3);
  bool isRunning() const { return watcher_->isRunning(); }

 Q_SIGNALS:
  void finished(const gs::NearestResult& result);

 private:
  QFutureWatcher<NearestResult>* watcher_;
};

}  // namespace gs
