#pragma once
#include "flowsdk/http/attempt_event.hpp"
#include "flowsdk/http/pool_event.hpp"

namespace flowsdk::http {

/// Hooks a transport calls for each attempt and each connection pool event, for logs, metrics
/// and traces (docs/observability.md shows spdlog and OpenTelemetry bridges). Install one with
/// `transport_options::observer` (every client's options have a `transport` member).
///
/// Threading: every hook runs on the executor of the coroutine that made the call, inline in
/// the call, never on a connection's strand; pool events are collected there and reported after
/// the call comes back from it. So calls made from one strand or one thread see their hooks
/// there, and an observer shared by calls on several threads must synchronise itself.
///
/// Cost: a hook runs inside the call's I/O path and must not block (no file or network I/O
/// that can stall): hand slow work to a queue. With no observer installed nothing of this is
/// done: no clock reads, no strings, no allocation.
///
/// Exceptions: a hook should not throw; if it does, the exception is caught and dropped, and
/// the call goes on as if the hook had returned.
class observer {
 public:
  virtual ~observer() = default;
  /// Once per attempt, after the attempt ended and the retry decision was made, before any backoff.
  virtual void on_attempt(const attempt_event&) {}
  /// Once per pool event (connect, TLS handshake, reuse, eviction, close).
  virtual void on_pool_event(const pool_event&) {}
};

}  // namespace flowsdk::http
