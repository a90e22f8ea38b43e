#pragma once
#include "flowsdk/http/body_source.hpp"
#include "flowsdk/http/response.hpp"

#include <memory>

#include <string>
#include <system_error>

namespace flowsdk::http {

/// The outcome of sending a request once.
struct attempt_result {
  /// Empty when `response` holds a whole response (of any status). Otherwise a flowsdk::errc:
  /// timeout, cancelled, resolve_failed, connect_failed, proxy_refused, tls_failed,
  /// connection_lost, protocol_error or body_too_large.
  std::error_code error;
  /// False only when the request provably never left (it failed before any byte was written):
  /// such a request can be retried even if it has side effects.
  bool may_have_been_sent = true;
  std::string cause;  ///< the underlying system or TLS message behind `error`
  http::response response;
  /// Set only by sender::open for a response whose body is still on the wire: `response` then
  /// has the status and headers, and its body is read from here.
  std::shared_ptr<body_source> body_stream;
};

}  // namespace flowsdk::http
