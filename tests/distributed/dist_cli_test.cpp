// Data-parallel ganscope-cli end to end on 127.0.0.1 with Gloo: 2 ranks x 32 step the same weights as 1 process x
// 64; --nproc 2 trains a run folder that resumes exactly at the same world size and continues at another; a
// killed rank stops the other with its rank named and the last checkpoint intact; a bad MASTER_ADDR and a port
// in use are clear errors. Tiny models: every run takes a few seconds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <torch/serialize/archive.h>

#include <chrono>
#include <cmath>
#include <regex>
#include <thread>

#include "cli_fixture.h"
#include "models/networks.h"
#include "training/checkpoint.h"

namespace gs {
namespace {

class DistCli : public CliFixture {
 protected:
  // Style model (no BatchNorm; its minibatch-stddev groups stay within a rank), DiffAugment on everything D sees
  // (per-image draws), lazy R1 at step 0: every per-row random draw and every penalty goes through the shards.
  static Args styleArgs(const std::string& run, int steps) {
    return {"train", "--data", *dir_ / "data", "--out", run, "--res", "32", "--model", "style", "--g-width", "8",
            "--d-width", "8", "--nz", "16", "--mapping-layers", "2", "--batch", "64", "--steps",
            std::to_string(steps), "--device", "cpu", "--threads", "1", "--augment", "diffaug", "--log-every", "1",
            "--checkpoint-every", "1", "--quality-every", "0", "--sample-every", "1000", "--health-every", "1000"};
  }
  static Args with(Args a, std::initializer_list<const char*> more) {
    for (const char* m : more) a.push_back(m);
    return a;
  }

  struct Nets {
    std::vector<at::Tensor> g, d;
  };
  // The raw G's and D's parameters in a full checkpoint.
  static Nets weights(const std::string& checkpoint) {
    const CheckpointFile file = readCheckpointFile(checkpoint);
    torch::serialize::InputArchive archive, g_archive;
    archiveFromBytes(archive, file.blob, checkpoint, "cpu");
    auto g = makeGenerator(file.header.config.model);
    archive.read("G", g_archive);
    g->load(g_archive);
    Nets n;
    for (const auto& p : g->parameters()) n.g.push_back(p.detach().clone());
    for (const auto& p : loadDiscriminatorFile(checkpoint)->parameters()) n.d.push_back(p.detach().clone());
    return n;
  }
  static double maxDiff(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b) {
    EXPECT_EQ(a.size(), b.size());
    double m = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) m = std::max(m, (a[i] - b[i]).abs().max().item<double>());
    return m;
  }
  // Elements of a and b further apart than `tol`. Adam's first steps move each weight by about lr * sign(gradient),
  // so a weight whose gradient is within float rounding of zero may move either way in two exact computations.
  static int64_t countApart(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b, double tol,
                            int64_t* total = nullptr) {
    int64_t n = 0, all = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      n += ((a[i] - b[i]).abs() > tol).sum().item<int64_t>();
      all += a[i].numel();
    }
    if (total) *total = all;
    return n;
  }
  struct Running {
    pid_t launcher = -1, rank1 = -1;
    std::string err;  // the launcher's stderr file
  };
  // Starts a long --nproc 2 run and returns once rank 0 has logged 3 steps, with rank 1's pid from the
  // launcher's report.
  static Running startTwoRanks(const std::string& run, std::initializer_list<const char*> more) {
    Args args = with(with(trainArgs(run, 1000000), {"--batch", "16", "--nproc", "2", "--log-every", "1",
                                                   "--checkpoint-every", "2", "--quality-every", "0"}), more);
    args.insert(args.begin(), GANSCOPE_CLI_PATH);
    Running r;
    r.err = run + ".err";
    r.launcher = test::startProcess(args, run + ".out", r.err);
    for (int i = 0; i < 600 && (r.rank1 < 0 || metrics(run).size() < 3); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::smatch found;
      const std::string text = readFile(r.err);
      if (std::regex_search(text, found, std::regex("rank 1 of 2 \\(pid ([0-9]+)\\)")))
        r.rank1 = std::stoi(found[1]);
    }
    EXPECT_GT(r.rank1, 0) << readFile(r.err);
    EXPECT_GE(metrics(run).size(), 3u) << readFile(r.err);
    return r;
  }
  static void expectNear(double a, double b, double tol, const char* what, int64_t step) {
    EXPECT_NEAR(a, b, tol * std::max(1.0, std::abs(b))) << what << " at step " << step;
  }
};

TEST_F(DistCli, TwoRanksOfHalfTheBatchStepLikeOneProcess) {
  const std::string one = *dir_ / "one", two = *dir_ / "two";
  // fp32: the bounds below are float rounding's (bf16's, on a CPU where auto picks it, are some 100x wider).
  auto r = cli(with(styleArgs(one, 2), {"--precision", "fp32"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli(with(styleArgs(two, 2), {"--nproc", "2", "--precision", "fp32"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("data-parallel: 2 ranks x 32 (gloo)"), std::string::npos) << r.out;

  // The step's numbers are over the global batch: losses, D outputs, penalties and the averaged gradients' norms.
  const auto m1 = metrics(one), m2 = metrics(two);
  ASSERT_EQ(m1.size(), 2u);
  ASSERT_EQ(m2.size(), 2u);
  // Step 1 to float rounding (amplified a little by Adam: G's step sees D after its first update); step 2 starts
  // from weights that Adam's first step may have moved apart (below), so it is held to a looser bound.
  for (size_t i = 0; i < m1.size(); ++i) {
    const double tol = i == 0 ? 1e-4 : 1e-3;
    EXPECT_EQ(m2[i].images_seen, m1[i].images_seen);
    expectNear(m2[i].g_loss, m1[i].g_loss, tol, "g_loss", m1[i].step);
    expectNear(m2[i].d_loss, m1[i].d_loss, tol, "d_loss", m1[i].step);
    expectNear(m2[i].penalty, m1[i].penalty, tol, "R1 penalty", m1[i].step);
    expectNear(m2[i].d_real, m1[i].d_real, tol, "D(x)", m1[i].step);
    expectNear(m2[i].d_fake, m1[i].d_fake, tol, "D(G(z))", m1[i].step);
    expectNear(m2[i].g_grad_norm, m1[i].g_grad_norm, tol, "G gradient norm", m1[i].step);
    expectNear(m2[i].d_grad_norm, m1[i].d_grad_norm, tol, "D gradient norm", m1[i].step);
  }
  EXPECT_GT(m1[0].penalty, 0.0);  // R1 ran, so it was compared

  // Weights: Adam's first step moves each weight by about lr * sign(gradient), so a weight whose gradient is within
  // float rounding of zero may go either way (a handful of G's 81k after step 1); everything else agrees to 1e-4.
  const RunPaths p1{one}, p2{two};
  for (int64_t step : {1, 2}) {
    const Nets a = weights(p1.checkpointFile(step)), b = weights(p2.checkpointFile(step));
    int64_t g_total = 0, d_total = 0;
    const int64_t g_apart = countApart(a.g, b.g, 1e-4, &g_total), d_apart = countApart(a.d, b.d, 1e-4, &d_total);
    std::printf("after step %lld: G max diff %.3g, %lld of %lld weights apart by > 1e-4; D max diff %.3g, %lld of "
                "%lld\n", static_cast<long long>(step), maxDiff(a.g, b.g), static_cast<long long>(g_apart),
                static_cast<long long>(g_total), maxDiff(a.d, b.d), static_cast<long long>(d_apart),
                static_cast<long long>(d_total));
    const double share = step == 1 ? 1e-3 : 2e-2;
    EXPECT_LE(g_apart, static_cast<int64_t>(share * g_total)) << "G after step " << step;
    EXPECT_LE(d_apart, static_cast<int64_t>(share * d_total)) << "D after step " << step;
    EXPECT_LT(maxDiff(a.g, b.g), 2.5 * 2e-3) << "G after step " << step;  // never more than Adam's step
    EXPECT_LT(maxDiff(a.d, b.d), 2.5 * 2e-3) << "D after step " << step;
  }
}

TEST_F(DistCli, NprocTrainsResumesExactlyAndContinuesAtAnotherWorldSize) {
  const std::string straight = *dir_ / "straight", split = *dir_ / "split";
  auto dcgan = [](const std::string& run, int steps) {
    // One thread per rank: two ranks of two threads on two cores can reorder a sum (about 1e-8 after 8 steps).
    return with(trainArgs(run, steps), {"--batch", "16", "--nproc", "2", "--threads", "1", "--log-every", "2",
                                        "--checkpoint-every", "4", "--sample-every", "4", "--quality-every", "0",
                                        "--augment", "ada"});
  };
  auto r = cli(dcgan(straight, 8));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("data-parallel: 2 ranks x 8 (gloo)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("done: 8 steps"), std::string::npos) << r.out;
  // One writer: the run folder is what a one-process run leaves, so the app follows it the same way.
  const RunPaths paths{straight};
  auto m = metrics(straight);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m.back().step, 8);
  EXPECT_EQ(m.back().images_seen, 8 * 16);
  EXPECT_EQ(listCheckpoints(straight), (std::vector<std::string>{paths.checkpointFile(4), paths.checkpointFile(8)}));
  EXPECT_EQ(listSamples(straight), (std::vector<std::string>{paths.sampleFile(4), paths.sampleFile(8)}));
  EXPECT_EQ(listSnapshots(straight).size(), 1u);

  // 4 steps, then resumed with 2 ranks to 8: the same weights as 8 steps straight.
  r = cli(dcgan(split, 4));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = cli({"train", "--out", split, "--resume", "--steps", "8", "--nproc", "2", "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const Nets a = weights(paths.checkpointFile(8)), b = weights(RunPaths{split}.checkpointFile(8));
  EXPECT_EQ(maxDiff(a.g, b.g), 0.0);
  EXPECT_EQ(maxDiff(a.d, b.d), 0.0);

  // And on in one process: the global batch, data order and latents carry on.
  r = cli({"train", "--out", split, "--resume", "--steps", "10"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("data-parallel"), std::string::npos);
  m = metrics(split);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m.back().step, 10);
  EXPECT_EQ(m.back().images_seen, 10 * 16);
}

TEST_F(DistCli, AKilledRankIsNamedAndTheCheckpointStaysUsable) {
  const std::string run = *dir_ / "killed";
  const Running r = startTwoRanks(run, {});
  const pid_t rank1 = r.rank1;
  const std::string err = r.err;
  ASSERT_GT(rank1, 0);  // never kill(-1, ...)
  ASSERT_EQ(::kill(rank1, SIGKILL), 0);

  const int code = test::waitProcess(r.launcher, /*timeout_s=*/90);
  const std::string text = readFile(err);
  EXPECT_NE(code, 0) << text;
  EXPECT_NE(text.find("rank 1 (pid " + std::to_string(rank1) + ") was killed by signal 9"), std::string::npos)
      << text;
  EXPECT_NE(text.find("rank 0: all-reduce failed: rank 1 stopped responding"), std::string::npos) << text;
  const auto checkpoints = listCheckpoints(run);
  ASSERT_FALSE(checkpoints.empty());
  EXPECT_NO_THROW(readCheckpointFile(checkpoints.back()));
  EXPECT_NO_THROW(weights(checkpoints.back()));
}

TEST_F(DistCli, AFrozenRankIsNamedAfterTheTimeout) {
  const std::string run = *dir_ / "frozen";
  const Running r = startTwoRanks(run, {"--dist-timeout", "3"});
  ASSERT_GT(r.rank1, 0);  // never kill(-1, ...)
  ASSERT_EQ(::kill(r.rank1, SIGSTOP), 0);
  // Rank 0 waits out the timeout, sees rank 1's heartbeat stopped, and says so.
  const std::string expected = "rank 0: all-reduce failed: rank 1 stopped responding";
  std::string text;
  for (int i = 0; i < 600 && text.find(expected) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    text = readFile(r.err);
  }
  ::kill(r.rank1, SIGKILL);  // a frozen process never exits by itself; the launcher would kill it 15 s later
  ::kill(r.rank1, SIGCONT);
  EXPECT_NE(test::waitProcess(r.launcher, /*timeout_s=*/60), 0);
  EXPECT_NE(text.find(expected), std::string::npos) << readFile(r.err);
}

TEST_F(DistCli, BadAddressAndPortInUseAreClearErrors) {
  const std::string run = *dir_ / "bad";
  auto r = cli(with(trainArgs(run, 2), {"--world-size", "2", "--rank", "1", "--master-addr", "no-such-host.invalid"}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("MASTER_ADDR 'no-such-host.invalid' cannot be resolved"), std::string::npos) << r.err;

  // Something listens on the port rank 0 would host the rendezvous on.
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ASSERT_EQ(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(s, 1), 0);
  ASSERT_EQ(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len), 0);
  const std::string port = std::to_string(ntohs(a.sin_port));
  r = cli(with(trainArgs(run, 2),
               {"--world-size", "2", "--rank", "0", "--master-addr", "127.0.0.1", "--master-port", port.c_str()}));
  ::close(s);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("MASTER_PORT " + port + " is already in use"), std::string::npos) << r.err;

  // And the batch must split evenly over the ranks.
  r = cli(with(trainArgs(run, 2), {"--batch", "9", "--nproc", "2"}));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("does not split evenly over 2 ranks"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gs
