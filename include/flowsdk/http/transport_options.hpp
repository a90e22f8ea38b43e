#pragma once
#include "flowsdk/core/retry_policy.hpp"
#include "flowsdk/http/observer.hpp"
#include "flowsdk/http/pool_options.hpp"
#include "flowsdk/http/proxy_options.hpp"
#include "flowsdk/http/timeouts.hpp"
#include "flowsdk/http/tls_options.hpp"
#include "flowsdk/http/trace_context.hpp"
#include "flowsdk/version.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace flowsdk::http {

/// Everything about how a client talks to servers. Defaults suit production use.
struct transport_options {
  pool_options pool;
  tls_options tls;
  /// HTTP proxies (docs/proxies.md). Default: none, whatever the environment says; from_env()
  /// reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY into it.
  proxy_options proxy;
  http::timeouts timeouts;
  retry_policy retry;
  /// A response body larger than this fails with errc::body_too_large while it is read, before
  /// it is stored; the connection is closed.
  std::size_t max_body_bytes = 32 * 1024 * 1024;
  std::string user_agent = "flowsdk-cpp/" FLOWSDK_VERSION_STRING;

  /// Called for every attempt and connection pool event of every call (flowsdk/http/observer.hpp,
  /// docs/observability.md), on the calling coroutine's executor. Null: nothing is observed,
  /// at no cost. Shared by every copy of these options and every client made from them.
  std::shared_ptr<http::observer> observer;
  /// The trace context of a call whose request_options::trace is unset, asked once per call
  /// before its first attempt, on the calling coroutine's executor (e.g. the current
  /// OpenTelemetry span's; docs/observability.md). Empty, or an empty optional: none is sent.
  std::function<std::optional<trace_context>()> trace_provider;

  /// Seams for tests: how to wait between retries, what time it is (for Retry-After dates) and
  /// where jitter comes from. Empty means a steady_timer, the system clock and a PRNG.
  std::function<boost::asio::awaitable<void>(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::system_clock::time_point()> now;
  std::function<double()> random01;
};

}  // namespace flowsdk::http
