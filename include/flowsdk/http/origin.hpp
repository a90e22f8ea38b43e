#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace flowsdk::http {

/// Scheme, host and port: what a pooled connection is keyed on.
struct origin {
  bool tls = true;
  std::string host;
  std::uint16_t port = 443;

  std::string to_string() const;  ///< "https://host:port"
  friend bool operator==(const origin&, const origin&) = default;
};

/// A service base URL split into the origin and the path every route is appended to.
struct base_url {
  http::origin origin;
  std::string path;  ///< no trailing slash; "" for the root

  /// Parses "https://host[:port][/path]" or "http://...". Throws flowsdk::error
  /// (errc::invalid_argument) for anything else, including user info or a query in the URL.
  static base_url parse(std::string_view url);
};

}  // namespace flowsdk::http
