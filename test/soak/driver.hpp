#pragma once
// The driver and the checker of flowsdk_soak, shared by every vendor's workload.

#include "soak.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/pool_stats.hpp"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <iosfwd>
#include <map>
#include <mutex>
#include <optional>

namespace flowsdk::soak {

/// The command line (docs/soak.md).
struct settings {
  std::uint64_t calls = 20000;  ///< per vendor
  std::size_t concurrency = 64;
  int threads = 1;
  double fault_rate = 0.10;
  milliseconds attempt_timeout{500};
  milliseconds deadline{2000};
  /// How far past its deadline a call may end: the timer firing late on a loaded machine, and
  /// the coroutine resuming after it.
  milliseconds tolerance{250};
  std::uint64_t seed = 1;
  std::chrono::seconds watchdog{900};
};

/// What the watchdog prints if the run hangs.
struct progress {
  std::atomic<std::uint64_t> calls_finished{0};
  std::mutex mutex;
  std::string phase;

  void enter(std::string p) {
    std::lock_guard lock(mutex);
    phase = std::move(p);
  }
  std::string describe();
};

/// How a create's failure bears on whether the object exists.
enum class create_fate {
  succeeded,  ///< must exist exactly once
  not_sent,   ///< the error proves the server did not create it: must not exist
  ambiguous,  ///< sent, no usable answer: may exist at most once
};
create_fate fate_of(const flowsdk::error& e, bool resend_safe);

/// The outcome of one call as the driver saw it.
struct call_outcome {
  std::string_view kind;
  std::string nonce;
  bool resend_safe = false;
  std::string id;                       ///< of a successful create
  std::optional<flowsdk::error> error;  ///< a typed failure
  std::string untyped;                  ///< what() of any other exception
  bool asio_cancelled = false;          ///< that exception was Asio's operation_aborted
  std::chrono::microseconds elapsed{0};
};

struct create_record {
  std::string nonce;
  create_fate fate;
  std::string id;   ///< of a successful create
  std::string how;  ///< the failure, for the samples
  /// Resend-safe, and failed as if refused at its only send: if it exists, a send that the
  /// error's `attempts` does not count applied it (informational, not a failure).
  bool refused_once = false;
};

/// Everything the calls of one vendor produced, for the checker.
struct tally {
  struct per_kind {
    std::uint64_t ok = 0;
    std::map<std::string, std::uint64_t> failed;  ///< by errc name
  };
  std::uint64_t calls = 0;
  std::uint64_t ok = 0;
  std::map<std::string, per_kind, std::less<>> by_kind;
  std::map<std::string, std::uint64_t> by_errc;
  std::uint64_t spurious_cancelled = 0;
  std::uint64_t untyped = 0;
  std::vector<std::string> samples;  ///< the first few failures worth a look
  std::uint64_t over_deadline = 0;   ///< calls that ended past deadline + tolerance
  std::chrono::microseconds longest_overshoot{std::chrono::microseconds::min()};
  std::string longest_call;  ///< the call that ended latest relative to its deadline, and how
  std::vector<create_record> creates;

  void add(call_outcome o, milliseconds deadline, milliseconds tolerance);
};

/// The side-effect check: creates matched against what the server holds.
struct side_effects {
  std::uint64_t found = 0;
  std::uint64_t duplicated = 0;          ///< any nonce found more than once
  std::uint64_t lost = 0;                ///< a successful create not found
  std::uint64_t phantom = 0;             ///< a create proven not sent, found anyway
  std::uint64_t wrong_id = 0;            ///< a successful create found under another id
  std::uint64_t stray = 0;               ///< found, but no call made that nonce
  std::uint64_t unreported_resends = 0;  ///< see create_record::refused_once
  std::vector<std::string> samples;
};
side_effects match(const std::vector<create_record>& creates, const std::vector<created_object>& found);

struct report {
  std::string vendor;
  settings config;
  tally calls;
  std::uint64_t requests = 0;  ///< served by the emulator during the calls
  std::uint64_t faults = 0;    ///< injected by the emulator during the calls
  http::pool_stats pool_after_calls;
  std::string read_back_error;  ///< why reading back failed, if it did
  side_effects effects;
  bool transport_released = false;  ///< the transport (its pools and sockets) died with the client
  double wall_seconds = 0;

  bool passed() const;
};

/// Runs `settings.calls` calls of `v` against `emu` on `io` (already running on its threads).
report soak(const vendor& v, const settings& s, emulator::server& emu, asio::io_context& io, progress& pr);

void print(const report& r, std::ostream& out);

}  // namespace flowsdk::soak
