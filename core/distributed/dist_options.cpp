#include "distributed/dist_options.h"

#include <cerrno>
#include <cstdlib>

#include "util/error.h"

namespace gs {
namespace {

int envInt(const std::function<const char*(const char*)>& getenv, const char* name, int fallback, int min, int max) {
  const char* v = getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(v, &end, 10);
  if (errno != 0 || *end != '\0' || n < min || n > max)
    throw GanscopeError(std::string("environment variable ") + name + "='" + v + "' is not a whole number in " +
                        std::to_string(min) + ".." + std::to_string(max));
  return static_cast<int>(n);
}

}  // namespace

DistOptions distOptionsFromEnv(const std::function<const char*(const char*)>& getenv) {
  DistOptions o;
  o.world_size = envInt(getenv, "WORLD_SIZE", 1, 1, 65536);
  o.rank = envInt(getenv, "RANK", 0, 0, 65535);
  o.local_rank = envInt(getenv, "LOCAL_RANK", 0, 0, 65535);
  o.master_port = envInt(getenv, "MASTER_PORT", o.master_port, 1, 65535);
  if (const char* addr = getenv("MASTER_ADDR")) o.master_addr = addr;
  return o;
}

void validate(const DistOptions& o) {
  if (o.world_size < 1) throw GanscopeError("world size must be at least 1, not " + std::to_string(o.world_size));
  if (o.rank < 0 || o.rank >= o.world_size)
    throw GanscopeError("rank " + std::to_string(o.rank) + " is outside a world of " + std::to_string(o.world_size) +
                        " processes (ranks 0.." + std::to_string(o.world_size - 1) + ")");
  if (o.local_rank < 0) throw GanscopeError("local rank must not be negative");
  if (!o.distributed()) return;
  if (o.master_addr.empty())
    throw GanscopeError("a distributed run (world size " + std::to_string(o.world_size) +
                        ") needs the address of rank 0: set MASTER_ADDR or --master-addr");
  if (o.master_port < 1 || o.master_port > 65535)
    throw GanscopeError("master port " + std::to_string(o.master_port) + " is outside 1..65535");
  if (!(o.timeout_s > 0)) throw GanscopeError("the distributed timeout must be positive");
}

std::string toString(DistBackend b) {
  switch (b) {
    case DistBackend::Gloo: return "gloo";
    case DistBackend::Nccl: return "nccl";
    default: return "auto";
  }
}

DistBackend parseDistBackend(const std::string& s) {
  if (s == "auto") return DistBackend::Auto;
  if (s == "gloo") return DistBackend::Gloo;
  if (s == "nccl") return DistBackend::Nccl;
  throw GanscopeError("unknown distributed backend '" + s + "' (auto, gloo or nccl)");
}

std::string describe(const DistOptions& o) {
  return "rank " + std::to_string(o.rank) + " of " + std::to_string(o.world_size) + " (local " +
         std::to_string(o.local_rank) + "), " + toString(o.backend) + " via " + o.master_addr + ":" +
         std::to_string(o.master_port);
}

}  // namespace gs
