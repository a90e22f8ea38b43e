#pragma once
#include <string>

namespace flowsdk::http {

/// HTTP proxies a transport goes through (docs/proxies.md). The default is no proxy: the
/// environment is read only by `client_options::from_env()` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).
///
/// An https origin is reached through a `CONNECT host:port` tunnel: TLS runs inside it, end to
/// end with the origin, and the certificate is verified against the origin's name, never the
/// proxy's. An http origin is reached by sending the request to the proxy in absolute form
/// (`GET http://host:port/path`). Credentials go in `Proxy-Authorization: Basic`.
///
/// A proxy URL is `[http://][user[:password]@]host[:port]`: the scheme is http (a TLS connection
/// to the proxy itself is not supported), the port defaults to 80, user and password are
/// percent-decoded, a path other than "/" is refused. The URLs are checked when the transport is
/// built; an invalid one fails it with errc::invalid_argument naming the field, never showing
/// the credentials. A proxy that refuses (407, 403, any other non-2xx answer to CONNECT) fails
/// the attempt with errc::proxy_refused naming the proxy's host and port (not retried).
struct proxy_options {
  /// The proxy for https origins; empty: https origins are reached directly.
  std::string https_proxy;
  /// The proxy for http origins; empty: http origins are reached directly.
  std::string http_proxy;
  /// Proxy credentials. When `username` is set, these replace the user info of the URLs.
  /// The username may not hold ':' (Basic authentication could not carry it).
  std::string username;
  std::string password;
  /// Hosts reached directly, comma separated, compared ignoring case: `*` (every host), a
  /// domain (`example.com` or `.example.com` match example.com and every name under it, at a
  /// label boundary: not `badexample.com`), an IP address (`10.1.2.3`, `::1` or `[::1]`; never
  /// compared with names, nothing is resolved), an address block (`10.0.0.0/8`), each with an
  /// optional `:port` that limits it to that port. Blanks around entries are ignored.
  std::string no_proxy;

  /// One proxy for https and http origins alike.
  static proxy_options via(std::string url);

  /// True when any origin may go through a proxy.
  bool enabled() const noexcept { return !https_proxy.empty() || !http_proxy.empty(); }

  /// Checks the URLs, credentials and no_proxy list as the transport will. Throws
  /// flowsdk::error (errc::invalid_argument) naming the field and what is wrong; the message
  /// holds neither the password nor the URL's user info. No I/O.
  void validate() const;
};

}  // namespace flowsdk::http
