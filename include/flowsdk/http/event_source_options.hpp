#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace flowsdk {

/// How an event_source reconnects and what it accepts. Defaults follow the 10ex proposal and
/// browsers' EventSource.
///
/// Not an aggregate on purpose (g++ 12 destroys aggregate temporaries built inside co_await twice).
class event_source_options {
 public:
  event_source_options() {}

  /// Wait before reconnecting until the server sets its own with a `retry:` field. Consecutive
  /// failed reconnections double it, up to max_reconnect_delay.
  std::chrono::milliseconds reconnect_delay{3000};
  std::chrono::milliseconds max_reconnect_delay{60'000};
  /// Reconnections in a row that bring no event before the last failure is thrown.
  int max_reconnects = 5;
  /// Larger events fail with errc::body_too_large. 0: the transport's max_body_bytes.
  std::size_t max_event_bytes = 0;
  /// Resume a stream read earlier: sent as Last-Event-ID on the first connection too.
  std::string last_event_id;
  /// A connection silent for this long (not even a keepalive comment) counts as dropped. Unset:
  /// the transport's timeouts::read_idle.
  std::optional<std::chrono::milliseconds> read_idle;
};

}  // namespace flowsdk
