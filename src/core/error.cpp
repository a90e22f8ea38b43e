#include "flowsdk/core/error.hpp"

#include <string>

namespace flowsdk {
namespace {

class category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "flowsdk"; }

  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::bad_request: return "bad request";
      case errc::unauthorized: return "unauthorized";
      case errc::payment_required: return "payment required";
      case errc::forbidden: return "forbidden";
      case errc::not_found: return "not found";
      case errc::conflict: return "conflict";
      case errc::gone: return "gone";
      case errc::unprocessable: return "unprocessable entity";
      case errc::rate_limited: return "rate limited";
      case errc::client_error: return "client error";
      case errc::server_error: return "server error";
      case errc::unexpected_status: return "unexpected HTTP status";
      case errc::api_failure: return "the API reported a failure";
      case errc::timeout: return "timed out";
      case errc::cancelled: return "cancelled";
      case errc::resolve_failed: return "host name resolution failed";
      case errc::connect_failed: return "connect failed";
      case errc::tls_failed: return "TLS handshake or certificate verification failed";
      case errc::connection_lost: return "connection lost before the response was complete";
      case errc::protocol_error: return "protocol error";
      case errc::body_too_large: return "response body too large";
      case errc::decode_error: return "response could not be decoded";
      case errc::invalid_argument: return "invalid argument";
    }
    return "unknown flowsdk error";
  }
};

// "GET /v1/flows/x: 404 not found (ENTITY_NOT_FOUND: flow x not found) [request id r] after 1
// attempt". Built once, here, so every error reads the same.
std::string describe(const std::error_code& code, const error_details& d) {
  std::string s;
  if (!d.method.empty()) {
    s += d.method;
    s += ' ';
    s += d.target;
    s += ": ";
  }
  if (d.http_status != 0) {
    s += std::to_string(d.http_status);
    s += ' ';
  }
  s += code.message();
  if (!d.vendor_code.empty() || !d.vendor_message.empty()) {
    s += " (";
    s += d.vendor_code;
    if (!d.vendor_code.empty() && !d.vendor_message.empty()) s += ": ";
    s += d.vendor_message;
    if (d.vendor_errors.size() > 1) {
      s += " and ";
      s += std::to_string(d.vendor_errors.size() - 1);
      s += " more";
    }
    s += ')';
  }
  if (!d.cause.empty()) {
    s += ": ";
    s += d.cause;
  }
  if (!d.request_id.empty()) {
    s += " [request id ";
    s += d.request_id;
    s += ']';
  }
  if (d.attempts > 1) {
    s += " after ";
    s += std::to_string(d.attempts);
    s += " attempts";
  }
  return s;
}

}  // namespace

const std::error_category& error_category() noexcept {
  static const category_impl instance;
  return instance;
}

std::error_code make_error_code(errc e) noexcept {
  return {static_cast<int>(e), error_category()};
}

void throw_invalid_argument(std::string cause) {
  error_details d;
  d.cause = std::move(cause);
  throw error(errc::invalid_argument, std::move(d));
}

errc errc_from_status(unsigned status) noexcept {
  switch (status) {
    case 400: return errc::bad_request;
    case 401: return errc::unauthorized;
    case 402: return errc::payment_required;
    case 403: return errc::forbidden;
    case 404: return errc::not_found;
    case 409: return errc::conflict;
    case 410: return errc::gone;
    case 422: return errc::unprocessable;
    case 429: return errc::rate_limited;
    default: break;
  }
  if (status >= 500 && status < 600) return errc::server_error;
  if (status >= 400 && status < 500) return errc::client_error;
  return errc::unexpected_status;
}

namespace {

// Whether a JSON key names a credential: its string value never goes into an error.
bool secret_key(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c == '_' || c == '-') continue;
    k.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (std::string_view word : {"token", "secret", "password", "apikey", "authorization", "credential"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

// The end of the JSON string that starts at `open` (a quote): the index after its closing quote,
// or the size if it never closes (a truncated body).
std::size_t string_end(std::string_view s, std::size_t open) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\') ++i;
    else if (s[i] == '"') return i + 1;
  }
  return s.size();
}

// Replaces the string value of every secret-looking key by "<redacted>". A lexical pass, so it
// works on bodies that are truncated or not valid JSON at all.
std::string redact_secrets(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    if (body[i] != '"') {
      out.push_back(body[i++]);
      continue;
    }
    const std::size_t key_end = string_end(body, i);
    const std::string_view key = body.substr(i + 1, key_end > i + 1 ? key_end - i - 2 : 0);
    out.append(body.substr(i, key_end - i));
    i = key_end;
    std::size_t j = i;
    while (j < body.size() && (body[j] == ' ' || body[j] == '\n' || body[j] == '\r' || body[j] == '\t')) ++j;
    if (j >= body.size() || body[j] != ':' || !secret_key(key)) continue;
    ++j;
    while (j < body.size() && (body[j] == ' ' || body[j] == '\n' || body[j] == '\r' || body[j] == '\t')) ++j;
    if (j >= body.size() || body[j] != '"') continue;
    out.append(body.substr(i, j - i));
    out.append("\"<redacted>\"");
    i = string_end(body, j);
  }
  return out;
}

}  // namespace

error::error(errc code, error_details details) : error(make_error_code(code), std::move(details)) {}

error::error(std::error_code code, error_details details)
    : std::system_error(code), details_(std::move(details)) {
  if (details_.body.size() > error_details::body_excerpt_limit) {
    details_.body.resize(error_details::body_excerpt_limit);
  }
  details_.body = redact_secrets(details_.body);
  message_ = describe(code, details_);
}

}  // namespace flowsdk
