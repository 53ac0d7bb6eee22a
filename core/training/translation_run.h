#pragma once
// The training loop of an image-to-image model (pix2pix, CycleGAN), called by trainRun() for such configs after it
// has checked the run folder: the same run folder layout and callbacks as the latent models (config.json,
// metrics.jsonl with "l1" or "cycle"/"identity" fields, samples/, checkpoints/, rollback after NaN with an alarm in
// alarms.jsonl), with its own sample grid (training/translation_setup.h). No health or quality measures (they
// compare latent samples).
#include <functional>
#include <string>

#include "training/run_loop.h"

namespace gs {

class TranslationTrainer;

// after_step (tests): called after every step with the trainer, before its numbers are checked (to inject a
// fault); RunCallbacks::after_step, which takes the latent models' Trainer, is not called here.
RunResult trainTranslationRun(const TrainConfig& config, const std::string& run_dir, bool resume,
                              const std::string& resume_from, const RunCallbacks& cb,
                              const std::function<void(TranslationTrainer&)>& after_step = {});

}  // namespace gs
