#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace flowsdk::http {

/// One attempt of a request, as an observer (flowsdk/http/observer.hpp) sees it once the
/// attempt has ended and the retry loop has decided what comes next. The views point into the
/// transport's own data and are valid only during the observer's call: copy what you keep.
/// Fields that do not apply are empty or zero (docs/observability.md lists them all).
struct attempt_event {
  /// What the transport does after this attempt.
  enum class decision_kind {
    succeeded,   ///< a 2xx response: the call returns it
    will_retry,  ///< another attempt follows after `backoff`
    failed,      ///< the call fails with this attempt's error (`reason` says why it is not retried)
  };

  std::string_view method;  ///< "GET"
  /// Path and query, with the value of every query parameter whose name looks secret (token,
  /// key, sig, signature, password, secret, code, access_token, api_key, ...) and every
  /// credential-shaped word (`tnx_...` keys, JWTs) replaced by `<redacted>`.
  std::string_view target;
  std::string_view host;
  std::uint16_t port = 0;
  bool tls = true;
  int attempt = 0;      ///< 1 for the first send of the call
  unsigned status = 0;  ///< 0 when no response arrived
  /// A flowsdk::errc when the attempt failed without a response (timeout, connection_lost,
  /// connect_failed, tls_failed, cancelled, ...); empty when a response arrived, whatever its status.
  std::error_code error;
  std::string_view cause;  ///< the system or TLS message behind `error` (credential-shaped words redacted)
  decision_kind decision = decision_kind::failed;
  /// Why: for will_retry, what made the attempt worth repeating (the status, e.g. "503", or the
  /// errc, e.g. "connection_lost"), or "Retry-After" when the server's header chose the delay;
  /// for failed: "not retryable", "not idempotent", "retries exhausted", "deadline" (the next
  /// attempt would end after the call's deadline), "Retry-After too long" or "cancelled";
  /// empty for succeeded.
  std::string_view reason;
  std::chrono::milliseconds backoff{0};  ///< the wait before the next attempt (will_retry only)
  /// From the attempt's start (after any request-budget wait) to its end: waiting for a pooled
  /// connection, connecting, writing, reading the response (only its headers when streamed).
  std::chrono::microseconds duration{0};
  std::string_view request_id;     ///< the server's request id header, when a response had one
  std::size_t bytes_sent = 0;      ///< the request body
  std::size_t bytes_received = 0;  ///< the response body read (0 for a stream opened: read later)
  bool streamed = false;           ///< transport::open (an event stream, a download)
  std::string_view traceparent;    ///< the `traceparent` header sent, if any
};

}  // namespace flowsdk::http
