#pragma once
// Per-call overrides, accepted as the last argument of every API method.

#include "flowsdk/http/trace_context.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk {

namespace http {
class rate_budget;
}

/// Everything here is optional; what is not set comes from the client's transport options.
///
/// The class has a user-provided constructor on purpose: g++ 12 destroys an aggregate temporary
/// twice when it is built inside a co_await expression, and this type is meant to be written
/// inline, as in `co_await wf.get_run(id, request_options{})`.
class request_options {
 public:
  request_options() {}

  /// The whole public call, retries included, however many requests it makes (a create and
  /// its read-back, a project lookup first, every step of a builder).
  std::optional<std::chrono::milliseconds> timeout;
  /// An absolute end for the call, for a caller that already has one; the earlier of this and
  /// `timeout` applies. A method made of several requests sets it for them from `timeout`.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  std::optional<std::chrono::milliseconds> attempt_timeout;  ///< one attempt
  std::optional<int> max_retries;
  /// Sent as `Idempotency-Key`, and the POST is then retried like a GET. Set it only for a
  /// server that de-duplicates by that header: neither the Imbrace engine nor Cloudflare does,
  /// so there it would let a retried trigger run twice. (Any `Idempotency-Key` in
  /// extra_headers has the same effect.)
  std::optional<std::string> idempotency_key;
  std::vector<std::pair<std::string, std::string>> extra_headers;
  std::vector<std::pair<std::string, std::string>> extra_query;  ///< appended, percent-encoded
  /// A request budget (flowsdk/http/rate_budget.hpp) every attempt of this call, retries
  /// included, takes a token from before it is sent, waiting its turn within the call's
  /// deadline. Unset: the client's own budget, if it has one (a tenex client with
  /// client_options::requests_per_minute), else none.
  std::shared_ptr<http::rate_budget> budget;
  /// Sent as `traceparent` (and `tracestate`) on every attempt of this call, unless
  /// extra_headers already has a `traceparent` (flowsdk/http/trace_context.hpp). Unset: the
  /// client's transport_options::trace_provider, if any.
  std::optional<http::trace_context> trace;
};

}  // namespace flowsdk
