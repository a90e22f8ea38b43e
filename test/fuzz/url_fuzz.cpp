// Fuzz target: base URLs and request targets: flowsdk::http::base_url::parse (src/http/message.cpp),
// flowsdk::percent_encode, target_builder and append_query (src/core/url.cpp) and the vendor
// layers' route (src/rest/route.hpp).
// Input, line by line: a base URL, then route steps, each a letter and its text:
//   l  a literal part (its text picks one of the routes the vendor layers use: literals are code)
//   i  an id                      q  key=value          f  key=value, put first
//   r  key=value, required        o  key=value, only when the value is not empty
//   n  key=number (query_if with an int)               a  key=value, appended to the finished target
//
// Invariants:
//  1. base_url::parse returns or throws flowsdk::error(errc::invalid_argument), nothing else; the
//     error never repeats a URL that holds '@' (user info may carry a password).
//  2. A parsed base URL: a non-empty host without control characters or space (it goes into the
//     Host header and SNI); a DNS name only of letters, digits, '-', '.', '_'; a port in 1..65535,
//     443 or 80 by default as the scheme says; a path empty or starting with '/', without a
//     trailing '/', '?', '#', space or control character; parsing origin.to_string() + path
//     again gives the same base URL (for name and IPv4 hosts).
//  3. percent_encode(x) holds only unreserved characters and "%XX" (upper-case hex) and decodes to x.
//  4. route::target() is exactly the base path, the literals and "/" + percent_encode(id), then
//     "?k=v&..." (query_first's pair first), or throws errc::invalid_argument when an id or a
//     required value is empty. Boost.URL reads the same decoded query pairs back.

#include "fuzz_check.hpp"

#include "rest/route.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/url.hpp"
#include "flowsdk/http/origin.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using flowsdk::http::base_url;

bool control_or_space(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }

bool dns_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool unreserved(char c) { return dns_char(c) || c == '~'; }  // RFC 3986 section 2.3

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;  // lower case is not what percent_encode writes
}

// Decodes an encoding percent_encode may have produced; nullopt if it is not one.
std::optional<std::string> strict_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      if (!unreserved(s[i])) return std::nullopt;
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const char decoded = static_cast<char>(hi * 16 + lo);
    if (unreserved(decoded)) return std::nullopt;  // never encoded
    out.push_back(decoded);
    i += 2;
  }
  return out;
}

void check_percent_encode(std::string_view raw) {
  const std::string encoded = flowsdk::percent_encode(raw);
  FUZZ_CHECK(strict_decode(encoded) == std::string(raw));
}

std::optional<base_url> check_base_url(std::string_view url) {
  base_url b;
  try {
    b = base_url::parse(url);
  } catch (const flowsdk::error& e) {
    FUZZ_CHECK(e.code() == flowsdk::errc::invalid_argument);
    if (url.find('@') != std::string_view::npos)
      FUZZ_CHECK(std::string_view(e.what()).find(url) == std::string_view::npos);
    return std::nullopt;
  }
  const auto& host = b.origin.host;
  FUZZ_CHECK(!host.empty());
  FUZZ_CHECK(std::none_of(host.begin(), host.end(), control_or_space));
  FUZZ_CHECK(b.origin.port != 0);
  const auto parsed = boost::urls::parse_uri(url);
  FUZZ_CHECK(parsed.has_value());
  const bool name = parsed->host_type() == boost::urls::host_type::name;
  if (name) FUZZ_CHECK(std::all_of(host.begin(), host.end(), dns_char));
  if (!parsed->has_port()) FUZZ_CHECK(b.origin.port == (b.origin.tls ? 443 : 80));
  FUZZ_CHECK(b.origin.tls == (parsed->scheme() == "https"));
  const auto& path = b.path;
  FUZZ_CHECK(path.empty() || (path.front() == '/' && path.back() != '/'));
  FUZZ_CHECK(path.find_first_of("?#") == std::string::npos);
  FUZZ_CHECK(std::none_of(path.begin(), path.end(), control_or_space));
  if (name || parsed->host_type() == boost::urls::host_type::ipv4) {
    const base_url again = base_url::parse(b.origin.to_string() + path);
    FUZZ_CHECK(again.origin == b.origin && again.path == b.path);
  }
  return b;
}

std::pair<std::string, std::string> key_value(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) return {std::string(text), ""};
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

constexpr std::string_view literals[] = {"/accounts", "/workflows", "/instances", "/versions", "/v1/flows",
                                         "/status",   "/events",    "/step",      "/rotate",   "/v1/tables",
                                         "/graph",    "/dag",       "/terminate", "/batch",    "/v1/records"};

void check_route(std::string_view steps, const std::string& base_path) {
  std::optional<flowsdk::rest::route> r;
  std::string expected_path = base_path;
  std::vector<std::pair<std::string, std::string>> expected_query, appended;
  bool must_fail = false;
  while (!steps.empty()) {
    const auto nl = steps.find('\n');
    const std::string_view line = steps.substr(0, nl);
    steps = nl == std::string_view::npos ? std::string_view() : steps.substr(nl + 1);
    if (line.empty()) continue;
    const char op = line.front();
    const std::string_view text = line.substr(1);
    auto [key, value] = key_value(text);
    if (op == 'l') {
      const std::string literal(literals[flowsdk::fuzz::hash(text) % std::size(literals)]);
      if (!r)
        r.emplace(literal);
      else
        r->then(literal);
      expected_path += literal;
      continue;
    }
    if (op == 'i') {
      if (!r) r.emplace("");
      r->id("the id", std::string(text));
      if (text.empty()) must_fail = true;
      expected_path += "/" + flowsdk::percent_encode(text);
      continue;
    }
    if (!r) r.emplace("");  // a query step before any path step goes on an empty route
    switch (op) {
      case 'q':
        r->query(key, value);
        expected_query.emplace_back(key, value);
        break;
      case 'f':
        r->query_first(key, value);
        expected_query.emplace(expected_query.begin(), key, value);
        break;
      case 'r':
        r->required_query("the required value", key, value);
        if (value.empty()) must_fail = true;
        expected_query.emplace_back(key, value);
        break;
      case 'o':
        r->query_if(key, value.empty() ? std::nullopt : std::optional<std::string>(value));
        if (!value.empty()) expected_query.emplace_back(key, value);
        break;
      case 'n': {
        int number = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        const bool ok = ec == std::errc() && end == value.data() + value.size();
        r->query_if(key, ok ? std::optional<int>(number) : std::nullopt);
        if (ok) expected_query.emplace_back(key, std::to_string(number));
        break;
      }
      case 'a':
        appended.emplace_back(key, value);
        break;
      default:
        break;
    }
  }
  if (!r) return;
  std::string target;
  try {
    target = r->target(base_path);
  } catch (const flowsdk::error& e) {
    FUZZ_CHECK(e.code() == flowsdk::errc::invalid_argument);
    FUZZ_CHECK(must_fail);
    return;
  }
  FUZZ_CHECK(!must_fail);
  for (const auto& [k, v] : appended) flowsdk::append_query(target, k, v);

  std::string expected = expected_path;
  bool first = true;
  for (const auto& pairs : {&expected_query, &appended}) {
    for (const auto& [k, v] : *pairs) {
      expected += first ? '?' : '&';
      first = false;
      expected += flowsdk::percent_encode(k) + "=" + flowsdk::percent_encode(v);
    }
  }
  FUZZ_CHECK(target == expected);

  if (target.empty() || target.front() != '/') return;
  const auto u = boost::urls::parse_origin_form(target);
  FUZZ_CHECK(u.has_value());
  std::vector<std::pair<std::string, std::string>> all = expected_query;
  all.insert(all.end(), appended.begin(), appended.end());
  FUZZ_CHECK(u->params().size() == all.size());
  std::size_t i = 0;
  for (const auto& p : u->params()) {
    FUZZ_CHECK(p.key == all[i].first && p.value == all[i].second);
    ++i;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_percent_encode(input);
  const auto nl = input.find('\n');
  const auto base = check_base_url(input.substr(0, nl));
  if (nl != std::string_view::npos) check_route(input.substr(nl + 1), base ? base->path : std::string());
  return 0;
}
