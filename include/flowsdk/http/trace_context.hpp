#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace flowsdk::http {

/// A W3C Trace Context (https://www.w3.org/TR/trace-context/) to propagate with a request: the
/// transport sends it as the `traceparent` header (and `tracestate` when given) on every
/// attempt of the call, unchanged. The SDK creates no spans: the parent id is the caller's
/// span, so retries of one call share it (docs/observability.md). A `traceparent` the caller
/// already put in `request_options::extra_headers` is never overwritten.
///
/// Set it per call (`request_options::trace`) or for every call of a client
/// (`transport_options::trace_provider`). A value type; copying it copies two short strings.
class trace_context {
 public:
  /// Parses and validates a `traceparent` header value: `version-traceid-parentid-flags`, lower
  /// case hex, 2-32-16-2 digits, neither id all zeros, version not `ff` (a version above 00 may
  /// carry more fields after the flags, which are kept as given). `tracestate` is sent as is,
  /// if it is at most 512 printable characters. Throws flowsdk::error (errc::invalid_argument)
  /// otherwise; no I/O.
  static trace_context parse(std::string_view traceparent, std::string_view tracestate = {});
  /// Like parse, but an invalid value gives an empty optional instead of throwing: for a value
  /// that came from outside (an incoming request's headers).
  static std::optional<trace_context> try_parse(std::string_view traceparent, std::string_view tracestate = {});
  /// A version 00 context from its parts (hex ids as parse expects them), e.g. an OpenTelemetry
  /// span context's. Throws as parse does.
  static trace_context make(std::string_view trace_id, std::string_view parent_id, bool sampled,
                            std::string_view tracestate = {});

  const std::string& traceparent() const noexcept { return traceparent_; }
  const std::string& tracestate() const noexcept { return tracestate_; }  ///< empty: not sent
  std::string_view trace_id() const noexcept { return std::string_view(traceparent_).substr(3, 32); }
  std::string_view parent_id() const noexcept { return std::string_view(traceparent_).substr(36, 16); }
  /// The `sampled` bit of the trace flags.
  bool sampled() const noexcept;

 private:
  trace_context(std::string traceparent, std::string tracestate)
      : traceparent_(std::move(traceparent)), tracestate_(std::move(tracestate)) {}
  std::string traceparent_;
  std::string tracestate_;
};

}  // namespace flowsdk::http
