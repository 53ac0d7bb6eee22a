#pragma once
// One configuration struct for a training run. It serialises to JSON and back (config.json in a run folder,
// inside every checkpoint); the command-line flags and the desktop panel both edit it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gs {

// Dcgan and Style map latents to images; Pix2Pix translates paired images A -> B (U-Net G, PatchGAN D on
// concat(A, B), Isola et al. 2017); CycleGan translates between two unpaired domains both ways (ResNet generators
// A -> B and B -> A, a PatchGAN per domain, cycle and identity losses; Zhu et al. 2017). See isTranslationModel().
enum class ModelKind { Dcgan, Style, Pix2Pix, CycleGan };
// Where the (A, B) pairs of an image-to-image model come from (data/paired_dataset.h): Auto takes A/ and B/
// subfolders matched by file name when `path` has both, else side-by-side images; SideBySide: each file holds A
// in its left half and B in its right; Folders: A/ and B/ subfolders; Edges: any image folder, A = Canny edges of
// each image, B = the image (as edges2shoes was built).
enum class PairSource { Auto, SideBySide, Folders, Edges };
// LeastSquares: LSGAN (Mao et al. 2017), CycleGAN's loss: D regresses real to 1 and fake to 0, G pulls fakes to 1.
enum class LossKind { Minimax, NonSaturating, WganGp, Hinge, LeastSquares };
enum class AspectPolicy { CenterCrop, Pad, Stretch };
enum class AlphaPolicy { Composite, Keep };
enum class ChannelPolicy { Auto, Gray, Rgb, Rgba };
// BatchNorm statistics of the EMA generator: copied from G, averaged like the weights, or recomputed for the
// averaged weights over a few batches of latents before it is used (as stochastic weight averaging does).
enum class EmaNorm { Copy, Average, Recompute };
// What D sees (training/augment.h): every image unchanged; ADA's "bgc" pipeline with its probability p adapted
// (or fixed); DiffAugment's colour, translation and cutout on every image. Auto (asked for, not the default): ADA
// for a dataset of fewer than
// kAutoAugmentImages images, else none (resolved when training starts; config.json holds the choice made).
enum class AugmentKind { Auto, None, Ada, DiffAug };
// Arithmetic of the training step (training/precision.h): Fp32; Bf16 runs the networks' convolutions and matrix
// products in bfloat16 under autocast (fp32 master weights, optimiser state and losses; no loss scaling); Auto
// picks per device and CPU (resolvePrecision in training/precision.h); config.json records the choice made.
enum class Precision { Auto, Fp32, Bf16 };
constexpr int64_t kAutoAugmentImages = 10000;

struct DataConfig {
  std::string path;                              // image folder, or an IDX file (MNIST format)
  int resolution = 64;                           // training resolution in pixels (square)
  ChannelPolicy channels = ChannelPolicy::Auto;  // Auto: gray when every image is gray, else RGB (RGBA if kept)
  AspectPolicy aspect = AspectPolicy::CenterCrop;  // what to do with non-square images
  AlphaPolicy alpha = AlphaPolicy::Composite;      // composite alpha onto `background`, or keep it as channel 4
  std::array<int, 3> background{255, 255, 255};    // RGB background for alpha compositing
  bool hflip = false;                              // random horizontal flips when batching (for data without a
                                                   // preferred orientation; off: Fashion-MNIST shoes face one way)
  int64_t max_pixels = 100000000;                  // refuse images larger than this (checked from the header)
  int64_t max_images = 0;                          // 0: use every usable image
  // Class labels for a conditional model (data/class_labels.h): from the immediate subfolders of `path` (one
  // class per subfolder, names sorted), or from `labels_file` (an IDX1 label file such as Fashion-MNIST's
  // train-labels-idx1-ubyte.gz; found beside the images when `path` is a Debian IDX folder).
  bool class_labels = false;
  std::string labels_file;
  // Image-to-image models only: where the pairs come from, and the direction (false: A -> B; true: B -> A).
  PairSource pairs = PairSource::Auto;
  bool reverse_pairs = false;
  // CycleGAN only: domain A is `path`, domain B is `path_b` (a folder or IDX file; unpaired, any count). With
  // `path_b` empty both domains come from `path`'s class labels: the images of class `class_a` and of `class_b`
  // (an index or a class name, e.g. Fashion-MNIST's "Sneaker" and "Ankle boot").
  std::string path_b;
  std::string class_a;
  std::string class_b;
};

struct ModelConfig {
  ModelKind kind = ModelKind::Dcgan;
  int latent_dim = 100;        // size of z
  int g_width = 64;            // generator width (ngf): channels of the last hidden layer
  int d_width = 64;            // discriminator width (ndf): channels of the first layer
  bool spectral_norm = false;  // spectral normalisation on every discriminator layer
  bool minibatch_std = false;  // minibatch standard-deviation feature before the discriminator's last block
  int channels = 0;            // image channels; 0 until the dataset decides (1, 3 or 4)
  int resolution = 64;         // output resolution: 32, 64, 128 or 256
  // Style-based generator only.
  int mapping_layers = 8;     // depth of the mapping network
  int w_dim = 0;              // width of w; 0: same as latent_dim
  // Class-conditional models: 0 for an unconditional one; else the classes the dataset decided (G takes a class
  // through conditional BatchNorm or the mapping network, D is a projection discriminator).
  int num_classes = 0;
  std::vector<std::string> class_names;  // num_classes names (folder names, or Fashion-MNIST's / "0".."9")
  // Image-to-image models: channels of the input image A (`channels` is the output B's); 0 until the data decides.
  int input_channels = 0;
};

struct OptimConfig {
  LossKind loss = LossKind::NonSaturating;
  double lr_g = 2e-4;       // generator learning rate
  double lr_d = 2e-4;       // discriminator learning rate
  double beta1 = 0.5;       // Adam beta1
  double beta2 = 0.999;     // Adam beta2
  int d_steps = 1;          // discriminator steps per generator step
  // G's step trains on the fakes of the last D step (one generator forward per step, as the PyTorch DCGAN example
  // and the reference loop do) instead of drawing new latents (StyleGAN's way). Off in a config from before.
  bool reuse_fakes = false;
  double gp_weight = 10.0;  // WGAN-GP gradient penalty weight
  double r1_gamma = 0.0;    // R1 penalty weight (0: off)
  int r1_interval = 16;     // lazy R1: apply every N discriminator steps, scaled by N
  double ema_kimg = 10.0;   // half-life of the generator EMA in thousands of images (0: EMA off)
  double ema_rampup = 0.05;  // StyleGAN2 ramp-up: half-life at most this share of the images seen (0: off)
  EmaNorm ema_norm = EmaNorm::Recompute;  // how the EMA generator gets its BatchNorm statistics
  // Augmentation of everything D sees (a config without these fields, from before, reads as none).
  AugmentKind augment = AugmentKind::None;  // none by default: see README "Augmentation"
  double ada_target = 0.6;   // ADA: p rises while r_t = E[sign(D(real))] is above this, falls while below
  double ada_kimg = 100.0;   // ADA: thousands of images for p to go from 0 to 1 (StyleGAN2-ADA: 500, for longer runs)
  double augment_p = -1.0;   // ADA: >= 0 fixes p (no adaptation); < 0: p adapts, starting from 0
  double l1_weight = 100.0;  // pix2pix: weight of the L1 term |G(A) - B| in G's loss (the paper's lambda)
  // CycleGAN: weight of the cycle losses |F(G(A)) - A| + |G(F(B)) - B|, of the identity losses |G(B) - B| +
  // |F(A) - A| as a share of the cycle weight (the paper's 0.5), and the image pool each D draws fakes from (50;
  // 0: the current batch's fakes only).
  double cycle_weight = 10.0;
  double identity_weight = 0.5;
  int pool_size = 50;
};

struct TrainConfig {
  DataConfig data;
  ModelConfig model;
  OptimConfig optim;
  int batch = 64;                // images per step
  uint64_t seed = 1;             // seeds weights, latents, shuffling and flips
  int64_t total_steps = 10000;   // generator steps to train for
  int log_every = 10;            // steps between metrics.jsonl lines
  int sample_every = 250;        // steps between sample grids
  int checkpoint_every = 1000;   // steps between checkpoints
  int keep_checkpoints = 3;      // keep the newest N checkpoints
  int grid_size = 8;             // fixed-latent sample grid is grid_size x grid_size
  std::string device = "auto";   // auto, cpu or cuda
  Precision precision = Precision::Auto;  // fp32 or bf16 autocast for the training step
  int threads = 0;               // CPU threads for LibTorch; 0: all cores
  int health_every = 250;        // steps between health measurements (diversity, duplicates; health.jsonl)
  int birthday_trials = 2;       // batches of 64 for the birthday support estimate per measurement (0: off)
  double nan_lr_scale = 0.5;     // after NaN/Inf, roll back to the last checkpoint and scale both rates by this
  int quality_every = 500;       // steps between quality measurements (SWD against held-aside reals; 0: off)
};

std::string toJson(const TrainConfig& config, int indent = 2);
// Throws GanscopeError naming the field when the JSON is malformed or a value is out of range.
TrainConfig trainConfigFromJson(const std::string& json);
// Checks ranges (resolution one of 32/64/128/256, positive batch, ...); throws GanscopeError.
void validate(const TrainConfig& config);

// Optimiser settings a new run of this model starts from when the user sets none: OptimConfig{} with ADA's target
// 0.8 for DCGAN; for the style-based generator StyleGAN2's Adam betas (0, 0.99), learning rate 2e-3, lazy R1 every
// 16 steps with gamma 1 (StyleGAN2's setting for 256 px; small images train with it too) and ADA's target 0.6.
OptimConfig defaultOptim(ModelKind kind, int resolution);

// Names used by the CLI and JSON ("ns", "minimax", "wgan-gp", "hinge"; "dcgan", "style"; ...).
std::string toString(LossKind v);
std::string toString(ModelKind v);
std::string toString(AspectPolicy v);
std::string toString(AlphaPolicy v);
std::string toString(ChannelPolicy v);
std::string toString(EmaNorm v);
std::string toString(AugmentKind v);
std::string toString(PairSource v);
std::string toString(Precision v);
LossKind parseLoss(const std::string& s);
ModelKind parseModel(const std::string& s);
AspectPolicy parseAspect(const std::string& s);
AlphaPolicy parseAlpha(const std::string& s);
ChannelPolicy parseChannels(const std::string& s);
EmaNorm parseEmaNorm(const std::string& s);
AugmentKind parseAugment(const std::string& s);
PairSource parsePairs(const std::string& s);
Precision parsePrecision(const std::string& s);
// True for the models that translate an input image (Pix2Pix, CycleGan) rather than draw from latents.
bool isTranslationModel(ModelKind kind);
// Auto made concrete for a dataset of `images` images (other kinds unchanged).
AugmentKind resolveAugment(AugmentKind kind, int64_t images);

// "" when both configs build the same networks; else e.g. "g_width 16 in the checkpoint, 32 here; ...".
std::string architectureMismatch(const TrainConfig& in_file, const TrainConfig& here);

// The index of class `text` of a conditional model: a number 0..num_classes-1 or a class name (exact, then
// case-insensitive). Throws GanscopeError naming the known classes, or saying the model is not conditional.
int classIndex(const ModelConfig& model, const std::string& text);

}  // namespace gs
