#pragma once
// A client-side request budget: requests wait for a token instead of being spent on 429s.

#include "flowsdk/http/rate_budget_stats.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <system_error>

namespace flowsdk::http {

/// A token bucket shared by every coroutine that sends through it: `requests` tokens per
/// `window`, refilled continuously, holding at most `burst`. Every attempt the transport makes
/// (retries included) takes one token first, when request_options::budget is set; a tenex
/// client makes one from client_options::requests_per_minute (docs/retries-and-timeouts.md).
///
/// Why a bucket: the servers it protects (10ex, and the emulator) limit each key with a bucket
/// of N a minute that starts full. A client bucket of the same rate never sends more than the
/// server refills; its burst is kept below N (default_burst) so that requests that reach the
/// server faster than the first one did (a new connection's handshake) still find a token: the
/// headroom of N - burst tokens absorbs (N - burst) * window / N of such skew (6 s at 1000/min).
///
/// Waiters are served in the order they called acquire: each reserves the next token's time
/// under a lock and sleeps on a timer of its own until then (no polling, no memory per waiter
/// in the budget). Thread-safe: any number of coroutines on any threads, no strands needed.
class rate_budget {
 public:
  /// `requests` tokens per `window`, at most `burst` at once. Throws errc::invalid_argument
  /// unless requests >= 1, window > 0 and 1 <= burst <= requests.
  rate_budget(int requests, std::chrono::steady_clock::duration window, int burst);

  /// A budget of `requests` a minute with default_burst(requests).
  static std::shared_ptr<rate_budget> per_minute(int requests);

  /// `requests` less a tenth (at least 1): the headroom described above.
  static int default_burst(int requests) noexcept;

  /// Waits its turn and takes a token. Returns an empty error_code with the token;
  /// errc::timeout at once, with nothing taken or waited for, when its turn would come after
  /// `deadline`; errc::cancelled when the awaiting operation is cancelled while queued (its
  /// token goes back to the bucket unless someone queued after it, whose turn is kept). Does
  /// not throw (except std::bad_alloc). The awaitable owns the budget's state: destroying the
  /// rate_budget meanwhile is safe.
  boost::asio::awaitable<std::error_code> acquire(std::chrono::steady_clock::time_point deadline) const;

  rate_budget_stats stats() const;
  int requests() const noexcept;
  std::chrono::steady_clock::duration window() const noexcept;
  int burst() const noexcept;

 private:
  struct state;
  static boost::asio::awaitable<std::error_code> wait_for_token(std::shared_ptr<state> st,
                                                                std::chrono::steady_clock::time_point deadline);
  std::shared_ptr<state> state_;
};

}  // namespace flowsdk::http
