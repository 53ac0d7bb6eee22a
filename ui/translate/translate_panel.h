#pragma once
// The "Image to image" tab: open an image-to-image (pix2pix or CycleGAN) checkpoint, then open or drop an input
// image - or draw one on the sketch pad, for edges models - and see the model's output live (rendered off the GUI
// thread, the newest input wins). CycleGAN models translate either way (the Direction switch) and show the round
// trip A -> B -> A beside the output. Export writes a PNG carrying the AI-generated label and the recipe
// (checkpoint, step, direction, the input's name and fingerprint).
#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>

#include "translate/image_translator.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace gs {

class ImageCanvas;
class SketchPad;
class TranslationService;

class TranslatePanel : public QWidget {
  Q_OBJECT
 public:
  explicit TranslatePanel(QWidget* parent = nullptr);
  ~TranslatePanel() override;

  // Each returns false and shows why (status line, and error()) when it fails; the tab keeps working.
  bool loadModel(const QString& checkpoint);
  bool openImage(const QString& path);
  bool exportTo(const QString& path);

  bool hasModel() const { return translator_ != nullptr; }
  const QImage& output() const { return output_; }
  const QImage& modelInput() const { return seen_; }
  SketchPad* sketchPad() const { return pad_; }
  QCheckBox* edgesFromPhoto() const { return from_photo_; }
  QComboBox* direction() const { return direction_; }
  bool reverse() const;  // B -> A chosen
  const QImage& roundTrip() const { return back_; }  // null for one-way models
  TranslationService* service() const { return service_; }
  QString statusText() const;

 Q_SIGNALS:
  void error(const QString& message);
  void outputShown();  // a new output is on screen

 private:
  void requestTranslation();
  void showFailure(const QString& message);
  TranslationInput currentInput() const;
  QString modelLabel() const;  // file, direction, resolution, step

  std::shared_ptr<const ImageTranslator> translator_;
  std::optional<TranslationInput> file_input_;  // the opened file, until the pad is drawn on
  bool drawn_on_ = false;
  QImage seen_, output_, back_;
  SketchPad* pad_ = nullptr;
  ImageCanvas* seen_view_ = nullptr;
  ImageCanvas* output_view_ = nullptr;
  ImageCanvas* back_view_ = nullptr;
  QWidget* back_column_ = nullptr;
  QComboBox* direction_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* status_ = nullptr;
  QCheckBox* from_photo_ = nullptr;
  QPushButton* export_ = nullptr;
  TranslationService* service_ = nullptr;
};

}  // namespace gs
