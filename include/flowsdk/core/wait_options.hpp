#pragma once
// How a wait for work to finish polls: imbrace::workflows::wait_for_run and
// cloudflare::instances::wait_for_instance (docs/waiting.md).

#include <chrono>

namespace flowsdk {

/// The polling of a wait: a read, then a pause, then another read, until the state the wait is
/// for, the timeout, or the caller's cancellation. The pause starts at `initial_interval` and
/// grows by `multiplier` up to `max_interval`; it starts again from `initial_interval` whenever a
/// read sees a state different from the one before (a run that moves on is read again soon).
/// Each pause shrinks at random by up to `jitter` (a fraction), so that many waiters do not
/// poll in step. Pauses go through http::transport_options::sleep, reads through the client's
/// transport with its retries.
///
/// Not an aggregate on purpose: g++ 12 destroys aggregate temporaries built inside a co_await
/// expression twice (docs/coroutine-hazards.md), and this type is written inline.
class wait_options {
 public:
  wait_options() {}

  /// The whole wait, reads included: no read starts after it and a read in progress gets only
  /// what is left of it. When it passes, the wait throws errc::timeout naming the last state
  /// it saw; the work itself goes on.
  std::chrono::milliseconds timeout{std::chrono::minutes(10)};
  std::chrono::milliseconds initial_interval{1000};  ///< the first pause, and the pause after a change
  std::chrono::milliseconds max_interval{10'000};    ///< cap of the growing pause
  double multiplier = 2.0;                           ///< growth of the pause per unchanged read
  double jitter = 0.2;                               ///< each pause shrinks at random by up to this fraction
};

}  // namespace flowsdk
