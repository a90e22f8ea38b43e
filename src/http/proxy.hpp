#pragma once
// Proxies as the transport uses them (docs/proxies.md): which proxy an origin goes through,
// the CONNECT request that opens a tunnel and what the proxy's answer means. No I/O here;
// connection.cpp does the exchange, beast_sender.cpp picks the route.

#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/proxy_options.hpp"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace flowsdk::http::detail {

/// One proxy: where it listens and the Proxy-Authorization value to send (empty: none).
struct proxy_endpoint {
  std::string host;  ///< without IPv6 brackets
  std::uint16_t port = 80;
  std::string authorization;  ///< "Basic <base64>": never put into a message

  /// "host:port" ("[::1]:3128"): how errors name the proxy. Holds no credentials.
  std::string where() const;
  friend bool operator==(const proxy_endpoint&, const proxy_endpoint&) = default;
};

/// A parsed proxy URL. `field` names it in the error ("proxy_options::https_proxy").
/// Throws errc::invalid_argument without the user info.
proxy_endpoint parse_proxy_url(std::string_view url, std::string_view field, const std::string& username,
                               const std::string& password);

/// One entry of a no_proxy list.
struct no_proxy_entry {
  std::string domain;                  ///< lower case, no leading or trailing dot; empty for an address
  std::vector<unsigned char> address;  ///< 4 or 16 bytes for an address or block
  unsigned prefix_bits = 0;            ///< of `address` that must match
  std::uint16_t port = 0;              ///< 0: any port
};

/// A no_proxy list: `bypass_all` for "*", the entries otherwise. Throws errc::invalid_argument
/// naming `field` and the entry for a malformed one (a no_proxy list holds no secrets).
struct no_proxy_list {
  bool bypass_all = false;
  std::vector<no_proxy_entry> entries;

  static no_proxy_list parse(std::string_view list, std::string_view field);
  /// Whether `to` is reached directly. Names match names and addresses match addresses:
  /// nothing is resolved.
  bool matches(const origin& to) const;
};

/// The proxies of one transport, checked once when it is built.
class proxy_routes {
 public:
  proxy_routes() = default;
  explicit proxy_routes(const proxy_options& options);

  /// The proxy for `to`, or null when it is reached directly.
  const proxy_endpoint* for_origin(const origin& to) const;

 private:
  std::optional<proxy_endpoint> https_;
  std::optional<proxy_endpoint> http_;
  no_proxy_list bypass_;
};

/// The bytes that ask `via` for a tunnel to `to`.
std::string connect_request(const origin& to, const proxy_endpoint& via, const std::string& user_agent);

/// How the proxy's answer to CONNECT is read: the header only (a 2xx has no body; the body of a
/// refusal is not read), at most connect_reply_limit bytes of it.
using connect_reply_parser = boost::beast::http::response_parser<boost::beast::http::empty_body>;
inline constexpr std::uint32_t connect_reply_limit = 8 * 1024;
void prepare(connect_reply_parser& parser);

/// Why `via` refused what it was `asked` ("CONNECT host:port", "to forward GET http://..."):
/// names the proxy and the status, and says what to do about a 407 (or a 401, which some
/// proxies send for wrong credentials). Never the credentials.
std::string refusal_cause(const proxy_endpoint& via, std::string_view asked, unsigned status, std::string_view reason);

/// What a complete answer to CONNECT means: empty for 2xx (the tunnel is open); otherwise the
/// errc (proxy_refused; connect_failed for a 5xx, as the proxy could not reach the origin) with
/// `cause` naming the proxy, the origin and the status, never the credentials.
std::error_code judge_connect_reply(unsigned status, std::string_view reason, const origin& to,
                                    const proxy_endpoint& via, std::string& cause);

/// "host:port", with brackets around an IPv6 address: how causes name a peer.
std::string host_and_port(const std::string& host, std::uint16_t port);

/// host_and_port of an origin: the CONNECT target.
std::string authority(const origin& to);

}  // namespace flowsdk::http::detail
