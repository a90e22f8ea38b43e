#pragma once
#include "flowsdk/http/attempt_result.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>

namespace flowsdk::http {

/// Sends one attempt of a request. The transport's retry loop sits on top of a sender; the real
/// one keeps a connection pool over Beast. Implement this interface to give a client a fake
/// network in unit tests (see docs/testing.md).
class sender {
 public:
  virtual ~sender() = default;

  /// Sends `req` to `to` once and reads the whole response, giving up at `deadline`.
  /// Network failures come back in attempt_result::error; the awaitable throws only for
  /// programming errors. `to` and `req` must stay valid until the awaitable completes (the
  /// transport awaits it at once). Responds to the caller's cancellation slot.
  virtual boost::asio::awaitable<attempt_result> send(const origin& to, const request& req,
                                                      std::chrono::steady_clock::time_point deadline) = 0;

  /// Like send, but returns as soon as the response headers have arrived: the body is left in
  /// attempt_result::body_stream, to be read incrementally (server-sent events, large
  /// downloads). `deadline` covers the write and the headers only. The default implementation
  /// calls send() and serves the whole body from memory, so a fake sender gets streaming free.
  virtual boost::asio::awaitable<attempt_result> open(const origin& to, const request& req,
                                                      std::chrono::steady_clock::time_point deadline);

  /// Connection pool statistics; a sender without a pool returns zeros.
  virtual pool_stats stats() const { return {}; }
};

}  // namespace flowsdk::http
