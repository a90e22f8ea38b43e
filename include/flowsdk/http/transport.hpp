#pragma once
#include "flowsdk/core/error.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/request.hpp"
#include "flowsdk/http/response.hpp"
#include "flowsdk/http/response_stream.hpp"
#include "flowsdk/http/sender.hpp"
#include "flowsdk/http/transport_options.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <memory>
#include <type_traits>

namespace flowsdk::http {

/// Fills vendor_code and vendor_message from a vendor's error body. Each vendor layer has one.
using error_decoder = void (*)(const response&, error_details&);

/// The vendor-neutral engine under every client: sends a request with deadlines, retries with
/// backoff, and turns every failure into flowsdk::error. Vendor layers build requests; the
/// transport never knows a vendor.
///
/// Thread safety: one transport may be used from any number of coroutines at once, on any
/// thread of a multi-threaded io_context, without strands: each connection runs its I/O and
/// timers on a strand of its own, and send and open resume on the executor they were awaited
/// from. Lifetime: destroy it (and every client over it) before the io_context its executor
/// belongs to; connections it closes are closed on their strands, so run (or destroy) that
/// io_context after. It starts no threads.
class transport {
 public:
  /// A transport over Beast with a connection pool per origin, on `executor`.
  explicit transport(boost::asio::any_io_executor executor, transport_options options = {});
  /// A transport over any sender, e.g. a fake in unit tests.
  explicit transport(std::shared_ptr<http::sender> sender, transport_options options = {});

  /// Sends `req` to `to` and returns a 2xx response. Per attempt it waits for a pooled
  /// connection, writes, and reads the whole body, within the attempt deadline; failures are
  /// retried per the retry policy (idempotent requests only, unless the failure proves the
  /// request never left). Throws flowsdk::error with the final failure; its details name the
  /// attempts made. Cancellation of the awaiting operation closes the connection in use and
  /// throws errc::cancelled (co_spawn passes terminal cancellation by default; set the
  /// coroutine's cancellation filter to let partial or total cancellation through).
  boost::asio::awaitable<response> send(origin to, request req, request_options per_call = {},
                                        error_decoder decoder = nullptr) const;

  /// Like send, but returns as soon as the headers of a 2xx response have arrived, with the
  /// body left to read incrementally from the stream (server-sent events, large downloads).
  /// Opening is retried exactly as send retries; a non-2xx response is read whole and thrown
  /// as from send. The body then has no total deadline and no size limit: each read waits at
  /// most timeouts::read_idle, and the reader decides how much is too much. The stream holds
  /// its pooled connection until the body ends, or closes it if abandoned earlier.
  boost::asio::awaitable<response_stream> open(origin to, request req, request_options per_call = {},
                                               error_decoder decoder = nullptr) const;

  pool_stats stats() const;
  const transport_options& options() const noexcept;

 private:
  struct state;
  // One retry loop for both: Streamed selects sender::open and a response_stream result.
  template <bool Streamed>
  using result_of = std::conditional_t<Streamed, response_stream, response>;
  template <bool Streamed>
  static boost::asio::awaitable<result_of<Streamed>> with_retries(std::shared_ptr<state> st, origin to, request req,
                                                                  request_options per_call, error_decoder decoder);
  std::shared_ptr<state> state_;
};

}  // namespace flowsdk::http
