#include "flowsdk/http/trace_context.hpp"

#include "flowsdk/core/error.hpp"

#include <algorithm>

namespace flowsdk::http {

namespace {

bool lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool all_zeros(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

// What is wrong with a traceparent value (W3C Trace Context, section 3.2); null if nothing.
const char* traceparent_problem(std::string_view v) {
  // version "-" trace-id "-" parent-id "-" trace-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2.
  constexpr std::size_t length = 55;
  if (v.size() < length || v[2] != '-' || v[35] != '-' || v[52] != '-') {
    return "must be version-traceid-parentid-flags (2, 32, 16 and 2 hex digits)";
  }
  const std::string_view version = v.substr(0, 2);
  if (!lower_hex(version) || version == "ff") return "has an invalid version";
  // Version 00 has exactly these fields; a later version may append more after a '-'.
  if (v.size() > length && (version == "00" || v[length] != '-')) return "has extra characters after the flags";
  if (!lower_hex(v.substr(3, 32)) || all_zeros(v.substr(3, 32))) return "has an invalid trace id";
  if (!lower_hex(v.substr(36, 16)) || all_zeros(v.substr(36, 16))) return "has an invalid parent id";
  if (!lower_hex(v.substr(53, 2))) return "has invalid trace flags";
  return nullptr;
}

const char* tracestate_problem(std::string_view v) {
  if (v.size() > 512) return "tracestate is longer than 512 characters";
  if (!std::all_of(v.begin(), v.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; })) {
    return "tracestate holds a character that is not printable ASCII";
  }
  return nullptr;
}

}  // namespace

std::optional<trace_context> trace_context::try_parse(std::string_view traceparent, std::string_view tracestate) {
  if (traceparent_problem(traceparent) || tracestate_problem(tracestate)) return std::nullopt;
  return trace_context(std::string(traceparent), std::string(tracestate));
}

trace_context trace_context::parse(std::string_view traceparent, std::string_view tracestate) {
  // The value is not echoed: a malformed header may hold anything.
  if (const char* problem = traceparent_problem(traceparent))
    throw_invalid_argument(std::string("traceparent ") + problem);
  if (const char* problem = tracestate_problem(tracestate)) throw_invalid_argument(problem);
  return trace_context(std::string(traceparent), std::string(tracestate));
}

trace_context trace_context::make(std::string_view trace_id, std::string_view parent_id, bool sampled,
                                  std::string_view tracestate) {
  std::string v = "00-";
  v.append(trace_id);
  v += '-';
  v.append(parent_id);
  v += sampled ? "-01" : "-00";
  return parse(v, tracestate);
}

bool trace_context::sampled() const noexcept {
  const char low = traceparent_[54];
  const int flags = low >= 'a' ? low - 'a' + 10 : low - '0';
  return (flags & 1) != 0;
}

}  // namespace flowsdk::http
