#pragma once
// The one error model of flowsdk: every failed call throws flowsdk::error, a std::system_error
// whose code() (category "flowsdk") says what happened and whose details() carry what a person
// needs to act on it. Credentials never appear in either.

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace flowsdk {

/// What went wrong. HTTP statuses map to the first group; the rest are failures before or
/// instead of a usable response.
enum class errc {
  // The server answered with a non-success status.
  bad_request = 1,    ///< 400
  unauthorized,       ///< 401
  payment_required,   ///< 402 (Imbrace: QUOTA_EXCEEDED)
  forbidden,          ///< 403
  not_found,          ///< 404
  conflict,           ///< 409
  gone,               ///< 410
  unprocessable,      ///< 422
  rate_limited,       ///< 429
  client_error,       ///< any other 4xx
  server_error,       ///< 5xx
  unexpected_status,  ///< 1xx or 3xx (redirects are not followed)
  api_failure,        ///< a 2xx response whose body reports failure (Cloudflare `success: false`)
  // The exchange itself failed.
  timeout,           ///< a connect, attempt or whole-call deadline passed
  cancelled,         ///< the caller cancelled the operation
  resolve_failed,    ///< the host name did not resolve
  connect_failed,    ///< TCP connect failed (to the server, or to the proxy in between)
  proxy_refused,     ///< the HTTP proxy refused to carry the request (407, 403, ...): docs/proxies.md
  tls_failed,        ///< TLS handshake or certificate verification failed
  connection_lost,   ///< the connection closed or reset before a whole response arrived
  protocol_error,    ///< the response was not valid HTTP/1.1 (or a paginator cursor looped)
  body_too_large,    ///< the response body exceeded the configured limit
  decode_error,      ///< the body was not the JSON the API documents
  invalid_argument,  ///< the call was rejected before any I/O (e.g. an empty id)
};

const std::error_category& error_category() noexcept;
std::error_code make_error_code(errc e) noexcept;
/// The enumerator's name ("connection_lost"), for logs and metrics labels; "unknown" for a value
/// that is not one.
std::string_view errc_name(errc e) noexcept;

/// Throws flowsdk::error(errc::invalid_argument) with `cause`: the one way the SDK rejects a
/// call before any I/O.
[[noreturn]] void throw_invalid_argument(std::string cause);

/// The errc a non-success HTTP status maps to.
errc errc_from_status(unsigned status) noexcept;

/// One error as a vendor reports it; some APIs report several per response.
struct vendor_error {
  std::string code;
  std::string message;
  /// Where in the request the error is, outermost first, when the API says: a validation
  /// error's path such as {"body", "input", "lead_id"} or {"query", "limit"} (array indices as
  /// decimal text). Empty otherwise.
  std::vector<std::string> location;
};

/// Everything known about a failed call. Fields that do not apply are empty or zero.
struct error_details {
  std::string method;                       ///< "GET"
  std::string target;                       ///< path and query of the request (no credentials in it)
  unsigned http_status = 0;                 ///< 0 when no response arrived
  std::string vendor_code;                  ///< e.g. "ENTITY_NOT_FOUND", "FST_ERR_VALIDATION", "10001"
  std::string vendor_message;               ///< the API's own message
  std::vector<vendor_error> vendor_errors;  ///< every error the body lists (the first is vendor_code/message)
  std::string request_id;                   ///< the server's request id header, when sent
  std::optional<std::chrono::milliseconds> retry_after;  ///< from Retry-After / retry-after-ms
  int attempts = 0;                                      ///< how many times the request was sent (0: never)
  /// Response body, truncated to body_excerpt_limit bytes, with the value of every name
  /// that looks like a credential redacted, whatever its type (the names: docs/errors.md).
  std::string body;
  std::string cause;  ///< the underlying system or TLS message, if any

  static constexpr std::size_t body_excerpt_limit = 2048;
};

/// The exception every flowsdk call throws on failure.
class error : public std::system_error {
 public:
  error(errc code, error_details details);
  error(std::error_code code, error_details details);

  const error_details& details() const noexcept { return details_; }
  unsigned http_status() const noexcept { return details_.http_status; }

  /// One line: method and target, status, meaning, vendor code and message, request id, attempts.
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  error_details details_;
  std::string message_;
};

}  // namespace flowsdk

template <>
struct std::is_error_code_enum<flowsdk::errc> : std::true_type {};
