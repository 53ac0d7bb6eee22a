#include "training/run_folder.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_fields.h"

namespace gs {
namespace {

using json = nlohmann::json;

// "step_000250" with at least six digits; longer step counts simply get more digits.
std::string stepName(int64_t step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "step_%06lld", static_cast<long long>(step));
  return buf;
}

// Step number of "step_<digits><ext>", or -1 for any other name (temp files, foreign files).
int64_t stepOf(const std::string& name, const std::string& ext) {
  const std::string prefix = "step_";
  if (name.size() <= prefix.size() + ext.size()) return -1;
  if (name.compare(0, prefix.size(), prefix) != 0) return -1;
  if (name.compare(name.size() - ext.size(), ext.size(), ext) != 0) return -1;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - ext.size());
  if (digits.empty() || digits.size() > 18) return -1;
  int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Files named step_N<ext> in dir, sorted by N (numerically, so step_1000000 follows step_999999).
std::vector<std::string> listSteps(const std::string& dir, const std::string& ext) {
  std::vector<std::pair<int64_t, std::string>> found;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      const std::string name = e->d_name;
      const int64_t step = stepOf(name, ext);
      if (step >= 0) found.emplace_back(step, dir + "/" + name);
    }
    ::closedir(d);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  paths.reserve(found.size());
  for (auto& f : found) paths.push_back(std::move(f.second));
  return paths;
}

double unixSeconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string RunPaths::sampleFile(int64_t step) const { return samples() + "/" + stepName(step) + ".png"; }
std::string RunPaths::snapshotFile(int64_t step) const { return samples() + "/" + stepName(step) + ".gsgen"; }
std::string RunPaths::checkpointFile(int64_t step) const {
  return checkpoints() + "/" + stepName(step) + ".gsck";
}

int64_t stepOfFile(const std::string& path) {
  const auto slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = name.find_last_of('.');
  if (dot == std::string::npos) return -1;
  return stepOf(name, name.substr(dot));
}

std::string metricsLine(const StepStats& s) { return metricsLine(s, unixSeconds()); }

std::string metricsLine(const StepStats& s, double wall_time) {
  // An ordered object keeps the file readable: step first, then losses, then timing.
  nlohmann::ordered_json j;
  j["step"] = s.step;
  j["images_seen"] = s.images_seen;
  j["g_loss"] = jsonNumber(s.g_loss);
  j["d_loss"] = jsonNumber(s.d_loss);
  j["penalty"] = jsonNumber(s.penalty);
  j["d_real"] = jsonNumber(s.d_real);
  j["d_fake"] = jsonNumber(s.d_fake);
  j["g_grad_norm"] = jsonNumber(s.g_grad_norm);
  j["d_grad_norm"] = jsonNumber(s.d_grad_norm);
  j["seconds"] = jsonNumber(s.seconds);
  j["images_per_second"] = jsonNumber(s.images_per_second);
  if (s.augmenting) j["augment_p"] = jsonNumber(s.augment_p);  // its presence says D sees augmented images
  j["ada_rt"] = jsonNumber(s.ada_rt);
  if (s.has_l1) j["l1"] = jsonNumber(s.l1);  // image-to-image models
  if (s.has_cycle) {                          // CycleGAN
    j["cycle"] = jsonNumber(s.cycle);
    j["identity"] = jsonNumber(s.identity);
  }
  j["t"] = jsonNumber(wall_time);
  return j.dump();
}

bool parseMetricsLine(const std::string& line, StepStats& out) { return parseMetricsLine(line, out, nullptr); }

bool parseMetricsLine(const std::string& line, StepStats& out, double* wall_time) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  StepStats s;
  // step and the two losses make a line ours; the rest default to 0 so older or newer files still read.
  if (!readJsonInteger(j, "step", s.step) || !readJsonNumber(j, "g_loss", s.g_loss) ||
      !readJsonNumber(j, "d_loss", s.d_loss))
    return false;
  readJsonInteger(j, "images_seen", s.images_seen);
  readJsonNumber(j, "penalty", s.penalty);
  readJsonNumber(j, "d_real", s.d_real);
  readJsonNumber(j, "d_fake", s.d_fake);
  readJsonNumber(j, "g_grad_norm", s.g_grad_norm);
  readJsonNumber(j, "d_grad_norm", s.d_grad_norm);
  readJsonNumber(j, "seconds", s.seconds);
  readJsonNumber(j, "images_per_second", s.images_per_second);
  s.augmenting = readJsonNumber(j, "augment_p", s.augment_p);
  readJsonNumber(j, "ada_rt", s.ada_rt);
  s.has_l1 = readJsonNumber(j, "l1", s.l1);
  s.has_cycle = readJsonNumber(j, "cycle", s.cycle);
  readJsonNumber(j, "identity", s.identity);
  if (wall_time) {
    *wall_time = 0;
    readJsonNumber(j, "t", *wall_time);
  }
  out = s;
  return true;
}

bool parseTimedMetricsLine(const std::string& line, TimedStepStats& out) {
  return parseMetricsLine(line, out.stats, &out.wall_time);
}

bool isRunFolder(const std::string& dir) {
  struct stat st {};
  const RunPaths paths{dir};
  return ::stat(paths.metrics().c_str(), &st) == 0 || ::stat(paths.config().c_str(), &st) == 0;
}

TrainConfig readRunConfig(const std::string& run_dir) {
  const std::string path = RunPaths{run_dir}.config();
  const std::string text = readFile(path);  // a missing or unreadable file names itself
  try {
    return trainConfigFromJson(text);
  } catch (const std::exception& e) {
    throw fileError(path, e.what());
  }
}

std::vector<std::string> listCheckpoints(const std::string& run_dir) {
  return listSteps(RunPaths{run_dir}.checkpoints(), ".gsck");
}

std::vector<std::string> listSamples(const std::string& run_dir) {
  return listSteps(RunPaths{run_dir}.samples(), ".png");
}

std::vector<std::string> listSnapshots(const std::string& run_dir) {
  return listSteps(RunPaths{run_dir}.samples(), ".gsgen");
}

LineTail::LineTail(std::string path) : path_(std::move(path)) {}

std::vector<std::string> LineTail::poll() {
  std::vector<std::string> out;
  reset_ = false;
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return out;  // not written yet
  // A resume rewrites the file atomically (new inode, possibly shorter): start over from its beginning.
  const auto inode = static_cast<uint64_t>(st.st_ino);
  if ((inode_ != 0 && inode != inode_) || static_cast<uint64_t>(st.st_size) < offset_) {
    offset_ = 0;
    partial_.clear();
    reset_ = true;
  }
  inode_ = inode;
  if (static_cast<uint64_t>(st.st_size) == offset_) return out;

  std::ifstream in(path_, std::ios::binary);
  if (!in) return out;
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  offset_ += chunk.size();
  partial_ += chunk;

  // Only lines ending in '\n' are complete; the tail waits in partial_ for the writer to finish it.
  size_t start = 0;
  for (size_t nl; (nl = partial_.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(partial_.substr(start, nl - start));
  partial_.erase(0, start);
  return out;
}

}  // namespace gs
