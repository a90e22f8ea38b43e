#include "headers.hpp"

#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/request.hpp"
#include "flowsdk/http/response.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>

namespace flowsdk::http {

using detail::iequals;

resend_safety resend_safety_of(const request& req) noexcept {
  switch (req.declared) {
    case idempotency::idempotent:
      return {true, "the operation is declared idempotent"};
    case idempotency::not_idempotent:
      return {false, "the operation is declared not idempotent"};
    case idempotency::by_method:
      break;
  }
  if (!detail::find_header(req.headers, "idempotency-key").empty()) {
    return {true, "it carries an Idempotency-Key"};
  }
  switch (req.method) {
    case verb::get:
    case verb::head:
    case verb::put:
    case verb::delete_:
    case verb::options:
      return {true, "its method is idempotent"};
    default:
      return {false, "its method may have side effects and it carries no Idempotency-Key"};
  }
}

bool detail::iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool detail::dns_name(std::string_view host) noexcept {
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
  });
}

std::string_view detail::find_header(const header_list& headers, std::string_view name) noexcept {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return {};
}

std::string_view detail::request_id_of(const header_list& headers) noexcept {
  for (std::string_view name : {"x-request-id", "request-id", "cf-ray", "x-amzn-requestid"}) {
    if (auto v = find_header(headers, name); !v.empty()) return v;
  }
  return {};
}

std::string_view response::header(std::string_view name) const noexcept { return detail::find_header(headers, name); }

std::string origin::to_string() const { return (tls ? "https://" : "http://") + host + ":" + std::to_string(port); }

base_url base_url::parse(std::string_view url) {
  auto invalid = [&](const char* why) {
    // Never echo a URL that may carry user info (a password) into an error.
    const bool may_hold_secret = url.find('@') != std::string_view::npos;
    throw_invalid_argument("base URL \"" + (may_hold_secret ? std::string("<redacted>") : std::string(url)) +
                           "\": " + why);
  };
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) invalid("not an absolute URL");
  const auto& u = *parsed;
  base_url out;
  if (u.scheme() == "https") {
    out.origin.tls = true;
  } else if (u.scheme() == "http") {
    out.origin.tls = false;
  } else {
    invalid("the scheme must be http or https");
  }
  if (u.has_userinfo()) invalid("credentials in the URL are not supported; use the client's credentials");
  if (u.has_query() || u.has_fragment()) invalid("a base URL takes no query or fragment");
  out.origin.host = u.host_address();  // without IPv6 brackets; percent-decoded
  if (out.origin.host.empty()) invalid("no host");
  if (u.host_type() == boost::urls::host_type::name) {
    // The host goes into the Host header, SNI and name verification: after decoding it may
    // only hold what a DNS name can.
    if (!detail::dns_name(out.origin.host)) invalid("the host may only hold letters, digits, '-', '.' and '_'");
  }
  if (u.has_port()) {
    auto p = u.port();
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || ptr != p.data() + p.size() || value == 0 || value > 65535) invalid("bad port");
    out.origin.port = static_cast<std::uint16_t>(value);
  } else {
    out.origin.port = out.origin.tls ? 443 : 80;
  }
  out.path = std::string(u.encoded_path());
  // Boost.URL 1.81 reads "https://h:443a/b" as port 443 and path "a/b" (boostorg/url#636): a
  // path must start with '/', or requests would go out as "GET a/b/...".
  if (!out.path.empty() && out.path.front() != '/')
    invalid("what follows the host and port must be a path starting with \"/\"");
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  return out;
}

}  // namespace flowsdk::http
