#pragma once
#include "flowsdk/http/response.hpp"

#include <string>
#include <system_error>

namespace flowsdk::http {

/// The outcome of sending a request once.
struct attempt_result {
  /// Empty when `response` holds a whole response (of any status). Otherwise a flowsdk::errc:
  /// timeout, cancelled, resolve_failed, connect_failed, tls_failed, connection_lost,
  /// protocol_error or body_too_large.
  std::error_code error;
  /// False only when the request provably never left (it failed before any byte was written):
  /// such a request can be retried even if it has side effects.
  bool may_have_been_sent = true;
  std::string cause;  ///< the underlying system or TLS message behind `error`
  http::response response;
};

}  // namespace flowsdk::http
