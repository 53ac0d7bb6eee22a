#include "distributed/dist_group.h"

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef GANSCOPE_HAVE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <chrono>
#include <cstdlib>
#include <functional>

#include "distributed/rank_watch.h"
#include "distributed/rendezvous_checks.h"

namespace gs {

struct DistGroup::Impl {
  DistOptions o;
  c10::Device device{c10::kCPU};
  c10::intrusive_ptr<c10d::Store> store;
  // The backend's collectives. LibTorch 1.13's process groups derive from ProcessGroup, 2.x's from Backend: bound
  // through these so the same code builds against both.
  std::shared_ptr<void> pg;
  std::function<c10::intrusive_ptr<c10d::Work>(std::vector<at::Tensor>&, const c10d::AllreduceOptions&)> allreduce;
  std::function<c10::intrusive_ptr<c10d::Work>(std::vector<at::Tensor>&, const c10d::BroadcastOptions&)> broadcast;
  std::unique_ptr<RankWatch> watch;
  std::chrono::milliseconds timeout{60000};

  // Runs a collective; any failure becomes a DistError naming the rank at fault.
  template <typename F>
  void guarded(const char* what, F run) {
    try {
      run();
    } catch (const DistError&) {
      throw;
    } catch (const std::exception& e) {
      throw DistError(watch->diagnose(what, e.what()));
    }
  }

  // Copies to the collective's device when needed, runs `start` on each tensor, waits for all, copies back.
  template <typename Start>
  void inPlace(const char* what, std::vector<at::Tensor>& tensors, Start start) {
    guarded(what, [&] {
      std::vector<at::Tensor> staged;
      std::vector<c10::intrusive_ptr<c10d::Work>> works;
      for (auto& t : tensors) {
        staged.push_back(t.device() == device && t.is_contiguous() ? t : t.to(device).contiguous());
        std::vector<at::Tensor> one{staged.back()};
        works.push_back(start(one));
      }
      for (auto& w : works) w->wait(timeout);
      for (size_t i = 0; i < tensors.size(); ++i)
        if (!staged[i].is_same(tensors[i])) tensors[i].copy_(staged[i]);
    });
  }
};

namespace {

template <typename PG>
void bindBackend(DistGroup::Impl& impl, c10::intrusive_ptr<PG> pg) {
  impl.pg = std::shared_ptr<void>(pg.get(), [keep = pg](void*) mutable { keep.reset(); });
  impl.allreduce = [p = pg.get()](std::vector<at::Tensor>& t, const c10d::AllreduceOptions& o) {
    return p->allreduce(t, o);
  };
  impl.broadcast = [p = pg.get()](std::vector<at::Tensor>& t, const c10d::BroadcastOptions& o) {
    return p->broadcast(t, o);
  };
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

c10::intrusive_ptr<c10d::TCPStore> connectStore(const DistOptions& o, bool server, bool wait_workers) {
  c10d::TCPStoreOptions so;
  so.port = static_cast<uint16_t>(o.master_port);
  so.isServer = server;
  so.waitWorkers = wait_workers;
  if (wait_workers) so.numWorkers = static_cast<size_t>(o.world_size);
  so.timeout = std::chrono::milliseconds(static_cast<int64_t>(o.timeout_s * 1000));
  return c10::make_intrusive<c10d::TCPStore>(o.master_addr, so);
}

std::shared_ptr<::gloo::transport::Device> glooDevice(const DistOptions& o) {
  // As torch.distributed does: GLOO_SOCKET_IFNAME picks the interface; a loopback rendezvous stays on loopback.
  if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
    return c10d::ProcessGroupGloo::createDeviceForInterface(ifname);
  if (isLoopbackAddress(o.master_addr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

// Auto: NCCL only when every rank trains on CUDA (and this LibTorch has NCCL); decided through the store.
DistBackend resolveBackend(const DistOptions& o, bool cuda, RankWatch& watch, c10d::Store& store) {
#ifdef GANSCOPE_HAVE_NCCL
  constexpr bool kHaveNccl = true;
#else
  constexpr bool kHaveNccl = false;
#endif
  if (o.backend == DistBackend::Gloo) return DistBackend::Gloo;
  if (o.backend == DistBackend::Nccl) {
    if (!kHaveNccl)
      throw GanscopeError("--dist-backend nccl: this LibTorch was built without NCCL (Debian's libtorch is "
                          "CPU-only); use --dist-backend gloo");
    if (!cuda) throw GanscopeError("--dist-backend nccl needs CUDA on every rank; rank " + std::to_string(o.rank) +
                                   " trains on the CPU (use --device cuda or --dist-backend gloo)");
    return DistBackend::Nccl;
  }
  const std::string key = "gs/cuda/" + std::to_string(o.rank);
  store.set(key, std::vector<uint8_t>{static_cast<uint8_t>(cuda && kHaveNccl ? '1' : '0')});
  watch.waitForAll("gs/meet/backend", "choosing the backend");
  bool all = true;
  for (int r = 0; r < o.world_size; ++r) all = all && store.get("gs/cuda/" + std::to_string(r)).at(0) == '1';
  return all ? DistBackend::Nccl : DistBackend::Gloo;
}

}  // namespace

std::shared_ptr<DistGroup> DistGroup::join(DistOptions o, bool cuda) {
  validate(o);
  checkMasterAddress(o.master_addr);
  if (o.rank == 0) checkPortFree(o.master_port);
  const std::string where = o.master_addr + ":" + std::to_string(o.master_port);
  const std::string seconds = std::to_string(static_cast<int>(o.timeout_s)) + " s";

  auto impl = std::make_unique<Impl>();
  impl->timeout = std::chrono::milliseconds(static_cast<int64_t>(o.timeout_s * 1000));
  try {
    impl->store = connectStore(o, /*server=*/o.rank == 0, /*wait_workers=*/true);
  } catch (const std::exception& e) {
    if (o.rank == 0)
      throw GanscopeError("rank 0: not every rank joined the rendezvous at " + where + " within " + seconds + " (" +
                          firstLine(e.what()) + "); start all " + std::to_string(o.world_size) +
                          " ranks with the same MASTER_ADDR, MASTER_PORT and WORLD_SIZE, or raise --dist-timeout");
    throw GanscopeError("rank " + std::to_string(o.rank) + ": cannot reach rank 0's rendezvous store at " + where +
                        " within " + seconds + " (" + firstLine(e.what()) + "); is rank 0 running, and are "
                        "MASTER_ADDR and MASTER_PORT those of rank 0's machine?");
  }
  impl->watch = std::make_unique<RankWatch>(connectStore(o, /*server=*/false, /*wait_workers=*/false), o.rank,
                                            o.world_size);
  try {
    o.backend = resolveBackend(o, cuda, *impl->watch, *impl->store);
    if (o.backend == DistBackend::Gloo) {
      auto gloo = c10d::ProcessGroupGloo::Options::create(impl->timeout);
      gloo->devices.push_back(glooDevice(o));
      bindBackend(*impl, c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, o.rank, o.world_size, gloo));
    } else {
#ifdef GANSCOPE_HAVE_NCCL
      impl->device = c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(o.local_rank));
      auto nccl = c10d::ProcessGroupNCCL::Options::create();
      nccl->timeout = impl->timeout;
      bindBackend(*impl, c10::make_intrusive<c10d::ProcessGroupNCCL>(impl->store, o.rank, o.world_size, nccl));
#endif
    }
  } catch (const GanscopeError&) {
    throw;
  } catch (const std::exception& e) {
    throw GanscopeError("rank " + std::to_string(o.rank) + ": cannot start the " + toString(o.backend) +
                        " process group through " + where + ": " + firstLine(e.what()));
  }
  if (!impl->allreduce || !impl->broadcast)
    throw GanscopeError("rank " + std::to_string(o.rank) + ": no collectives for the " + toString(o.backend) +
                        " backend in this build");
  impl->o = o;
  return std::shared_ptr<DistGroup>(new DistGroup(std::move(impl)));
}

DistGroup::DistGroup(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DistGroup::~DistGroup() = default;

int DistGroup::rank() const { return impl_->o.rank; }
int DistGroup::worldSize() const { return impl_->o.world_size; }
const DistOptions& DistGroup::options() const { return impl_->o; }
c10::Device DistGroup::device() const { return impl_->device; }

void DistGroup::allreduceSum(std::vector<at::Tensor>& tensors) {
  impl_->inPlace("all-reduce", tensors, [this](std::vector<at::Tensor>& one) {
    c10d::AllreduceOptions opts;
    opts.reduceOp = c10d::ReduceOp::SUM;
    return impl_->allreduce(one, opts);
  });
}

void DistGroup::allreduceMax(std::vector<at::Tensor>& tensors) {
  impl_->inPlace("all-reduce", tensors, [this](std::vector<at::Tensor>& one) {
    c10d::AllreduceOptions opts;
    opts.reduceOp = c10d::ReduceOp::MAX;
    return impl_->allreduce(one, opts);
  });
}

void DistGroup::broadcast(std::vector<at::Tensor>& tensors, int root) {
  impl_->inPlace("broadcast", tensors, [this, root](std::vector<at::Tensor>& one) {
    c10d::BroadcastOptions opts;
    opts.rootRank = root;
    return impl_->broadcast(one, opts);
  });
}

void DistGroup::meet(const std::string& label) {
  try {
    impl_->watch->waitForAll("gs/meet/" + label, label);
  } catch (const std::exception& e) {
    throw DistError("rank " + std::to_string(rank()) + ": " + e.what());
  }
}

void DistGroup::setStep(int64_t step) { impl_->watch->setStep(step); }
void DistGroup::announceFailure(const std::string& message) { impl_->watch->announceFailure(message); }

}  // namespace gs
