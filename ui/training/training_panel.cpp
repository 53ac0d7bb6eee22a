#include "ui/training/training_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QRegularExpression>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/training/domain_b_field.h"
#include "util/cpu_features.h"

namespace gs {
namespace {

QSpinBox* intBox(QWidget* parent, int lo, int hi, const QString& suffix = {}) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setSuffix(suffix);
  return box;
}

QDoubleSpinBox* rateBox(QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setDecimals(5);
  box->setRange(1e-6, 1e-1);
  box->setSingleStep(1e-5);
  return box;
}

QString duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "\u2013";
  const int s = int(seconds);
  if (s >= 3600) return QString("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
  if (s >= 60) return QString("%1 min %2 s").arg(s / 60).arg(s % 60);
  return QString("%1 s").arg(s);
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* form = new QFormLayout;
  form->setLabelAlignment(Qt::AlignRight);
  form->setVerticalSpacing(4);
  model_ = new QComboBox(this);
  model_->addItem("DCGAN", int(ModelKind::Dcgan));
  model_->addItem("Style-based", int(ModelKind::Style));
  model_->addItem("pix2pix (image to image)", int(ModelKind::Pix2Pix));
  model_->addItem("CycleGAN (unpaired image to image)", int(ModelKind::CycleGan));
  model_->setToolTip("pix2pix translates paired images A -> B (U-Net G, PatchGAN D, L1 weight 100): choose where "
                     "the pairs come from below. CycleGAN learns A -> B and B -> A from two unpaired sets (ResNet "
                     "G both ways, least-squares loss, cycle and identity losses): give domain B below");
  pairs_ = new QComboBox(this);
  pairs_->addItem("Auto (A/ and B/ folders, else side by side)", int(PairSource::Auto));
  pairs_->addItem("Side by side (A|B in each file)", int(PairSource::SideBySide));
  pairs_->addItem("A/ and B/ folders", int(PairSource::Folders));
  pairs_->addItem("Edges → image (Canny)", int(PairSource::Edges));
  domain_b_ = new DomainBField(this);
  pairs_->setToolTip("pix2pix: where the (A, B) pairs come from. Edges: any image folder; A is each image's Canny "
                     "edge map, B the image");
  resolution_ = new QComboBox(this);
  for (int r : {32, 64, 128, 256}) resolution_->addItem(QString("%1 \u00D7 %1 px").arg(r), r);
  loss_ = new QComboBox(this);
  loss_->addItem("Non-saturating", int(LossKind::NonSaturating));
  loss_->addItem("Minimax (saturating)", int(LossKind::Minimax));
  loss_->addItem("WGAN-GP", int(LossKind::WganGp));
  loss_->addItem("Hinge", int(LossKind::Hinge));
  loss_->addItem("Least squares (LSGAN)", int(LossKind::LeastSquares));
  latent_dim_ = intBox(this, 2, 1024);
  width_ = intBox(this, 4, 1024, " ch");
  width_->setToolTip("Generator and discriminator width (channels of the widest hidden layer)");
  lr_g_ = rateBox(this);
  lr_d_ = rateBox(this);
  batch_ = intBox(this, 1, 1024, " images");
  d_steps_ = intBox(this, 1, 10);
  d_steps_->setToolTip("Discriminator steps per generator step (5 for WGAN-GP)");
  ema_kimg_ = new QDoubleSpinBox(this);
  ema_kimg_->setRange(0, 1000);
  ema_kimg_->setDecimals(1);
  ema_kimg_->setSuffix(" kimg");
  ema_kimg_->setToolTip("Half-life of the generator's moving average in thousands of images (0: off)");
  spectral_norm_ = new QCheckBox("Spectral norm on D", this);
  minibatch_std_ = new QCheckBox("Minibatch std in D", this);
  hflip_ = new QCheckBox("Random horizontal flips", this);
  hflip_->setToolTip("Mirror training images at random: for data without a preferred orientation. Off by default "
                     "(Fashion-MNIST's shoes all face one way; flips teach a mirrored half the data never has)");
  augment_ = new QComboBox(this);
  augment_->addItem("None", int(AugmentKind::None));
  augment_->addItem("Auto (ADA below 10,000 images)", int(AugmentKind::Auto));
  augment_->addItem("ADA (adaptive)", int(AugmentKind::Ada));
  augment_->addItem("DiffAugment", int(AugmentKind::DiffAug));
  augment_->setToolTip("Augment every image D sees, real and fake, so it cannot memorise a small folder. ADA adapts "
                       "its probability p to keep E[sign(D(real))] near 0.6; DiffAugment always applies colour, "
                       "translation and cutout. Auto: ADA when the folder has fewer than 10,000 images. Off by default: in our "
                       "measurements ADA cut memorisation but cost sample quality at short budgets");
  steps_ = intBox(this, 1, 10000000, " steps");
  sample_every_ = intBox(this, 1, 100000, " steps");
  seed_ = intBox(this, 0, 2147483647);
  device_ = new QComboBox(this);
  device_->addItems({"auto", "cpu", "cuda"});
  precision_ = new QComboBox(this);
  const CpuBf16Support& cpu = cpuBf16Support();
  const bool bf16_here = cpu.amx_bf16 || cpu.avx512_bf16;
  precision_->addItem(bf16_here ? "Auto (DCGAN: bf16 on this CPU)" : "Auto (fp32 on this CPU)", int(Precision::Auto));
  precision_->addItem("fp32", int(Precision::Fp32));
  precision_->addItem("bf16 mixed", int(Precision::Bf16));
  if (!bf16_here) {  // the trainer refuses bf16 without the instructions: don't offer it
    if (auto* items = qobject_cast<QStandardItemModel*>(precision_->model())) items->item(2)->setEnabled(false);
  }
  precision_->setToolTip(QString("bf16 mixed precision runs the networks' convolutions and matrix products in "
                                 "bfloat16 (autocast); weights, optimiser and losses stay fp32. Auto picks it for "
                                 "DCGAN on a CPU with bf16 instructions (AVX512-BF16 or AMX), where it trains about "
                                 "1.5x faster at the same quality; the style-based generator stays fp32 unless you "
                                 "choose bf16 (2x faster, quality not yet compared). This CPU: ") +
                         QString::fromStdString(describe(cpu)));
  form->addRow("Model", model_);
  form->addRow("Pairs", pairs_);
  form->addRow("Domain B", domain_b_);
  form->addRow("Resolution", resolution_);
  form->addRow("Loss", loss_);
  form->addRow("Latent size", latent_dim_);
  form->addRow("Width", width_);
  form->addRow("Learning rate G", lr_g_);
  form->addRow("Learning rate D", lr_d_);
  form->addRow("Batch", batch_);
  form->addRow("D steps", d_steps_);
  form->addRow("EMA half-life", ema_kimg_);
  form->addRow(QString(), spectral_norm_);
  form->addRow(QString(), minibatch_std_);
  form->addRow(QString(), hflip_);
  form->addRow("Augment D", augment_);
  form->addRow("Train for", steps_);
  form->addRow("Samples every", sample_every_);
  form->addRow("Seed", seed_);
  form->addRow("Device", device_);
  form->addRow("Precision", precision_);

  auto* buttons = new QHBoxLayout;
  start_ = new QPushButton("Start", this);
  start_->setObjectName("primary");
  pause_ = new QPushButton("Pause", this);
  pause_->setCheckable(true);
  stop_ = new QPushButton("Stop", this);
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  layout->addLayout(buttons);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat("idle");
  layout->addWidget(progress_);
  status_ = new QLabel("Open an image folder, then Start.", this);
  status_->setWordWrap(true);
  layout->addWidget(status_);
  run_folder_ = new QLabel(this);
  run_folder_->setWordWrap(true);
  run_folder_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
  layout->addWidget(run_folder_);
  // Controls and progress first, so they stay in view above the long settings form.
  layout->addSpacing(6);
  layout->addLayout(form);

  connect(start_, &QPushButton::clicked, this, &TrainingPanel::startRequested);
  connect(pause_, &QPushButton::toggled, this, [this](bool paused) {
    pause_->setText(paused ? "Resume" : "Pause");
    Q_EMIT pauseToggled(paused);
  });
  connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
  connect(run_folder_, &QLabel::linkActivated, this, &TrainingPanel::runFolderClicked);
  connect(loss_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    // Settings known to train with each loss (GAN-NOTES): WGAN-GP wants 5 critic steps and lr 1e-4.
    const auto loss = LossKind(loss_->currentData().toInt());
    if (loss == LossKind::WganGp) {
      d_steps_->setValue(5);
      lr_g_->setValue(1e-4);
      lr_d_->setValue(1e-4);
    } else if (d_steps_->value() == 5) {
      d_steps_->setValue(1);
    }
  });

  connect(model_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    // Each model starts from the learning rates known to train it (defaultOptim: 2e-3 for style-based).
    const ModelKind kind = ModelKind(model_->currentData().toInt());
    const OptimConfig o = defaultOptim(kind, resolution());
    lr_g_->setValue(o.lr_g);
    lr_d_->setValue(o.lr_d);
    // Image-to-image models train without an EMA generator or augmentation, CycleGAN with least squares; the
    // pairs choice applies to pix2pix, domain B to CycleGAN.
    ema_kimg_->setValue(o.ema_kimg);
    augment_->setCurrentIndex(std::max(0, augment_->findData(int(o.augment))));
    base_.optim.ada_target = o.ada_target;  // no control of its own: the model's (0.8 DCGAN, 0.6 style)
    base_.optim.reuse_fakes = o.reuse_fakes;  // likewise: G's step on D's fakes for DCGAN, new latents for style
    loss_->setCurrentIndex(std::max(0, loss_->findData(int(o.loss))));
    pairs_->setEnabled(kind == ModelKind::Pix2Pix);
    domain_b_->setEnabled(kind == ModelKind::CycleGan);
    latent_dim_->setEnabled(!isTranslationModel(kind));  // image-to-image models have no latent
    if (isTranslationModel(kind)) precision_->setCurrentIndex(precision_->findData(int(Precision::Auto)));
    precision_->setEnabled(!isTranslationModel(kind));  // they train in fp32
  });

  setConfig(panelDefaults(ModelKind::Dcgan, LossKind::NonSaturating));
  setRunning(false);
  for (auto* box : findChildren<QComboBox*>())
    connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingPanel::markChanged);
  for (auto* box : findChildren<QSpinBox*>())
    connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingPanel::markChanged);
  for (auto* box : findChildren<QDoubleSpinBox*>())
    connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &TrainingPanel::markChanged);
  for (auto* box : findChildren<QCheckBox*>()) connect(box, &QCheckBox::toggled, this, &TrainingPanel::markChanged);
  markChanged();
}

TrainConfig TrainingPanel::panelDefaults(ModelKind kind, LossKind loss) {
  TrainConfig c;
  c.model.g_width = c.model.d_width = 32;
  c.model.kind = kind;
  c.optim = defaultOptim(kind, c.model.resolution);
  c.optim.loss = loss;
  if (loss == LossKind::WganGp) {  // the loss preset (GAN-NOTES)
    c.optim.d_steps = 5;
    c.optim.lr_g = c.optim.lr_d = 1e-4;
  }
  return c;
}

void TrainingPanel::markChanged() {
  const TrainConfig now = config();
  const TrainConfig d = panelDefaults(now.model.kind, now.optim.loss);
  const auto mark = [](QWidget* w, bool changed) {
    if (w->property("changed").toBool() == changed) return;
    w->setProperty("changed", changed);
    w->setToolTip(w->toolTip().remove(QRegularExpression("\\s*\\(changed from the default\\)$")) +
                  (changed ? " (changed from the default)" : ""));
    w->style()->unpolish(w);
    w->style()->polish(w);
  };
  const auto differs = [](double a, double b) { return std::abs(a - b) > 1e-12 * std::max(1.0, std::abs(b)); };
  mark(model_, now.model.kind != ModelKind::Dcgan);
  mark(resolution_, now.model.resolution != d.model.resolution);
  mark(loss_, now.optim.loss != defaultOptim(now.model.kind, now.model.resolution).loss);
  mark(latent_dim_, now.model.latent_dim != d.model.latent_dim);
  mark(width_, now.model.g_width != d.model.g_width);
  mark(lr_g_, differs(now.optim.lr_g, d.optim.lr_g));
  mark(lr_d_, differs(now.optim.lr_d, d.optim.lr_d));
  mark(batch_, now.batch != d.batch);
  mark(d_steps_, now.optim.d_steps != d.optim.d_steps);
  mark(ema_kimg_, differs(now.optim.ema_kimg, d.optim.ema_kimg));
  mark(spectral_norm_, now.model.spectral_norm != d.model.spectral_norm);
  mark(minibatch_std_, now.model.minibatch_std != d.model.minibatch_std);
  mark(augment_, now.optim.augment != d.optim.augment);
  mark(steps_, now.total_steps != d.total_steps);
  mark(sample_every_, now.sample_every != d.sample_every);
  mark(seed_, now.seed != d.seed);
  mark(device_, now.device != d.device);
  mark(precision_, now.precision != d.precision);
}

TrainConfig TrainingPanel::config() const {
  TrainConfig c = base_;
  c.model.kind = ModelKind(model_->currentData().toInt());
  c.data.pairs = PairSource(pairs_->currentData().toInt());
  domain_b_->apply(c.data);
  c.model.resolution = c.data.resolution = resolution();
  c.optim.loss = LossKind(loss_->currentData().toInt());
  c.model.latent_dim = latent_dim_->value();
  c.model.g_width = c.model.d_width = width_->value();
  c.optim.lr_g = lr_g_->value();
  c.optim.lr_d = lr_d_->value();
  c.batch = batch_->value();
  c.optim.d_steps = d_steps_->value();
  c.optim.ema_kimg = ema_kimg_->value();
  c.model.spectral_norm = spectral_norm_->isChecked();
  c.model.minibatch_std = minibatch_std_->isChecked();
  c.data.hflip = hflip_->isChecked();
  c.optim.augment = AugmentKind(augment_->currentData().toInt());
  c.total_steps = steps_->value();
  c.sample_every = sample_every_->value();
  c.seed = uint64_t(seed_->value());
  c.device = device_->currentText().toStdString();
  c.precision = Precision(precision_->currentData().toInt());
  if (c.optim.loss == LossKind::WganGp || c.optim.loss == LossKind::Hinge) {
    c.optim.beta1 = 0.0;
    c.optim.beta2 = 0.9;
  }
  if (c.model.kind == ModelKind::Style && c.optim.loss == LossKind::NonSaturating) {
    // StyleGAN2's Adam betas and lazy R1 unless the config already sets a penalty.
    const OptimConfig style = defaultOptim(ModelKind::Style, c.model.resolution);
    c.optim.beta1 = style.beta1;
    c.optim.beta2 = style.beta2;
    if (c.optim.r1_gamma <= 0) c.optim.r1_gamma = style.r1_gamma;
  }
  return c;
}

void TrainingPanel::setConfig(const TrainConfig& c) {
  base_ = c;
  model_->setCurrentIndex(model_->findData(int(c.model.kind)));
  base_.optim.ada_target = c.optim.ada_target;  // the model switch above set the model's default
  base_.optim.reuse_fakes = c.optim.reuse_fakes;
  pairs_->setCurrentIndex(std::max(0, pairs_->findData(int(c.data.pairs))));
  pairs_->setEnabled(c.model.kind == ModelKind::Pix2Pix);
  domain_b_->set(c.data);
  domain_b_->setEnabled(c.model.kind == ModelKind::CycleGan);
  latent_dim_->setEnabled(!isTranslationModel(c.model.kind));
  resolution_->setCurrentIndex(std::max(0, resolution_->findData(c.model.resolution)));
  const QSignalBlocker block(loss_);  // keep the given rates and steps, not the loss presets
  loss_->setCurrentIndex(loss_->findData(int(c.optim.loss)));
  latent_dim_->setValue(c.model.latent_dim);
  width_->setValue(c.model.g_width);
  lr_g_->setValue(c.optim.lr_g);
  lr_d_->setValue(c.optim.lr_d);
  batch_->setValue(c.batch);
  d_steps_->setValue(c.optim.d_steps);
  ema_kimg_->setValue(c.optim.ema_kimg);
  spectral_norm_->setChecked(c.model.spectral_norm);
  minibatch_std_->setChecked(c.model.minibatch_std);
  hflip_->setChecked(c.data.hflip);
  augment_->setCurrentIndex(std::max(0, augment_->findData(int(c.optim.augment))));
  steps_->setValue(int(std::min<int64_t>(c.total_steps, 10000000)));
  sample_every_->setValue(c.sample_every);
  seed_->setValue(int(c.seed));
  device_->setCurrentText(QString::fromStdString(c.device));
  precision_->setCurrentIndex(std::max(0, precision_->findData(int(c.precision))));
  precision_->setEnabled(!isTranslationModel(c.model.kind));
}

int TrainingPanel::resolution() const { return resolution_->currentData().toInt(); }

void TrainingPanel::setRunning(bool running, bool paused) {
  start_->setEnabled(!running);
  pause_->setEnabled(running);
  stop_->setEnabled(running);
  if (running) seconds_per_step_ = 0;
  if (!running) {
    const QSignalBlocker block(pause_);
    pause_->setChecked(false);
    pause_->setText("Pause");
  }
  for (QWidget* w : std::initializer_list<QWidget*>{model_, resolution_, loss_, latent_dim_, width_, lr_g_, lr_d_,
                                                    batch_, d_steps_, ema_kimg_, spectral_norm_, minibatch_std_,
                                                    hflip_, augment_, steps_, sample_every_, seed_, device_})
    w->setEnabled(!running);
  precision_->setEnabled(!running && !isTranslationModel(ModelKind(model_->currentData().toInt())));
  pairs_->setEnabled(!running && model_->currentData().toInt() == int(ModelKind::Pix2Pix));
  domain_b_->setEnabled(!running && model_->currentData().toInt() == int(ModelKind::CycleGan));
  latent_dim_->setEnabled(!running && !isTranslationModel(ModelKind(model_->currentData().toInt())));
}

void TrainingPanel::setRunFolder(const QString& path) {
  run_folder_->setText(path.isEmpty() ? QString()
                                      : QString("Run folder: <a href=\"run\">%1</a>").arg(path.toHtmlEscaped()));
}

void TrainingPanel::showLoadProgress(qint64 done, qint64 total) {
  progress_->setRange(0, int(std::max<qint64>(1, total)));
  progress_->setValue(int(done));
  progress_->setFormat("decoding images %v / %m");
}

void TrainingPanel::showStep(const StepStats& s, int64_t total_steps) {
  progress_->setRange(0, int(std::max<int64_t>(1, total_steps)));
  progress_->setValue(int(std::min(s.step, total_steps)));
  progress_->setFormat(QString("step %1 / %2  (%p%)").arg(s.step).arg(total_steps));
  // Smooth the step time: one slow step (a checkpoint write) should not make the ETA jump.
  seconds_per_step_ = seconds_per_step_ <= 0 ? s.seconds : 0.9 * seconds_per_step_ + 0.1 * s.seconds;
  const double eta = seconds_per_step_ > 0 ? (total_steps - s.step) * seconds_per_step_ : -1;
  const QString augment = s.augmenting ? QString(" \u00B7 augment p %1").arg(s.augment_p, 0, 'f', 3) : QString();
  status_->setText(QString("%1 images/s \u00B7 %2 images seen%3 \u00B7 ETA %4")
                       .arg(s.images_per_second, 0, 'f', 1)
                       .arg(s.images_seen)
                       .arg(augment)
                       .arg(duration(eta)));
}

void TrainingPanel::showMessage(const QString& text) { status_->setText(text); }

void TrainingPanel::clearProgress(const QString& label) {
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(label);
  seconds_per_step_ = 0;
}

}  // namespace gs
