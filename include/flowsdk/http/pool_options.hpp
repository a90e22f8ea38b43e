#pragma once
#include <chrono>
#include <cstddef>

namespace flowsdk::http {

/// Limits of the connection pool. There is one pool per origin (scheme, host, port).
struct pool_options {
  /// Connections open to one origin at most. Callers beyond it wait, first come first served,
  /// until a connection is returned or their attempt deadline passes (errc::timeout).
  std::size_t max_connections_per_origin = 32;
  /// An idle connection older than this since its last use is closed instead of reused.
  std::chrono::milliseconds idle_timeout{30'000};
  /// A connection older than this since it was opened is closed instead of reused.
  std::chrono::milliseconds max_connection_age{300'000};
};

}  // namespace flowsdk::http
