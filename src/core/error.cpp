#include "flowsdk/core/error.hpp"

#include "redact.hpp"

#include <algorithm>

#include <string>

namespace flowsdk {
namespace {

class category_impl final : public std::error_category {
 public:
  const char* name() const noexcept override { return "flowsdk"; }

  std::string message(int value) const override {
    switch (static_cast<errc>(value)) {
      case errc::bad_request:
        return "bad request";
      case errc::unauthorized:
        return "unauthorized";
      case errc::payment_required:
        return "payment required";
      case errc::forbidden:
        return "forbidden";
      case errc::not_found:
        return "not found";
      case errc::conflict:
        return "conflict";
      case errc::gone:
        return "gone";
      case errc::unprocessable:
        return "unprocessable entity";
      case errc::rate_limited:
        return "rate limited";
      case errc::client_error:
        return "client error";
      case errc::server_error:
        return "server error";
      case errc::unexpected_status:
        return "unexpected HTTP status";
      case errc::api_failure:
        return "the API reported a failure";
      case errc::timeout:
        return "timed out";
      case errc::cancelled:
        return "cancelled";
      case errc::resolve_failed:
        return "host name resolution failed";
      case errc::connect_failed:
        return "connect failed";
      case errc::proxy_refused:
        return "the proxy refused the request";
      case errc::tls_failed:
        return "TLS handshake or certificate verification failed";
      case errc::connection_lost:
        return "connection lost before the response was complete";
      case errc::protocol_error:
        return "protocol error";
      case errc::body_too_large:
        return "response body too large";
      case errc::decode_error:
        return "response could not be decoded";
      case errc::invalid_argument:
        return "invalid argument";
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

std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), error_category()}; }

std::string_view errc_name(errc e) noexcept {
  switch (e) {
    case errc::bad_request:
      return "bad_request";
    case errc::unauthorized:
      return "unauthorized";
    case errc::payment_required:
      return "payment_required";
    case errc::forbidden:
      return "forbidden";
    case errc::not_found:
      return "not_found";
    case errc::conflict:
      return "conflict";
    case errc::gone:
      return "gone";
    case errc::unprocessable:
      return "unprocessable";
    case errc::rate_limited:
      return "rate_limited";
    case errc::client_error:
      return "client_error";
    case errc::server_error:
      return "server_error";
    case errc::unexpected_status:
      return "unexpected_status";
    case errc::api_failure:
      return "api_failure";
    case errc::timeout:
      return "timeout";
    case errc::cancelled:
      return "cancelled";
    case errc::resolve_failed:
      return "resolve_failed";
    case errc::connect_failed:
      return "connect_failed";
    case errc::proxy_refused:
      return "proxy_refused";
    case errc::tls_failed:
      return "tls_failed";
    case errc::connection_lost:
      return "connection_lost";
    case errc::protocol_error:
      return "protocol_error";
    case errc::body_too_large:
      return "body_too_large";
    case errc::decode_error:
      return "decode_error";
    case errc::invalid_argument:
      return "invalid_argument";
  }
  return "unknown";
}

void throw_invalid_argument(std::string cause) {
  error_details d;
  d.cause = std::move(cause);
  throw error(errc::invalid_argument, std::move(d));
}

errc errc_from_status(unsigned status) noexcept {
  switch (status) {
    case 400:
      return errc::bad_request;
    case 401:
      return errc::unauthorized;
    case 402:
      return errc::payment_required;
    case 403:
      return errc::forbidden;
    case 404:
      return errc::not_found;
    case 409:
      return errc::conflict;
    case 410:
      return errc::gone;
    case 422:
      return errc::unprocessable;
    case 429:
      return errc::rate_limited;
    default:
      break;
  }
  if (status >= 500 && status < 600) return errc::server_error;
  if (status >= 400 && status < 500) return errc::client_error;
  return errc::unexpected_status;
}

namespace {

// Whether a key names a credential: its value never goes into an error. Case, '_', '-' and '.'
// are ignored; the list is the one docs/errors.md gives.
bool secret_key(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c == '_' || c == '-' || c == '.') continue;
    k.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  for (std::string_view word : {"token", "secret", "password", "passwd", "pwd", "apikey", "authkey", "authorization",
                                "credential", "privatekey", "jwt", "cookie", "session", "signature", "bearer"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The name character at `i`, literal or as a JSON escape (`\u0074` is 't'), and its length in
// the body; 0 if there is none.
std::size_t name_char_at(std::string_view s, std::size_t i, char& c) {
  if (name_char(s[i])) {
    c = s[i];
    return 1;
  }
  if (s[i] != '\\' || i + 6 > s.size() || s[i + 1] != 'u') return 0;
  int code = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int d = hex_digit(s[k]);
    if (d < 0) return 0;
    code = code * 16 + d;
  }
  if (code > 0x7f || !name_char(static_cast<char>(code))) return 0;
  c = static_cast<char>(code);
  return 6;
}

// The end of the JSON string that starts at `open` (a quote): the index after its closing quote,
// or the size if it never closes (a truncated body).
std::size_t string_end(std::string_view s, std::size_t open) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\')
      ++i;
    else if (s[i] == '"')
      return i + 1;
  }
  return s.size();
}

// The end of the value that starts at `i`: a string, an array or object (to its balanced end),
// or a bare word (a number, a literal, or text up to a delimiter: not a blank, for `Bearer <token>`).
std::size_t value_end(std::string_view s, std::size_t i) {
  if (s[i] == '"') return string_end(s, i);
  if (s[i] == '[' || s[i] == '{') {
    int depth = 0;
    for (std::size_t j = i; j < s.size(); ++j) {
      if (s[j] == '"') {
        j = string_end(s, j) - 1;
      } else if (s[j] == '[' || s[j] == '{') {
        ++depth;
      } else if ((s[j] == ']' || s[j] == '}') && --depth == 0) {
        return j + 1;
      }
    }
    return s.size();
  }
  std::size_t j = i;
  while (j < s.size() && std::string_view(",;&}]\r\n\"'<").find(s[j]) == std::string_view::npos) ++j;
  return j;
}

bool blank(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Where a value starts after `from`: past blanks, one of `separators`, and blanks; npos if none.
std::size_t value_start(std::string_view s, std::size_t from, std::string_view separators) {
  while (from < s.size() && blank(s[from])) ++from;
  if (from >= s.size() || separators.find(s[from]) == std::string_view::npos) return std::string_view::npos;
  ++from;
  while (from < s.size() && blank(s[from])) ++from;
  return from < s.size() ? from : std::string_view::npos;
}

// A word that is a credential by its shape, wherever it appears: a 10ex API key (`tnx_...`) or
// a JWT (three base64url parts, the first `eyJ`, which is how `{"` encodes).
bool credential_shaped(std::string_view word) {
  if (word.size() > 4 && word.substr(0, 4) == "tnx_") return true;
  return word.size() > 3 && word.substr(0, 3) == "eyJ" && std::count(word.begin(), word.end(), '.') == 2;
}

// Replaces the value of every secret-looking name by "<redacted>": `"token": "..."` and
// `token=...` alike, whatever the value's type. A lexical pass that does not track quotes, so
// it works on bodies that are truncated, not JSON, or have unbalanced quotes; it may redact a
// little more than needed, never less.
std::string redact_secrets(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    char c;
    if (name_char_at(body, i, c) == 0) {
      out.push_back(body[i++]);
      continue;
    }
    const std::size_t start = i;
    std::string name;
    for (std::size_t len; i < body.size() && (len = name_char_at(body, i, c)) != 0; i += len) name.push_back(c);
    if (credential_shaped(name)) {
      out.append("<redacted>");
      continue;
    }
    out.append(body.substr(start, i - start));
    if (!secret_key(name)) continue;
    std::size_t j = i;
    if (j < body.size() && body[j] == '"') ++j;  // the closing quote of a key
    // A value followed by ':' was really the next key (`token:\n"password": "x"`, or a planted
    // pair in malformed JSON): its value goes too, since its name is gone from the output.
    for (std::string_view separators = ":=";; separators = ":") {
      const std::size_t value = value_start(body, j, separators);
      if (value == std::string_view::npos) break;
      const std::size_t end = value_end(body, value);
      if (end == value) break;
      out.append(body.substr(i, value - i));
      out.append("\"<redacted>\"");
      i = j = end;
    }
  }
  return out;
}

}  // namespace

// Replaces every credential-shaped word of `text` by "<redacted>": for messages, which are prose.
std::string detail::redact_credential_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!name_char(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && name_char(text[j])) ++j;
    const std::string_view word = text.substr(i, j - i);
    out.append(credential_shaped(word) ? std::string_view("<redacted>") : word);
    i = j;
  }
  return out;
}

std::string detail::redact_target(std::string_view target) {
  const std::size_t query = target.find('?');
  std::string out(target.substr(0, query == std::string_view::npos ? target.size() : query + 1));
  std::size_t i = out.size();
  while (query != std::string_view::npos && i < target.size()) {
    std::size_t end = target.find('&', i);
    if (end == std::string_view::npos) end = target.size();
    const std::string_view pair = target.substr(i, end - i);
    const std::size_t eq = pair.find('=');
    const std::string_view raw_name = pair.substr(0, eq);
    std::string name;  // percent-decoded: `api%5Fkey` is `api_key`
    for (std::size_t k = 0; k < raw_name.size(); ++k) {
      const int hi = k + 2 < raw_name.size() && raw_name[k] == '%' ? hex_digit(raw_name[k + 1]) : -1;
      const int lo = hi >= 0 ? hex_digit(raw_name[k + 2]) : -1;
      if (lo >= 0) {
        name.push_back(static_cast<char>(hi * 16 + lo));
        k += 2;
      } else {
        name.push_back(raw_name[k]);
      }
    }
    std::string lowered;
    for (char c : name) lowered.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    const bool secret = secret_key(name) || lowered == "key" || lowered == "sig" || lowered == "code";
    if (secret && eq != std::string_view::npos) {
      out.append(raw_name);
      out.append("=<redacted>");
    } else {
      out.append(pair);
    }
    if (end < target.size()) out.push_back('&');
    i = end + 1;
  }
  return redact_credential_words(out);
}

error::error(errc code, error_details details) : error(make_error_code(code), std::move(details)) {}

error::error(std::error_code code, error_details details) : std::system_error(code), details_(std::move(details)) {
  if (details_.body.size() > error_details::body_excerpt_limit) {
    details_.body.resize(error_details::body_excerpt_limit);
  }
  details_.body = redact_secrets(details_.body);
  // A server may quote the credential it refused ("unknown key tnx_..."): messages too.
  details_.vendor_message = detail::redact_credential_words(details_.vendor_message);
  for (auto& e : details_.vendor_errors) e.message = detail::redact_credential_words(e.message);
  details_.cause = detail::redact_credential_words(details_.cause);
  message_ = describe(code, details_);
}

}  // namespace flowsdk
