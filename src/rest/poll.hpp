#pragma once
// The one polling engine of the vendors' waits (Imbrace wait_for_run, Cloudflare
// wait_for_instance, the polling fallback of the 10ex run watch): read, stop when the state is
// the one waited for, else pause with backoff and jitter and read again, within a deadline and
// the caller's cancellation. The pause goes through transport_options::sleep, so unit tests
// run it without waiting. docs/waiting.md describes it for users.

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/core/retry_policy.hpp"
#include "flowsdk/core/wait_options.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace flowsdk::rest {

/// The pauses between polls: initial, times multiplier per pause up to max, each shrunk at
/// random by up to jitter (the formula of the transport's retries, backoff_delay).
class poll_backoff {
 public:
  poll_backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, double multiplier, double jitter);
  explicit poll_backoff(const wait_options& o);

  /// The next pause, given a uniform random number in [0, 1).
  std::chrono::milliseconds next(double random01) noexcept;
  /// The next pause starts again from the initial one.
  void reset() noexcept { pauses_ = 0; }

 private:
  retry_policy curve_;
  int pauses_ = 0;
};

/// Waits `delay` through the transport's transport_options::sleep; a cancellation meanwhile
/// throws errc::cancelled whose cause is "cancelled " + `while_waiting`.
boost::asio::awaitable<void> poll_sleep(std::shared_ptr<http::transport> transport, std::chrono::milliseconds delay,
                                        std::string while_waiting);

/// What one read found: whether the wait is over, and the state to report (a status).
struct poll_outcome {
  bool done = false;
  std::string state;
};

/// One read. `per_read` carries what is left of the wait as its timeout; pass it on to the request.
using poll_read = std::function<boost::asio::awaitable<poll_outcome>(request_options per_read)>;

/// What a wait is about, for its errors. Not an aggregate (g++ 12, docs/coroutine-hazards.md).
class poll_subject {
 public:
  /// `what` names the work ("run \"r1\""), `waited_for` the state ("a final status");
  /// `method` and `target` are those of the read, for the timeout error's details.
  poll_subject(std::string what, std::string waited_for, std::string method, std::string target)
      : what(std::move(what)),
        waited_for(std::move(waited_for)),
        method(std::move(method)),
        target(std::move(target)) {}

  std::string what;
  std::string waited_for;
  std::string method;
  std::string target;
  /// The clock of the deadline (unit tests pass one their sleep advances); empty: steady_clock.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

/// Reads until a read says done. Between reads: a pause of poll_backoff, cut to what is left
/// of options.timeout and started again from the first pause when the state changed. Throws:
/// errc::timeout when the deadline passes first (its cause names the last state seen and how
/// many reads were made; a read that times out at the deadline counts as that), errc::cancelled
/// on the caller's cancellation, and any other failure of a read at once, as it came.
boost::asio::awaitable<void> poll_until(std::shared_ptr<http::transport> transport, wait_options options,
                                        poll_subject subject, poll_read read);

/// The errc::timeout of a wait that ran out: what it waited for, for how long, the last state
/// seen (nullopt: none yet) and from how much (`seen_in`: "3 reads"); the work goes on. Shared by
/// every wait, the 10ex one included.
[[noreturn]] void throw_wait_timeout(const poll_subject& subject, std::chrono::milliseconds timeout,
                                     const std::optional<std::string>& last_state, const std::string& seen_in);

/// "1 read", "3 reads": a count with its noun for throw_wait_timeout.
std::string count_of(int n, const char* noun);

/// A typed wait for poll_for: the read, when its value ends the wait, and the state to report.
/// Shared (make_shared it before any co_await), so that no closure is built inside a co_await
/// expression (docs/coroutine-hazards.md, 1).
template <class T>
struct typed_poll {
  std::function<boost::asio::awaitable<T>(request_options)> read;
  std::function<bool(const T&)> done;
  std::function<std::string(const T&)> state;
  std::optional<T> last;  ///< the latest value read
};

namespace detail {
template <class T>
boost::asio::awaitable<poll_outcome> read_into(std::shared_ptr<typed_poll<T>> p, request_options per_read) {
  T value = co_await p->read(std::move(per_read));
  poll_outcome out;
  out.done = p->done(value);
  out.state = p->state(value);
  p->last = std::move(value);
  co_return out;
}
}  // namespace detail

/// poll_until over `p`: returns the first value `p->done` accepts.
template <class T>
boost::asio::awaitable<T> poll_for(std::shared_ptr<http::transport> transport, wait_options options,
                                   poll_subject subject, std::shared_ptr<typed_poll<T>> p) {
  poll_read step = [p](request_options per_read) { return detail::read_into(p, std::move(per_read)); };
  co_await poll_until(std::move(transport), options, std::move(subject), std::move(step));
  co_return std::move(*p->last);
}

}  // namespace flowsdk::rest
