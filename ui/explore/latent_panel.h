#pragma once
// The latent explorer's controls: one slider per latent dimension (paged, 16 per page, with a jump box), the
// seed, Randomise and Reset, truncation, and interpolation between two stored latents A and B (spherical, so
// every point along the path keeps the norm a Gaussian latent should have).
#include <QWidget>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QDoubleSpinBox;

namespace gs {

class LatentPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kPerPage = 16;
  static constexpr double kSliderScale = 100.0;  // slider units per latent unit (range +-3.00)

  explicit LatentPanel(QWidget* parent = nullptr);

  // Latent size and the seed-to-latent rule of the loaded generator; dim 0 disables the panel.
  void setGenerator(int latent_dim, std::function<std::vector<float>(uint64_t)> latent_for_seed);
  void setSeed(uint64_t seed);
  // Shows the latent of any 64-bit seed (grid cells use seeds beyond the spin box's range).
  void showSeedLatent(uint64_t seed);
  void setLatent(const std::vector<float>& z);  // a latent of no seed (originSeed() empty)
  // Class-conditional generators: the class selector ("k name" per class, first selected); hidden when empty.
  void setClasses(const std::vector<std::string>& names);
  int classIndex() const;  // -1 without classes
  void setClassIndex(int k);
  QComboBox* classBox() const { return class_box_; }

  const std::vector<float>& latent() const { return z_; }
  float truncation() const;
  void setTruncation(float psi);  // 0..1, in the slider's steps of 0.01
  uint64_t seed() const;
  // The seed the current latent came from; empty once sliders or interpolation changed it.
  std::optional<uint64_t> originSeed() const { return origin_seed_; }
  int page() const { return page_; }
  int pageCount() const;
  void showDimension(int index);  // turns to the page holding `index`
  QSlider* dimensionSlider(int slot) const { return sliders_[slot]; }
  QSlider* truncationSlider() const { return truncation_; }
  QSlider* interpolationSlider() const { return scrub_; }
  const std::vector<float>& pointA() const { return a_; }  // interpolation end A; empty until set

 Q_SIGNALS:
  // z, truncation or seed changed: the owner asks for a render.
  void latentChanged();

 private:
  void buildSliders(QWidget* host);
  void syncSliders();
  void onSliderMoved(int slot, int value);
  void onScrub(int value);
  void updateLabels();

  std::function<std::vector<float>(uint64_t)> latent_for_seed_;
  std::vector<float> z_, seed_z_, a_, b_;
  std::optional<uint64_t> origin_seed_, reset_seed_;
  int page_ = 0;
  bool syncing_ = false;

  QSpinBox* seed_box_;
  QSpinBox* jump_box_;
  QLabel* page_label_;
  QPushButton* prev_page_;
  QPushButton* next_page_;
  QSlider* sliders_[kPerPage];
  QLabel* names_[kPerPage];
  QLabel* values_[kPerPage];
  QSlider* truncation_;
  QLabel* truncation_label_;
  QLabel* class_label_;
  QComboBox* class_box_;
  QSlider* scrub_;
  QLabel* ab_label_;
};

}  // namespace gs
