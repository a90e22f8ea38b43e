#pragma once
#include <chrono>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace flowsdk::http {

/// Something the connection pool of a Beast transport did for an attempt, as an observer
/// (flowsdk/http/observer.hpp) sees it. An attempt's pool events come before its attempt_event,
/// in the order they happened. The views are valid only during the observer's call. A transport
/// over a custom sender (a fake network) has no pool and reports none.
struct pool_event {
  enum class event_kind {
    connect,        ///< a new connection: name resolution and TCP connect (`duration`, `error`)
    tls_handshake,  ///< its TLS handshake, certificate verification included (`duration`, `error`)
    reuse,          ///< an idle pooled connection serves the attempt (`uses`, `idle_for`)
    /// An idle connection dropped before it could be reused; `reason`: "idle_timeout",
    /// "max_age" (pool_options) or "peer_closed" (the server closed it meanwhile).
    evict,
    /// The attempt's connection is closed instead of going back to the pool; `reason`: the
    /// errc of the failed exchange ("connection_lost", "timeout", "cancelled", ...),
    /// "server_close" (the response did not keep the connection open) or "stale" (a reused
    /// connection the server had closed; the request goes again on another one).
    close,
  };

  event_kind kind = event_kind::connect;
  std::string_view host;
  std::uint16_t port = 0;
  bool tls = true;
  std::chrono::microseconds duration{0};  ///< connect and tls_handshake only
  std::error_code error;                  ///< a connect or handshake that failed (a flowsdk::errc)
  std::string_view reason;                ///< evict and close
  std::uint64_t uses = 0;                 ///< requests the connection served before this event
  std::chrono::milliseconds idle_for{0};  ///< reuse and evict: time since the connection's last use
};

}  // namespace flowsdk::http
