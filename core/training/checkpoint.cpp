#include "training/checkpoint.h"

#include <c10/util/Exception.h>
#include <torch/nn/module.h>
#include <torch/serialize/archive.h>

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "models/networks.h"
#include "training/checkpoint_container.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace gs {

using nlohmann::json;

std::string headerToJson(const CheckpointHeader& h) {
  json j;
  j["kind"] = h.kind;
  j["config"] = json::parse(toJson(h.config));
  j["step"] = h.step;
  j["images_seen"] = h.images_seen;
  j["dataset_fingerprint"] = h.fingerprint;
  j["loader"] = {{"epoch", h.loader_epoch}, {"index", h.loader_index}};
  j["d_steps_done"] = h.d_steps_done;
  j["last_penalty"] = h.last_penalty;
  j["ada"] = {{"p", h.ada_p}, {"rt", h.ada_rt}, {"sign_sum", h.ada_sign_sum}, {"sign_count", h.ada_sign_count}};
  j["created"] = h.created;
  j["program_version"] = h.program_version;
  return j.dump(2);
}

CheckpointHeader headerFromJson(const std::string& text, const std::string& label) {
  CheckpointHeader h;
  try {
    const json j = json::parse(text);
    h.kind = j.at("kind").get<std::string>();
    if (h.kind != "full" && h.kind != "generator")
      throw GanscopeError("kind \"" + h.kind + "\" is unknown (expected full or generator)");
    h.config = trainConfigFromJson(j.at("config").dump());
    h.step = j.at("step").get<int64_t>();
    h.images_seen = j.value("images_seen", int64_t{0});
    h.fingerprint = j.value("dataset_fingerprint", std::string());
    if (j.contains("loader")) {
      h.loader_epoch = j["loader"].at("epoch").get<int64_t>();
      h.loader_index = j["loader"].at("index").get<int64_t>();
    }
    h.d_steps_done = j.value("d_steps_done", int64_t{0});
    h.last_penalty = j.value("last_penalty", 0.0);
    if (j.contains("ada")) {
      const json& a = j["ada"];
      h.ada_p = a.value("p", 0.0);
      h.ada_rt = a.value("rt", 0.0);
      h.ada_sign_sum = a.value("sign_sum", 0.0);
      h.ada_sign_count = a.value("sign_count", int64_t{0});
    }
    h.created = j.value("created", std::string());
    h.program_version = j.value("program_version", std::string());
  } catch (const GanscopeError& e) {
    throw fileError(label, std::string("checkpoint header: ") + e.what());
  } catch (const std::exception& e) {
    throw fileError(label, std::string("checkpoint header is malformed (") + e.what() + ")");
  }
  return h;
}

CheckpointFile decodeCheckpointFile(const std::string& bytes, const std::string& label) {
  CheckpointParts parts = decodeCheckpoint(bytes, label);
  CheckpointFile file;
  file.header = headerFromJson(parts.header_json, label);
  file.blob = std::move(parts.blob);
  return file;
}

CheckpointFile readCheckpointFile(const std::string& path) { return decodeCheckpointFile(readFile(path), path); }

void writeCheckpointFile(const std::string& path, const CheckpointHeader& header, const std::string& blob) {
  writeFileAtomic(path, encodeCheckpoint(headerToJson(header), blob));
}

std::string archiveToBytes(torch::serialize::OutputArchive& archive) {
  std::ostringstream out(std::ios::binary);
  archive.save_to(out);
  return out.str();
}

void archiveFromBytes(torch::serialize::InputArchive& archive, const std::string& bytes, const std::string& label,
                      const std::string& device) {
  try {
    archive.load_from(bytes.data(), bytes.size(), c10::Device(device));
  } catch (const c10::Error& e) {
    throw fileError(label, std::string("checkpoint contents cannot be read (") + e.what_without_backtrace() + ")");
  } catch (const std::exception& e) {  // TorchScript's reader throws its own errors for damaged code records
    throw fileError(label, std::string("checkpoint contents cannot be read (") + firstLine(e.what()) + ")");
  }
}

std::string firstLine(const std::string& message) { return message.substr(0, message.find('\n')); }

std::string utcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

GeneratorFile loadGeneratorBytes(const std::string& bytes, const std::string& label) {
  CheckpointFile file = decodeCheckpointFile(bytes, label);
  GeneratorFile out;
  out.config = file.header.config;
  out.step = file.header.step;
  out.fingerprint = file.header.fingerprint;
  out.generator = makeGenerator(out.config.model);
  torch::serialize::InputArchive archive;
  archiveFromBytes(archive, file.blob, label);
  try {
    torch::serialize::InputArchive g;
    archive.read("G_ema", g);
    out.generator->load(g);
  } catch (const c10::Error& e) {
    throw fileError(label, std::string("generator weights do not fit the stored model config (") +
                               e.what_without_backtrace() + ")");
  } catch (const GanscopeError&) {
    throw;
  } catch (const std::exception& e) {
    throw fileError(label, std::string("generator weights cannot be read (") + firstLine(e.what()) + ")");
  }
  out.generator->eval();
  return out;
}

GeneratorFile loadGeneratorFile(const std::string& path) { return loadGeneratorBytes(readFile(path), path); }

void saveGeneratorFile(const std::string& path, GeneratorNet& g, const TrainConfig& config, int64_t step,
                       const std::string& fingerprint) {
  CheckpointHeader header;
  header.kind = "generator";
  header.config = config;
  header.step = step;
  header.fingerprint = fingerprint;
  header.created = utcTimestamp();
  header.program_version = GANSCOPE_VERSION;
  torch::serialize::OutputArchive archive;
  torch::serialize::OutputArchive g_archive;
  g.save(g_archive);
  archive.write("G_ema", g_archive);
  writeCheckpointFile(path, header, archiveToBytes(archive));
}

TrainConfig readCheckpointConfig(const std::string& path) { return readCheckpointFile(path).header.config; }

std::shared_ptr<DiscriminatorNet> loadDiscriminatorFile(const std::string& path) {
  const CheckpointFile file = readCheckpointFile(path);
  if (file.header.kind != "full") return nullptr;
  // Built as the trainer builds it: the loss and R1 decide whether it has BatchNorm.
  auto d = makeDiscriminator(file.header.config.model, file.header.config.optim);
  torch::serialize::InputArchive archive;
  archiveFromBytes(archive, file.blob, path);
  try {
    torch::serialize::InputArchive sub;
    archive.read("D", sub);
    d->load(sub);
  } catch (const c10::Error& e) {
    throw fileError(path, std::string("discriminator weights do not fit the stored model config (") +
                              e.what_without_backtrace() + ")");
  } catch (const std::exception& e) {
    throw fileError(path, std::string("discriminator weights cannot be read (") + firstLine(e.what()) + ")");
  }
  d->eval();
  return d;
}

void pruneCheckpoints(const std::vector<std::string>& oldest_first, int keep) {
  if (keep <= 0) return;
  const int excess = static_cast<int>(oldest_first.size()) - keep;
  for (int i = 0; i < excess; ++i) std::remove(oldest_first[i].c_str());
}

}  // namespace gs
