// Data-parallel building blocks without processes: the strided shard, the batch loader's shards (together they
// are exactly the global batch, across epoch boundaries and flips), sharded augmentation draws, and the
// environment / flag options.
#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>

#include <map>

#include "data/batch_loader.h"
#include "distributed/batch_shard.h"
#include "distributed/dist_options.h"
#include "training/augment.h"
#include "training/tiny_data.h"
#include "util/error.h"

namespace gs {
namespace {

TEST(BatchShard, TakesStridedRowsAndRefusesUnevenBatches) {
  const at::Tensor rows = at::arange(8);
  EXPECT_TRUE(at::equal(BatchShard{0, 2}.take(rows), at::tensor({0, 2, 4, 6}, at::kLong)));
  EXPECT_TRUE(at::equal(BatchShard{1, 2}.take(rows), at::tensor({1, 3, 5, 7}, at::kLong)));
  EXPECT_TRUE(at::equal(BatchShard{}.take(rows), rows));
  EXPECT_EQ(BatchShard({1, 4}).globalRow(2), 9);
  EXPECT_EQ(shardProblem(64, 2), "");
  EXPECT_NE(shardProblem(30, 4).find("does not split evenly over 4 ranks"), std::string::npos);
  EXPECT_NE(shardProblem(2, 4), "");
}

TEST(BatchShard, LoaderShardsInterleaveIntoTheGlobalBatch) {
  auto data = test::shapesDataset(/*n=*/10, /*res=*/32);  // batch 4 of 10 images crosses epoch boundaries
  BatchLoader whole(data, 4, /*seed=*/5, /*hflip=*/true, /*prefetch=*/0);
  BatchLoader r0(data, 4, 5, true, /*prefetch=*/2, BatchShard{0, 2});
  BatchLoader r1(data, 4, 5, true, /*prefetch=*/0, BatchShard{1, 2});
  for (int b = 0; b < 7; ++b) {
    const at::Tensor all = whole.next();
    const at::Tensor a = r0.next(), c = r1.next();
    ASSERT_EQ(a.size(0), 2);
    EXPECT_TRUE(at::equal(all.slice(0, 0, c10::nullopt, 2), a)) << "batch " << b;
    EXPECT_TRUE(at::equal(all.slice(0, 1, c10::nullopt, 2), c)) << "batch " << b;
  }
  // Positions are those of the global batch, so a checkpoint means the same at any world size.
  EXPECT_EQ(r0.position().epoch, whole.position().epoch);
  EXPECT_EQ(r1.position().index, whole.position().index);
  EXPECT_THROW(BatchLoader(data, 5, 5, false, 0, BatchShard{0, 2}), GanscopeError);
}

TEST(BatchShard, AugmentationDrawsForTheGlobalBatch) {
  auto data = test::shapesDataset(8, 32);
  BatchLoader loader(data, 8, 3, false, 0);
  const at::Tensor x = loader.next();
  at::Generator g_all = at::detail::createCPUGenerator(11);
  const at::Tensor all = diffAugment(x, g_all);
  for (int r = 0; r < 2; ++r) {
    at::Generator g = at::detail::createCPUGenerator(11);
    const BatchShard shard{r, 2};
    const at::Tensor part = diffAugment(shard.take(x), g, shard);
    EXPECT_TRUE(at::allclose(part, shard.take(all))) << "rank " << r;
    // Every rank's generator advanced as the single process's did.
    EXPECT_TRUE(at::equal(g.get_state(), g_all.get_state()));
  }
}

TEST(DistOptions, ReadsTheTorchrunEnvironment) {
  std::map<std::string, std::string> env{{"WORLD_SIZE", "4"}, {"RANK", "3"}, {"LOCAL_RANK", "1"},
                                         {"MASTER_ADDR", "node7"}, {"MASTER_PORT", "29400"}};
  auto get = [&env](const char* k) -> const char* {
    auto it = env.find(k);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  DistOptions o = distOptionsFromEnv(get);
  EXPECT_EQ(o.world_size, 4);
  EXPECT_EQ(o.rank, 3);
  EXPECT_EQ(o.local_rank, 1);
  EXPECT_EQ(o.master_addr, "node7");
  EXPECT_EQ(o.master_port, 29400);
  EXPECT_NO_THROW(validate(o));

  o.rank = 4;
  try {
    validate(o);
    FAIL() << "rank 4 of 4 accepted";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("rank 4 is outside a world of 4"), std::string::npos) << e.what();
  }
  env["MASTER_ADDR"] = "";
  env["RANK"] = "0";
  try {
    validate(distOptionsFromEnv(get));
    FAIL() << "no MASTER_ADDR accepted";
  } catch (const GanscopeError& e) {
    EXPECT_NE(std::string(e.what()).find("MASTER_ADDR"), std::string::npos) << e.what();
  }
  env["WORLD_SIZE"] = "two";
  EXPECT_THROW(distOptionsFromEnv(get), GanscopeError);
  EXPECT_EQ(distOptionsFromEnv([](const char*) -> const char* { return nullptr; }).world_size, 1);
  EXPECT_EQ(parseDistBackend("gloo"), DistBackend::Gloo);
  EXPECT_THROW(parseDistBackend("mpi"), GanscopeError);
}

}  // namespace
}  // namespace gs
