#pragma once
// The explorer's "Directions" tab: edit directions found without labels (GANSpace's principal components of w
// for style generators, SeFa's directions of z for DCGAN; core explore/latent_directions.h), one slider each in
// units of the latents' standard deviation along it (+-4 sigma), with the share of variance each explains.
// Style generators also pick the synthesis layers the edit reaches (GANSpace's layer-wise edits: coarse layers
// change pose and shape, fine ones colour and texture). The directions arrive from a background computation.
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "explore/latent_directions.h"

class QComboBox;
template <typename T>
class QFutureWatcher;
class QLabel;
class QPushButton;
class QSlider;
class QVBoxLayout;

namespace gs {

class GeneratorSession;

class DirectionsBox : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kDirections = 10;
  static constexpr double kScale = 100.0;  // slider units per sigma

  explicit DirectionsBox(QWidget* parent = nullptr);

  // A new generator: shows its synthesis layers (style generators) and finds its directions off the GUI thread;
  // the sliders come alive when they arrive (directionsReady). A result for an older generator is dropped.
  // keep_edit: the session is the next checkpoint of the run on screen, so the edit (amounts, layer range) stays
  // when the network has the same shape; any other generator starts from no edit.
  void setGenerator(std::shared_ptr<GeneratorSession> session, bool keep_edit = false);
  bool isComputing() const;
  // Sets every amount to 0.
  void reset();
  // Shows `edit` (an exported recipe's) now, or once the directions are found; emits changed.
  void setEdit(const DirectionEdit& edit);

  const LatentDirections& directions() const { return directions_; }
  DirectionEdit edit() const;
  QSlider* slider(int i) const { return sliders_[size_t(i)]; }
  QComboBox* firstLayerBox() const { return first_layer_; }
  QComboBox* lastLayerBox() const { return last_layer_; }

 Q_SIGNALS:
  void changed();  // an amount or the layer range changed
  void directionsReady();
  void sweepRequested();  // "Export sweep video…"

 private:
  struct Found {
    LatentDirections directions;
    QString error;
  };
  void setDirections(LatentDirections directions);
  void showAmount(int i);
  void applyPendingEdit();
  std::optional<DirectionEdit> pending_edit_;  // from setEdit, waiting for the directions

  std::shared_ptr<GeneratorSession> session_;
  std::vector<int> shape_;  // latent size, w size and style layers of the generator shown
  QFutureWatcher<Found>* watcher_;  // watches only the newest generator's computation

  LatentDirections directions_;
  std::vector<float> amounts_;
  QLabel* status_;
  QWidget* layer_row_;
  QComboBox* first_layer_;
  QComboBox* last_layer_;
  std::vector<QLabel*> names_;
  std::vector<QSlider*> sliders_;
  std::vector<QLabel*> values_;
  QPushButton* reset_;
};

}  // namespace gs
