#pragma once
// Renders latents off the GUI thread; the newest request wins (like stylegan3's AsyncRenderer). Each channel
// (the explorer's single image, the samples grid) holds one pending request: a new request replaces the
// pending one, so a slider drag never queues stale frames. Results carry the request's stamp; the receiver
// drops any result older than what it already shows.
#include <QImage>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "explore/style_controls.h"

namespace gs {

class GeneratorSession;

struct RenderRequest {
  std::shared_ptr<GeneratorSession> session;
  std::vector<std::vector<float>> latents;  // one latent: a single image; several: a grid of `columns`
  float truncation = 1.0f;
  int columns = 1;
  quint64 stamp = 0;   // set by RenderService::request
  StyleControls style;  // style-based generators only
  std::vector<int> classes;  // class-conditional generators: one for all latents, or one per latent
};

enum class RenderChannel { Explorer = 0, Grid = 1 };

class RenderWorker : public QObject {
  Q_OBJECT
 public:
  void post(RenderChannel channel, RenderRequest request);
  // Called on the worker thread: renders the newest pending request of each channel until none is left.
  Q_INVOKABLE void drain();

 Q_SIGNALS:
  void rendered(int channel, QImage image, quint64 stamp, double milliseconds);
  void failed(int channel, QString message, quint64 stamp);

 private:
  static constexpr size_t kGridChunk = 8;
  std::optional<RenderRequest> take(int channel);
  bool hasPending(int channel);
  void renderOne(int channel, const RenderRequest& job);

  std::mutex mutex_;
  std::optional<RenderRequest> pending_[2];
  std::atomic<bool> wake_posted_{false};
};

class RenderService : public QObject {
  Q_OBJECT
 public:
  explicit RenderService(QObject* parent = nullptr);
  ~RenderService() override;

  // Returns the stamp the result will carry.
  quint64 request(RenderChannel channel, RenderRequest request);
  quint64 latestStamp(RenderChannel channel) const { return latest_[static_cast<int>(channel)]; }

 Q_SIGNALS:
  // Only results at least as new as anything shown before on that channel arrive here.
  void frameReady(gs::RenderChannel channel, QImage image, quint64 stamp, double milliseconds);
  void renderFailed(gs::RenderChannel channel, QString message);

 private:
  void onRendered(int channel, const QImage& image, quint64 stamp, double ms);
  QThread thread_;
  RenderWorker* worker_;
  quint64 next_stamp_ = 1;
  quint64 latest_[2] = {0, 0};
  quint64 shown_[2] = {0, 0};
};

}  // namespace gs

Q_DECLARE_METATYPE(gs::RenderChannel)
