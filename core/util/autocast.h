#pragma once
// LibTorch's autocast state for one device type, across LibTorch versions (2.4 replaced the per-device functions
// with ones that take the device type).
#include <c10/core/DeviceType.h>
#include <c10/core/DispatchKeySet.h>
#include <c10/core/ScalarType.h>
#include <c10/core/impl/LocalDispatchKeySet.h>

namespace gs {

bool autocastEnabled(c10::DeviceType type);
void setAutocastEnabled(c10::DeviceType type, bool on);
c10::ScalarType autocastDtype(c10::DeviceType type);
void setAutocastDtype(c10::DeviceType type, c10::ScalarType dtype);
// True while autocast is on for `type` with bfloat16: code autocast cannot see (custom autograd functions that
// call convolution_backward) casts its own inputs then.
bool autocastToBf16(c10::DeviceType type);

// While alive, ops run in the precision of their inputs even under autocast: for small computations that need
// fp32 whatever the step's precision (a spectral norm's power iteration on the weights).
class NoAutocast {
 public:
  NoAutocast() : guard_(c10::autocast_dispatch_keyset) {}

 private:
  c10::impl::ExcludeDispatchKeyGuard guard_;
};

}  // namespace gs
