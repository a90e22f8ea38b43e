#include "poll.hpp"

#include <boost/asio/cancellation_state.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>

namespace flowsdk::rest {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using steady_clock = std::chrono::steady_clock;

namespace {

retry_policy curve_of(milliseconds initial, milliseconds max, double multiplier, double jitter) {
  retry_policy p;
  p.initial_backoff = std::max(initial, milliseconds(0));
  p.max_backoff = std::max(max, milliseconds(0));
  p.multiplier = std::max(multiplier, 1.0);  // a pause never shrinks from one read to the next
  p.jitter = jitter;                         // clamped to [0, 1] by backoff_delay
  return p;
}

[[noreturn]] void throw_cancelled(std::string while_waiting) {
  error_details d;
  d.cause = "cancelled " + while_waiting;
  throw error(errc::cancelled, std::move(d));
}

}  // namespace

poll_backoff::poll_backoff(milliseconds initial, milliseconds max, double multiplier, double jitter)
    : curve_(curve_of(initial, max, multiplier, jitter)) {}

poll_backoff::poll_backoff(const wait_options& o)
    : poll_backoff(o.initial_interval, o.max_interval, o.multiplier, o.jitter) {}

milliseconds poll_backoff::next(double random01) noexcept {
  if (pauses_ < 64) ++pauses_;  // past 64 doublings every curve is at its cap
  return backoff_delay(curve_, pauses_, random01);
}

asio::awaitable<void> poll_sleep(std::shared_ptr<http::transport> transport, milliseconds delay,
                                 std::string while_waiting) {
  bool cancelled = false;
  try {
    co_await transport->options().sleep(delay);
  } catch (const boost::system::system_error& e) {
    if (e.code() != asio::error::operation_aborted) throw;
    cancelled = true;
  }
  if (cancelled) throw_cancelled(std::move(while_waiting));
}

std::string count_of(int n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

void throw_wait_timeout(const poll_subject& s, milliseconds timeout, const std::optional<std::string>& last_state,
                        const std::string& seen_in) {
  error_details d;
  d.method = s.method;
  d.target = s.target;
  d.cause = s.what + " did not " + s.waited_for + " within " + std::to_string(timeout.count()) + " ms; ";
  if (last_state) {
    d.cause += "last seen: " + (last_state->empty() ? std::string("no status") : *last_state) + " (" + seen_in + ")";
  } else {
    d.cause += "nothing seen yet";
  }
  d.cause += "; it goes on";
  throw error(errc::timeout, std::move(d));
}

namespace {

asio::awaitable<void> poll_loop(std::shared_ptr<http::transport> transport, wait_options options, poll_subject subject,
                                poll_read read) {
  auto now = [&subject] { return subject.clock ? subject.clock() : steady_clock::now(); };
  const steady_clock::time_point deadline = now() + std::max(options.timeout, milliseconds(0));
  const milliseconds per_call_cap = transport->options().timeouts.total;
  const std::string while_waiting = "while waiting for " + subject.what + " to " + subject.waited_for;
  poll_backoff backoff(options);
  std::optional<std::string> last;
  int reads = 0;
  for (;;) {
    // A cancellation that came while no operation was pending would otherwise go unnoticed.
    asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
    if (cs.cancelled() != asio::cancellation_type::none) throw_cancelled(while_waiting);
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - now());
    if (left <= milliseconds(0)) throw_wait_timeout(subject, options.timeout, last, count_of(reads, "read"));

    request_options per_read;
    per_read.timeout = std::min(left, per_call_cap);
    poll_outcome got;
    bool ran_out = false;
    try {
      got = co_await read(std::move(per_read));
    } catch (const error& e) {
      // A read cut off by the wait's own deadline is the wait timing out; any other failure is the read's.
      if (e.code() != errc::timeout || now() < deadline) throw;
      ran_out = true;
    }
    if (ran_out) throw_wait_timeout(subject, options.timeout, last, count_of(reads, "read"));
    ++reads;
    if (got.done) co_return;
    if (last && *last != got.state) backoff.reset();  // it moved on: look again soon
    last = std::move(got.state);

    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - now());
    if (remaining <= milliseconds(0)) throw_wait_timeout(subject, options.timeout, last, count_of(reads, "read"));
    const milliseconds pause = std::min(backoff.next(transport->options().random01()), remaining);
    co_await poll_sleep(transport, pause, while_waiting);
  }
}

}  // namespace

asio::awaitable<void> poll_until(std::shared_ptr<http::transport> transport, wait_options options, poll_subject subject,
                                 poll_read read) {
  // After a cancellation asio makes the next co_await of the coroutine throw operation_aborted
  // (this_coro::throw_if_cancelled): reported as errc::cancelled like every other cancellation.
  std::string while_waiting = "while waiting for " + subject.what + " to " + subject.waited_for;
  bool cancelled = false;
  try {
    co_await poll_loop(std::move(transport), options, std::move(subject), std::move(read));
  } catch (const boost::system::system_error& e) {
    if (e.code() != asio::error::operation_aborted) throw;
    cancelled = true;
  }
  if (cancelled) throw_cancelled(std::move(while_waiting));
}

}  // namespace flowsdk::rest
