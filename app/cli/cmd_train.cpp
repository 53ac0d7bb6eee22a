// `ganscope-cli train`: a run folder from the command line, with a progress line and a clean Ctrl-C.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "data/image_dataset.h"
#include "metrics/health_record.h"
#include "options.h"
#include "progress_bar.h"
#include "train_dist.h"
#include "training/checkpoint.h"
#include "training/precision.h"
#include "training/run_folder.h"
#include "training/run_loop.h"
#include "util/atomic_file.h"
#include "util/device.h"

namespace gs::cli {
namespace {

std::atomic<bool> g_stop{false};

// First Ctrl-C: finish the step, checkpoint, exit 0. Second: quit at once (nothing more is written).
extern "C" void onSignal(int) {
  if (g_stop.exchange(true)) _exit(130);
  const char msg[] = "\nstopping: writing a checkpoint (press Ctrl-C again to quit without one)\n";
  const ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)ignored;
}

void installSignalHandlers() {
  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// The config a resumed run starts from, so flags not given keep the run's values.
TrainConfig storedConfig(const std::string& run_dir) {
  const RunPaths paths{run_dir};
  if (std::filesystem::exists(paths.config())) return readRunConfig(run_dir);
  const auto checkpoints = listCheckpoints(run_dir);
  if (!checkpoints.empty()) return readCheckpointConfig(checkpoints.back());
  return {};  // trainRun explains what is missing
}

std::string describeRun(const TrainConfig& c) {
  char buf[320];
  std::snprintf(buf, sizeof buf, "%s %d px, %d channel(s), flips %s, loss %s, augment %s, batch %d, %lld steps, on %s",
                toString(c.model.kind).c_str(), c.model.resolution, c.model.channels, c.data.hflip ? "on" : "off",
                toString(c.optim.loss).c_str(), toString(c.optim.augment).c_str(), c.batch,
                static_cast<long long>(c.total_steps), describeDevice(selectDevice(c.device)).c_str());
  std::string out = buf;
  out += ", " + describePrecision(c.precision, selectDevice(c.device), cpuBf16Support());
  if (c.data.class_labels) out += ", conditional";
  if (c.model.num_classes > 0) out += " on " + std::to_string(c.model.num_classes) + " classes";
  if (c.model.kind == ModelKind::CycleGan) {
    std::snprintf(buf, sizeof buf, ", cycle weight %g, identity %g x cycle, pool %d", c.optim.cycle_weight,
                  c.optim.identity_weight, c.optim.pool_size);
    out += buf;
  } else if (isTranslationModel(c.model.kind)) {
    std::snprintf(buf, sizeof buf, ", pairs %s%s, input %d channel(s), L1 weight %g", toString(c.data.pairs).c_str(),
                  c.data.reverse_pairs ? " (B -> A)" : "", c.model.input_channels, c.optim.l1_weight);
    out += buf;
  }
  return out;
}

}  // namespace

int runTrain(const std::vector<std::string>& args) {
  TrainOptions o = parseTrainOptions(args);
  if (o.help) {
    std::fputs(trainUsage(), stdout);
    return 0;
  }
  if (o.resume) {
    o = parseTrainOptions(args, storedConfig(o.out));
    std::string ignored;
    for (const auto& flag : o.given)
      if (!allowedOnResume(flag)) ignored += " " + flag;
    if (!ignored.empty())
      std::fprintf(stderr, "note: ignored on --resume (the checkpoint's settings stay):%s\n", ignored.c_str());
  }

  // Data-parallel: launch local ranks, or join the run the environment (torchrun, Slurm) and flags describe.
  const DistOptions dist = applyDistFlags(o, distOptionsFromEnv([](const char* name) { return std::getenv(name); }));
  if (o.dist.nproc > 1) {
    if (dist.distributed())
      throw UsageError("--nproc starts its own ranks on this machine; it cannot be combined with WORLD_SIZE or "
                       "--world-size " + std::to_string(dist.world_size));
    if (const std::string problem = shardProblem(o.config.batch, o.dist.nproc); !problem.empty())
      throw UsageError("--nproc " + std::to_string(o.dist.nproc) + ": " + problem);
    return launchLocalRanks(o, args);
  }
  installSignalHandlers();
  std::shared_ptr<DistGroup> group;
  if (dist.distributed()) group = joinRun(o, dist);
  // Rank 0 reports; the other ranks only train (their errors still reach stderr).
  const bool quiet = group && group->rank() != 0;
  const bool tty = ::isatty(STDOUT_FILENO);
  ProgressBar bar(stdout, tty, o.config.total_steps, o.config.log_every);

  RunCallbacks cb;
  cb.should_stop = [] { return g_stop.load(); };
  std::chrono::steady_clock::time_point last_load_print{};
  cb.on_load_progress = [tty, &last_load_print](int64_t done, int64_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (!tty || (done < total && now - last_load_print < std::chrono::milliseconds(100))) return;
    last_load_print = now;
    std::printf("\rloading images %lld/%lld\033[K", static_cast<long long>(done), static_cast<long long>(total));
    std::fflush(stdout);
  };
  cb.on_dataset = [&](const DatasetSummary& s) {
    if (tty) std::fputs("\r\033[K", stdout);
    printDatasetSummary(stdout, s);
  };
  bool announced = false;
  cb.on_step = [&](const StepStats& s) {
    if (!announced) {
      // The config is complete only now (channels come from the data, total_steps from a resumed run).
      const TrainConfig c = readRunConfig(o.out);
      bar = ProgressBar(stdout, tty, c.total_steps, c.log_every);
      bar.message("training " + o.out + ": " + describeRun(c) +
                  (group ? describeDataParallel(*group, c.batch) : std::string()));
      announced = true;
    }
    bar.update(s);
  };
  cb.on_alarm = [&](const Alarm& a) { bar.message("alarm " + formatAlarm(a)); };
  cb.on_health = [&](const HealthRecord& h) {
    // Class-conditional runs: per-class coverage by D's features, dropped classes named.
    if (!h.class_share.empty()) bar.message("classes step " + std::to_string(h.step) + ": " + describeClassCoverage(h));
  };
  cb.on_quality = [&](const QualityRecord& q) {
    char line[128];
    std::snprintf(line, sizeof line, "quality step %lld: SWD %.2f%s", static_cast<long long>(q.step), q.swd,
                  q.best ? " (best so far: checkpoints/best.gsck)" : "");
    bar.message(line + (q.hint.empty() ? std::string() : "\n  hint: " + q.hint));
  };
  cb.on_checkpoint = [&](const std::string& path, int64_t) {
    if (!tty) bar.message("checkpoint " + path);
  };

  if (quiet) {
    RunCallbacks only_stop;
    only_stop.should_stop = cb.should_stop;
    cb = only_stop;
  }

  RunResult r;
  try {
    r = trainRun(o.config, o.out, o.resume, cb, group);
  } catch (const GanscopeError&) {
    if (group) rethrowForRank(*group);
    if (!g_stop.load() || announced) throw;
    // Ctrl-C while the images were loading: nothing was written yet.
    std::printf("\nstopped before training started; nothing written\n");
    return 130;
  } catch (const std::exception&) {
    if (group) rethrowForRank(*group);
    throw;
  }
  if (quiet) return 0;
  bar.finish();
  if (r.stopped) {
    std::printf("stopped at step %lld; checkpoint %s\nresume with: ganscope-cli train --out %s --resume\n",
                static_cast<long long>(r.steps_done), r.last_checkpoint.c_str(), o.out.c_str());
  } else {
    std::printf("done: %lld steps; checkpoint %s\n", static_cast<long long>(r.steps_done),
                r.last_checkpoint.c_str());
  }
  return 0;
}

}  // namespace gs::cli
