#include "proxy.hpp"
#include "headers.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>

namespace flowsdk::http {

proxy_options proxy_options::via(std::string url) {
  proxy_options o;
  o.https_proxy = url;
  o.http_proxy = std::move(url);
  return o;
}

void proxy_options::validate() const { (void)detail::proxy_routes(*this); }

namespace detail {

namespace {

namespace asio = boost::asio;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string basic_authorization(const std::string& user, const std::string& password) {
  const std::string plain = user + ':' + password;
  std::string encoded(4 * ((plain.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
  encoded.resize(static_cast<std::size_t>(std::max(n, 0)));
  return "Basic " + encoded;
}

// A URL as an error may show it: whatever precedes the last '@' may be credentials.
std::string shown(std::string_view url) {
  const auto at = url.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return "<redacted>@" + std::string(url.substr(at + 1));
}

std::optional<std::vector<unsigned char>> address_bytes(std::string_view text) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v4()) {
    const auto b = address.to_v4().to_bytes();
    return std::vector<unsigned char>(b.begin(), b.end());
  }
  const auto b = address.to_v6().to_bytes();
  return std::vector<unsigned char>(b.begin(), b.end());
}

bool parse_number(std::string_view text, unsigned max, unsigned& value) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty() && value <= max;
}

// Keeps a proxy's reason phrase to printable ASCII and a sensible length: it is the proxy's text.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 80)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

}  // namespace

std::string host_and_port(const std::string& host, std::uint16_t port) {
  return (host.find(':') != std::string::npos ? '[' + host + ']' : host) + ':' + std::to_string(port);
}

std::string proxy_endpoint::where() const { return host_and_port(host, port); }

std::string authority(const origin& to) { return host_and_port(to.host, to.port); }

proxy_endpoint parse_proxy_url(std::string_view url, std::string_view field, const std::string& username,
                               const std::string& password) {
  auto invalid = [&](std::string_view why) {
    throw_invalid_argument(std::string(field) + " \"" + shown(url) + "\": " + std::string(why));
  };
  // "proxy:3128", as HTTPS_PROXY is often written, is an http proxy.
  const std::string text = url.find("://") == std::string_view::npos ? "http://" + std::string(url) : std::string(url);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) invalid("not a URL");
  if (lower(parsed->scheme()) != "http") {
    invalid("the scheme must be http (a TLS connection to the proxy, https://, and SOCKS are not supported)");
  }
  boost::urls::url without_userinfo(*parsed);
  without_userinfo.remove_userinfo();
  without_userinfo.set_scheme("http");  // "HTTP://" too: schemes are case-insensitive
  base_url where;
  try {
    // The checks of a service URL (host characters, port), on the URL without its user info.
    where = base_url::parse(without_userinfo.buffer());
  } catch (const error& e) {
    throw_invalid_argument(std::string(field) + ": " + e.details().cause);
  }
  if (!where.path.empty()) invalid("a proxy URL takes no path");

  proxy_endpoint p;
  p.host = where.origin.host;
  p.port = where.origin.port;
  if (!username.empty()) {
    if (username.find(':') != std::string::npos) {
      throw_invalid_argument("proxy_options::username must not hold ':' (Basic authentication cannot carry it)");
    }
    p.authorization = basic_authorization(username, password);
  } else if (!password.empty()) {
    throw_invalid_argument("proxy_options::password is set without proxy_options::username");
  } else if (parsed->has_userinfo()) {
    const std::string user = parsed->user();
    if (user.find(':') != std::string::npos) invalid("the user name must not hold ':'");
    p.authorization = basic_authorization(user, parsed->password());
  }
  return p;
}

no_proxy_list no_proxy_list::parse(std::string_view list, std::string_view field) {
  no_proxy_list out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (entry.empty()) continue;
    auto invalid = [&](std::string_view why) {
      throw_invalid_argument(std::string(field) + ": entry \"" + std::string(entry) + "\" " + std::string(why));
    };
    if (entry == "*") {
      out.bypass_all = true;
      continue;
    }
    no_proxy_entry e;
    std::string_view host = entry;
    std::string_view port;
    bool has_port = false;
    if (const auto slash = entry.find('/'); slash != std::string_view::npos) {
      // An address block: 10.0.0.0/8, fd00::/8 (no port).
      std::string_view address = entry.substr(0, slash);
      if (address.size() > 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
      auto bytes = address_bytes(address);
      if (!bytes) invalid("is not an address block (address/bits)");
      if (!parse_number(entry.substr(slash + 1), static_cast<unsigned>(bytes->size() * 8), e.prefix_bits))
        invalid("has a bad prefix length");
      e.address = std::move(*bytes);
      out.entries.push_back(std::move(e));
      continue;
    }
    if (host.front() == '[') {
      const auto close = host.find(']');
      if (close == std::string_view::npos) invalid("has an unclosed '['");
      if (close + 1 < host.size()) {
        if (host[close + 1] != ':') invalid("has something other than :port after ']'");
        port = host.substr(close + 2);
        has_port = true;
      }
      host = host.substr(1, close - 1);
    } else if (const auto colon = host.rfind(':');
               colon != std::string_view::npos && host.find(':') == colon) {  // one ':': host:port
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
      has_port = true;
    }
    if (has_port) {
      unsigned value = 0;
      if (!parse_number(port, 65535, value) || value == 0) invalid("has a bad port");
      e.port = static_cast<std::uint16_t>(value);
    }
    if (auto bytes = address_bytes(host)) {
      e.prefix_bits = static_cast<unsigned>(bytes->size() * 8);
      e.address = std::move(*bytes);
    } else {
      // ".example.com" and "*.example.com" say the same as "example.com"; so does a trailing dot.
      if (host.substr(0, 2) == "*.") host.remove_prefix(2);
      while (!host.empty() && host.front() == '.') host.remove_prefix(1);
      while (!host.empty() && host.back() == '.') host.remove_suffix(1);
      if (host.empty() || !dns_name(host)) invalid("is neither a host name, an IP address nor an address block");
      e.domain = lower(host);
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

bool no_proxy_list::matches(const origin& to) const {
  if (bypass_all) return true;
  if (entries.empty()) return false;
  const auto address = address_bytes(to.host);
  std::string host = lower(to.host);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (const auto& e : entries) {
    if (e.port != 0 && e.port != to.port) continue;
    if (address) {
      if (e.address.size() != address->size()) continue;
      const unsigned whole = e.prefix_bits / 8, rest = e.prefix_bits % 8;
      if (!std::equal(e.address.begin(), e.address.begin() + whole, address->begin())) continue;
      const auto mask = static_cast<unsigned char>(0xff00u >> rest);
      if (rest != 0 && ((e.address[whole] ^ (*address)[whole]) & mask) != 0) continue;
      return true;
    }
    if (e.domain.empty()) continue;
    if (host == e.domain) return true;
    if (host.size() > e.domain.size() && host.compare(host.size() - e.domain.size(), e.domain.size(), e.domain) == 0 &&
        host[host.size() - e.domain.size() - 1] == '.')
      return true;
  }
  return false;
}

proxy_routes::proxy_routes(const proxy_options& options) {
  if (!options.https_proxy.empty())
    https_ = parse_proxy_url(options.https_proxy, "proxy_options::https_proxy", options.username, options.password);
  if (!options.http_proxy.empty())
    http_ = parse_proxy_url(options.http_proxy, "proxy_options::http_proxy", options.username, options.password);
  bypass_ = no_proxy_list::parse(options.no_proxy, "proxy_options::no_proxy");
}

const proxy_endpoint* proxy_routes::for_origin(const origin& to) const {
  const auto& via = to.tls ? https_ : http_;
  if (!via || bypass_.matches(to)) return nullptr;
  return &*via;
}

std::string connect_request(const origin& to, const proxy_endpoint& via, const std::string& user_agent) {
  const std::string target = authority(to);
  std::string out = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n";
  if (!user_agent.empty()) out += "User-Agent: " + user_agent + "\r\n";
  if (!via.authorization.empty()) out += "Proxy-Authorization: " + via.authorization + "\r\n";
  out += "\r\n";
  return out;
}

void prepare(connect_reply_parser& parser) {
  parser.header_limit(connect_reply_limit);
  // A reply to CONNECT has no body to wait for: 2xx starts the tunnel, anything else is refused.
  parser.skip(true);
}

std::string refusal_cause(const proxy_endpoint& via, std::string_view asked, unsigned status, std::string_view reason) {
  std::string cause = "proxy " + via.where() + " answered " + std::string(asked) + " with " + std::to_string(status);
  if (!reason.empty()) cause += ' ' + printable(reason);
  // 407 is the proxy's own status; some proxies (tinyproxy) answer wrong credentials with 401.
  if (status == 407 || status == 401) {
    cause += via.authorization.empty()
                 ? ": it asks for credentials; set them in the proxy URL or proxy_options::username and password"
                 : ": it refused the credentials given";
  }
  return cause;
}

std::error_code judge_connect_reply(unsigned status, std::string_view reason, const origin& to,
                                    const proxy_endpoint& via, std::string& cause) {
  if (status >= 200 && status < 300) return {};
  cause = refusal_cause(via, "CONNECT " + authority(to), status, reason);
  // A 5xx: the proxy could not reach the origin. A connect failure, retried like one.
  if (status >= 500 && status < 600) return errc::connect_failed;
  return errc::proxy_refused;
}

}  // namespace detail
}  // namespace flowsdk::http
