// Remedies change what they name and say whether the last checkpoint still fits.
#include <gtest/gtest.h>

#include "metrics/remedies.h"
#include "util/error.h"

namespace gs {
namespace {

TEST(Remedies, LearningRateRemediesContinueFromTheCheckpoint) {
  TrainConfig c;
  const RemedyPlan plan = applyRemedy(kRemedyLowerLrD, c);
  EXPECT_TRUE(plan.changed);
  EXPECT_TRUE(plan.continues_checkpoint);
  EXPECT_DOUBLE_EQ(c.optim.lr_d, 1e-4);
  EXPECT_DOUBLE_EQ(c.optim.lr_g, 2e-4);
  applyRemedy(kRemedyLowerLr, c);
  EXPECT_DOUBLE_EQ(c.optim.lr_d, 5e-5);
  EXPECT_DOUBLE_EQ(c.optim.lr_g, 1e-4);
  c.optim.loss = LossKind::Minimax;
  EXPECT_TRUE(applyRemedy(kRemedyNonSaturating, c).continues_checkpoint);
  EXPECT_EQ(c.optim.loss, LossKind::NonSaturating);
}

TEST(Remedies, AdaTurnsOnAugmentationAndContinuesFromTheCheckpoint) {
  TrainConfig c;
  c.optim.augment = AugmentKind::None;
  c.optim.augment_p = 0.2;
  const RemedyPlan plan = applyRemedy(kRemedyAda, c);
  EXPECT_TRUE(plan.changed);
  EXPECT_TRUE(plan.continues_checkpoint);  // augmentation changes no network
  EXPECT_EQ(c.optim.augment, AugmentKind::Ada);
  EXPECT_LT(c.optim.augment_p, 0);  // adaptive
  EXPECT_FALSE(applyRemedy(kRemedyAda, c).changed);
}

TEST(Remedies, ArchitectureRemediesNeedANewRun) {
  for (const char* name : {kRemedyWganGp, kRemedySpectralNorm, kRemedyMinibatchStd}) {
    TrainConfig c;
    const RemedyPlan plan = applyRemedy(name, c);
    EXPECT_TRUE(plan.changed) << name;
    EXPECT_FALSE(plan.continues_checkpoint) << name;
    EXPECT_FALSE(plan.description.empty());
  }
  TrainConfig c;
  applyRemedy(kRemedyWganGp, c);
  EXPECT_EQ(c.optim.loss, LossKind::WganGp);
  EXPECT_EQ(c.optim.d_steps, 5);
  EXPECT_FALSE(applyRemedy(kRemedyWganGp, c).changed);  // already in place
}

TEST(Remedies, UnknownNameIsAClearError) {
  TrainConfig c;
  try {
    applyRemedy("more-cowbell", c);
    FAIL();
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("more-cowbell"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("wgan-gp"), std::string::npos);
  }
}

}  // namespace
}  // namespace gs
