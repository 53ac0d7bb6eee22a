// Help texts of ganscope-cli and its commands.
#include "options.h"

namespace gs::cli {

const char* mainUsage() {
  return R"(ganscope-cli: train and sample GANs from the command line

usage: ganscope-cli COMMAND [flags]

commands:
  train             train a GAN into a run folder (or --resume one)
  sample            render images from a checkpoint
  video             render a latent walk or a direction sweep (MP4 or animated PNG) from a checkpoint
  export-generator  write a small generator-only file from a checkpoint
  info              show a checkpoint's config, step and fingerprint
  health            measure a checkpoint's diversity, near-duplicates and support size against its data
  data              check a dataset: images used, files skipped and why
  project           find a picture in a generator: the latent that reproduces it, for sample --latent
  translate         turn images into others with an image-to-image (pix2pix, cyclegan) checkpoint

ganscope-cli COMMAND --help shows the flags of a command; --help-all shows every command's, --version the
version.
)";
}

const char* trainUsage() {
  return R"(usage: ganscope-cli train --data DIR|IDX --out RUN [flags]
       ganscope-cli train --out RUN --resume [--steps N]

data:
  --data DIR|IDX        image folder (recursive) or MNIST-style IDX file (.gz ok)
  --res N               training resolution: 32, 64, 128 or 256 (default 64)
  --channels C          auto, gray, rgb or rgba (default auto)
  --aspect A            non-square images: crop, pad or stretch (default crop)
  --alpha A             transparency: composite onto --background, or keep (default composite)
  --background R,G,B    background for compositing (default 255,255,255)
  --flip                random horizontal flips (default off: for data without a preferred orientation)
  --no-flip             no random horizontal flips (the default)
  --max-images N        use at most N images (default 0: all)
  --conditional         class-conditional model: each image's class is its immediate subfolder of --data
                        (DATA/CLASS/...), or, for IDX data, the label file beside the images
                        (train-labels-idx1-ubyte.gz); G gets conditional BatchNorm (DCGAN) or a class
                        embedding in its mapping network (style), D is a projection discriminator
  --labels FILE         IDX label file for IDX images (implies --conditional)
  --pairs P             pix2pix: where the (A, B) pairs come from: auto (A/ and B/ subfolders matched by file
                        name when DIR has both, else side-by-side), side-by-side (each file is A|B), folders,
                        or edges (any image folder: A = Canny edges of each image, B = the image)
  --direction D         pix2pix: a-to-b (default) or b-to-a
  --data-b DIR|IDX      cyclegan: the second, unpaired domain (B); --data is A
  --class-a C, --class-b C
                        cyclegan without --data-b: A and B are two classes of the labelled --data (a number
                        or a name, e.g. Sneaker and "Ankle boot" of Fashion-MNIST; --labels FILE for IDX data
                        whose label file is not beside it)
model:
  --model M             dcgan, style, pix2pix or cyclegan (default dcgan; style: StyleGAN2-like, its own
                        defaults below; pix2pix: U-Net G and PatchGAN D translating A to B; cyclegan: ResNet
                        generators A -> B and B -> A, a PatchGAN per domain, lsgan loss; neither has an EMA
                        or augmentation)
  --mapping-layers N    style: depth of the mapping network (default 8)
  --w-dim N             style: width of w (default 0: same as --nz)
  --nz N                latent size (default 100)
  --g-width N           generator width (default 64)
  --d-width N           discriminator width (default 64)
  --spectral-norm       spectral normalisation on every discriminator layer
  --mbstd               minibatch standard-deviation feature in the discriminator
training:
  --loss L              ns, minimax, wgan-gp, hinge or lsgan (default ns; cyclegan lsgan)
  --batch N             images per step (default 64)
  --steps N             generator steps in total (default 10000)
  --lr-g X, --lr-d X    learning rates (default 2e-4; style 2e-3)
  --beta1 X, --beta2 X  Adam betas (default 0.5, 0.999; style 0, 0.99)
  --d-steps K           discriminator steps per generator step (default 1)
  --g-fakes M           G's step on the last D step's fakes (reuse) or new latents (fresh; default reuse;
                        style fresh)
  --r1 GAMMA            R1 penalty weight, lazy every 16 steps (default 0: off; style 1)
  --l1 LAMBDA           pix2pix: weight of the L1 term |G(A) - B| (default 100)
  --cycle LAMBDA        cyclegan: weight of the cycle terms |F(G(A)) - A| + |G(F(B)) - B| (default 10)
  --identity X          cyclegan: identity terms |G(B) - B| + |F(A) - A| at X times --cycle (default 0.5)
  --pool N              cyclegan: each D sees fakes through a pool of the last N (default 50; 0: none)
  --ema-kimg X          generator EMA half-life in thousands of images (default 10; 0: off)
  --ema-rampup X        EMA half-life at most X times the images seen so far (default 0.05; 0: off)
  --ema-norm M          EMA BatchNorm statistics: recompute, average or copy (default recompute)
  --augment A           what D sees: none (default), ada (adaptive discriminator augmentation, StyleGAN2-ADA's
                        bgc pipeline), diffaug (DiffAugment: colour, translation, cutout on every image) or
                        auto (ada when the data has fewer than 10000 images, else none)
  --ada-target X        ADA: target of r_t = E[sign(D(real))]; p rises above it, falls below (default 0.8;
                        style 0.6, StyleGAN2-ADA's)
  --ada-kimg X          ADA: thousands of images for p to go from 0 to 1 (default 100; StyleGAN2-ADA 500)
  --augment-p P         ADA with a fixed probability P in [0, 1) instead of adapting it (implies --augment ada)
  --seed S              seeds weights, latents, shuffling and flips (default 1)
  --device D            auto, cpu or cuda (default auto)
  --threads N           CPU threads (default 0: all cores)
  --precision P         auto, fp32 or bf16: bf16 runs the networks' convolutions and matrix products in
                        bfloat16 (autocast; weights, optimiser and losses stay fp32). auto: bf16 for dcgan on a
                        CPU with AVX512-BF16 or AMX (1.5x faster, same FID), else fp32 (default auto; config.json
                        records the choice)
run folder:
  --out RUN             run folder: config.json, metrics.jsonl, samples/, checkpoints/
  --log-every N         steps between metrics lines (default 10)
  --sample-every N      steps between sample grids (default 250)
  --checkpoint-every N  steps between checkpoints (default 1000)
  --keep N              keep the newest N checkpoints (default 3)
  --health-every N      steps between health measurements, health.jsonl (default 250)
  --birthday-trials N   batches of 64 for the birthday support estimate per measurement (default 2; 0: off)
  --quality-every N     steps between quality measurements, quality.jsonl (default 500; 0: off)
  --nan-lr-scale X      on NaN/Inf: roll back to the last checkpoint, rates times X (default 0.5; 1: same)
  --config FILE         start from a config.json (flags override it)
  --resume              continue RUN from its newest checkpoint; only --steps, --data, --device, --threads,
                        --precision, the run folder intervals and the data-parallel flags may change
data-parallel (several processes; --batch is the global batch, split evenly over the ranks):
  --nproc N             start N ranks on this machine (127.0.0.1, a free port) and wait for them; CPU threads
                        are shared out (--threads defaults to cores / N)
  --world-size N        ranks in the run (default: $WORLD_SIZE, else 1)
  --rank R              this process's rank, 0..N-1; rank 0 writes the run folder (default: $RANK, else 0)
  --local-rank R        this process's rank on its machine, picks the GPU (default: $LOCAL_RANK, else 0)
  --master-addr HOST    rank 0's host, where the rendezvous store runs (default: $MASTER_ADDR)
  --master-port PORT    its port (default: $MASTER_PORT, else 29500)
  --dist-backend B      auto, gloo or nccl (default auto: nccl when every rank trains on CUDA, else gloo)
  --dist-timeout S      seconds a rank may wait for the others before the run stops naming the rank (default 60)
  torchrun, Slurm and Kubernetes set WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR and MASTER_PORT; the run folder
  (and the data) must be at the same path on every machine, on a filesystem every rank sees.

Ctrl-C writes a checkpoint and stops; resume with --resume. Alarms (mode collapse, discriminator wins,
oscillation, non-finite numbers) are printed on their own line as they are raised.
)";
}

const char* healthUsage() {
  return R"(usage: ganscope-cli health --checkpoint FILE [--data DIR|IDX] [flags]

  --checkpoint FILE   full checkpoint (.gsck): its generator, discriminator and fixed sample grid
  --data DIR|IDX      the training data (default: the path stored in the checkpoint)
  --trials N          batches of 64 for the birthday support estimate (default 8; 0: skip)
  --real N            real images to compare with (default 64)

Prints the diversity ratios (pixels, D features), the near-duplicate groups of the grid's cells (row-major),
the birthday estimate of the support size, histograms of D's outputs and the closest training image.
)";
}

const char* videoUsage() {
  return R"(usage: ganscope-cli video --checkpoint FILE --out walk.mp4|walk.png [flags]
       ganscope-cli video --checkpoint FILE --out sweep.mp4 --sweep K [--seeds A,B] [flags]

  --checkpoint FILE   checkpoint (.gsck) or generator file (.gsgen)
  --out FILE          .mp4 (MPEG-4 video) or .png (animated PNG, lossless, plays in browsers)
  --seeds A,B,...     latent seeds the walk visits in order (default 0,1,2,3)
  --frames N          frames from each seed to the next (default 48)
  --fps N             frames per second (default 24)
  --no-loop           stop at the last seed instead of returning to the first
  --scale N           nearest-neighbour upscaling (default: to at least 256 px)
  --truncation PSI    0 to 1 (default 1: no truncation)
  --style JSON|FILE   style-based generators: style controls, as for sample
  --directions EDIT   edit along the explorer's directions, as for sample
  --sweep K           instead of walking: sweep edit direction K (0 = strongest) out to +sigma, through the start
                      to -sigma and back, for each of --seeds in turn (GANSpace's videos)
  --sigma S           sweep amplitude in standard deviations (default 3)

The walk is spherical (slerp) between the seeds' latents. The file is labelled AI-generated with its recipe:
tEXt chunks in an animated PNG, the comment and description fields of an MP4.
)";
}

const char* sampleUsage() {
  return R"(usage: ganscope-cli sample --checkpoint FILE (--out grid.png | --out-dir DIR) [flags]

  --checkpoint FILE   checkpoint (.gsck) or generator file (.gsgen)
  --n N               number of images (default 64, or all cells of --grid)
  --seed S            image i uses latent seed S + i (default 0)
  --truncation PSI    0 to 1 (default 1: no truncation)
  --grid CxR          grid columns x rows for --out (default: near-square)
  --class K|NAME      class-conditional models: every image of this class (index or name, e.g. 3 or Dress);
                      without it --out draws one row per class (C columns from --grid or --n, default 8;
                      column j uses seed S + j in every row) and --out-dir gives image i class i mod K
  --out FILE.png      one grid image
  --out-dir DIR       N single images sample_0000.png, sample_0001.png, ...
  --style JSON|FILE   style-based generators: the explorer's style controls (mixing with latent B, per-layer
                      truncation and noise, noise seed, w edits), as the JSON an exported PNG records under
                      "Style controls", or a file holding it
  --directions EDIT   move along the explorer's edit directions (GANSpace for style generators, SeFa for DCGAN):
                      DIRECTION:SIGMAS pairs, then @FIRST-LAST synthesis layers, e.g. 0:+2.5,3:-1@2-6, as an
                      exported PNG records it under "Directions"
  --latent Z|FILE     render this one latent instead of seeds: comma-separated values as an exported PNG
                      records them under "Latent" (or a JSON array, or a file holding either)

Images carry PNG metadata: AI-generated, seed, truncation, style controls, model fingerprint, step.
)";
}

const char* projectUsage() {
  return R"(usage: ganscope-cli project --checkpoint FILE --image IMG --out latent.json [flags]

Finds the latent whose image reproduces IMG (projection, as StyleGAN2's projector does): Adam on z (DCGAN) or
on w / w+ (style generators), with a pixel loss at full, 1/2 and 1/4 resolution and, when FILE is a full
checkpoint (.gsck), matching of the discriminator's features. IMG is prepared as the training images were.

  --checkpoint FILE   checkpoint (.gsck) or generator file (.gsgen)
  --image IMG         the picture to find (PNG, JPEG, BMP, WebP, TIFF)
  --out FILE.json     the latent found; `ganscope-cli sample --checkpoint FILE --latent FILE.json` renders it
  --steps N           optimiser steps (default 300)
  --space S           z, w or w+ (default: w for style generators, z for DCGAN)
  --seed S            z: the first of the seeds tried; w: the anchor z the explorer starts from (default 0)
  --save-image FILE   also write the result image (PNG with its recipe)
)";
}

const char* infoUsage() {
  return R"(usage: ganscope-cli info --checkpoint FILE

Prints the checkpoint's step, dataset fingerprint and training config (JSON).
)";
}

const char* exportUsage() {
  return R"(usage: ganscope-cli export-generator --checkpoint FILE --out FILE.gsgen

Writes the (EMA) generator alone: a small file for sampling and exploring, not for resuming training.
)";
}

const char* dataUsage() {
  return R"(usage: ganscope-cli data --data DIR|IDX [--res N] [--channels C] [--aspect A] [--alpha A]
                        [--background R,G,B] [--max-images N] [--conditional] [--labels FILE]
                        [--pairs P] [--direction D]

Loads the dataset as training would and prints what was used and what was skipped, with reasons; with
--conditional (or --labels) also the classes and their image counts; with --pairs (or --direction) the image
pairs a pix2pix run would train on, and the pairs skipped and why.
)";
}

const char* translateUsage() {
  return R"(usage: ganscope-cli translate --checkpoint FILE --input IMG|DIR --out OUT.png|DIR [--from-photo]
                                [--direction a2b|b2a]

Translates images with an image-to-image (pix2pix, cyclegan) checkpoint: each input is laid out as training
laid out the generator's input (resolution, channels, aspect) and its output is written as a PNG carrying the
AI-generated label and the recipe (checkpoint, step, direction, the input's name and fingerprint).

  --checkpoint FILE     a pix2pix or cyclegan checkpoint (RUN/checkpoints/step_*.gsck)
  --input IMG|DIR       one image, or a folder of images (recursive)
  --out OUT             the output PNG for one image; a folder for a folder (same relative names, .png)
  --from-photo          edges models (--pairs edges): turn each input into its Canny edge map first, as
                        training did, instead of taking it as a line drawing
  --direction D         cyclegan: a2b (default; G: A -> B) or b2a (F: B -> A)
)";
}

}  // namespace gs::cli
