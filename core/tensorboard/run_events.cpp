#include "tensorboard/run_events.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include "tensorboard/event_file.h"

namespace gs {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

double now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void flatten(const json& j, const std::string& prefix, std::vector<std::pair<std::string, double>>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string tag = prefix + "/" + it.key();
    if (it->is_object()) {
      flatten(*it, tag, out);
    } else if (it->is_number() || it->is_boolean()) {
      const double v = it->is_boolean() ? double(it->get<bool>()) : it->get<double>();
      if (std::isfinite(v)) out.emplace_back(tag, v);
    }
  }
}

}  // namespace

std::vector<std::string> listEventFiles(const std::string& run_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(run_dir, ec))
    if (e.path().filename().string().rfind("events.out.tfevents.", 0) == 0) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());  // the name starts with the creation time
  return out;
}

RunEvents::RunEvents(const RunPaths& paths, int64_t keep_through) : paths_(paths) { open(keep_through); }
RunEvents::~RunEvents() = default;

void RunEvents::open(int64_t keep_through) {
  writer_.reset();
  std::vector<std::string> files = listEventFiles(paths_.root);
  if (keep_through < 0) {
    for (const auto& f : files) fs::remove(f);
    files.clear();
  }
  skip_through_ = -1;
  if (!files.empty()) {
    path_ = files.back();
    truncateEventFile(path_, keep_through);
    skip_through_ = keep_through;
  } else {
    path_ = paths_.root + "/" + newEventFileName();
  }
  writer_ = std::make_unique<EventFileWriter>(path_);
  metrics_ = std::make_unique<LineTail>(paths_.metrics());
  health_ = std::make_unique<LineTail>(paths_.health());
  quality_ = std::make_unique<LineTail>(paths_.quality());
  poll();
}

void RunEvents::poll() {
  for (auto [tail, prefix] : {std::pair{metrics_.get(), "metrics"}, std::pair{health_.get(), "health"},
                              std::pair{quality_.get(), "quality"}}) {
    for (const std::string& line : tail->poll()) {
      const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_object() || !j.contains("step") || !j["step"].is_number_integer()) continue;
      const int64_t step = j["step"].get<int64_t>();
      if (step <= skip_through_) continue;
      const double wall = j.contains("t") && j["t"].is_number() ? j["t"].get<double>() : now();
      json fields = j;
      fields.erase("step");
      fields.erase("t");
      std::vector<std::pair<std::string, double>> values;
      flatten(fields, prefix, values);
      if (!values.empty()) writer_->scalars(step, wall, values);
    }
  }
}

void RunEvents::image(int64_t step, const ImageU8& grid) {
  poll();
  writer_->image(step, now(), "samples", grid);
}

void RunEvents::flush() {
  poll();
  writer_->flush();
}

void RunEvents::rewind(int64_t step) { open(step); }

}  // namespace gs
