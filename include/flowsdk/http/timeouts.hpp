#pragma once
#include <chrono>

namespace flowsdk::http {

/// Deadlines of one call. A passed deadline fails the call with errc::timeout and closes the
/// connection it was using.
struct timeouts {
  std::chrono::milliseconds connect{10'000};  ///< TCP connect plus TLS handshake
  std::chrono::milliseconds attempt{30'000};  ///< one send: waiting for a connection, write, read
  std::chrono::milliseconds total{120'000};   ///< the whole call, retries and backoff included
  /// A streamed body (transport::open) that delivers no byte for this long fails with
  /// errc::timeout. Streams have no total deadline; servers of event streams send keep-alive
  /// comments well within this (10ex: every 15 s).
  std::chrono::milliseconds read_idle{60'000};
};

}  // namespace flowsdk::http
