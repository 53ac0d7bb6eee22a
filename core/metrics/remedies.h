#pragma once
// The standard remedies an alarm offers, by short name, and what each changes in a TrainConfig, so the CLI and
// the desktop app can apply one in one click: continue from the last checkpoint where the networks still fit,
// else start a new run beside the old one.
#include <string>

#include "config.h"

namespace gs {

constexpr const char* kRemedyMinibatchStd = "mbstd";           // minibatch std-dev feature in D
constexpr const char* kRemedyWganGp = "wgan-gp";               // WGAN-GP loss with its usual optimiser settings
constexpr const char* kRemedySpectralNorm = "spectral-norm";   // spectral normalisation on every D layer
constexpr const char* kRemedyLowerLrD = "lower-lr-d";          // halve D's learning rate
constexpr const char* kRemedyLowerLr = "lower-lr";             // halve both learning rates
constexpr const char* kRemedyNonSaturating = "ns-loss";        // non-saturating G loss instead of minimax
constexpr const char* kRemedyRollback = "rollback";            // reload the last good checkpoint
constexpr const char* kRemedyAda = "ada";                      // adaptive discriminator augmentation

struct RemedyPlan {
  bool changed = false;               // the config differs (false: already in place, e.g. SN already on)
  bool continues_checkpoint = false;  // the networks still fit the last checkpoint: continue from it
  std::string description;            // what it does, one sentence
};

// Applies remedy `name` to `config`. Throws GanscopeError for an unknown name (listing the known ones).
RemedyPlan applyRemedy(const std::string& name, TrainConfig& config);

}  // namespace gs
