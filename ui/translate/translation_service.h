#pragma once
// Runs an image-to-image model off the GUI thread; the newest request wins. One request is pending at most: a new
// one (each stroke of a drawing) replaces it, so drawing never queues stale frames. Results carry the request's
// stamp and a result older than the one shown is dropped.
#include <QImage>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "util/image.h"

namespace gs {

class ImageTranslator;

struct TranslationRequest {
  std::shared_ptr<const ImageTranslator> translator;
  ImageU8 input;
  bool edges_from_photo = false;
  bool reverse = false;  // B -> A (two-way models)
  quint64 stamp = 0;
};

class TranslationWorker : public QObject {
  Q_OBJECT
 public:
  void post(TranslationRequest request);
  Q_INVOKABLE void drain();  // on the worker thread: translates the newest pending request until none is left

 Q_SIGNALS:
  // `seen`: the input as the model saw it (after layout or edge detection); `output`: G's result; `back`: for a
  // two-way model, the output translated back (the round trip A -> B -> A), else null.
  void translated(QImage seen, QImage output, QImage back, quint64 stamp, double milliseconds);
  void failed(QString message, quint64 stamp);

 private:
  std::mutex mutex_;
  std::optional<TranslationRequest> pending_;
  std::atomic<bool> wake_posted_{false};
};

class TranslationService : public QObject {
  Q_OBJECT
 public:
  explicit TranslationService(QObject* parent = nullptr);
  ~TranslationService() override;  // stops and joins the thread

  quint64 request(TranslationRequest request);  // returns the stamp its result will carry
  quint64 shownStamp() const { return shown_; }      // of the newest result shown
  quint64 requestedStamp() const { return next_stamp_ - 1; }  // of the newest request

 Q_SIGNALS:
  void translated(QImage seen, QImage output, QImage back, double milliseconds);
  void failed(QString message);

 private:
  QThread thread_;
  TranslationWorker* worker_;
  quint64 next_stamp_ = 1;
  quint64 shown_ = 0;
};

}  // namespace gs
