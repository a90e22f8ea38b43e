#pragma once
#include "flowsdk/http/event_source_options.hpp"

#include <chrono>

namespace flowsdk::tenex {

/// How runs::watch() and runs::wait_for_run() follow a run. Not an aggregate on purpose
/// (g++ 12 destroys aggregate temporaries built inside co_await twice).
class watch_options {
 public:
  watch_options() {
    // A drop is retried a few times, sooner than a browser would: a watch that cannot keep a
    // stream falls back to polling instead of waiting minutes.
    stream.reconnect_delay = std::chrono::milliseconds(1000);
    stream.max_reconnect_delay = std::chrono::milliseconds(10'000);
    stream.max_reconnects = 3;
    // 10ex sends a keepalive every 15 s: three missed ones mean the connection is gone.
    stream.read_idle = std::chrono::milliseconds(45'000);
  }

  /// false: never open the event stream, poll from the start.
  bool use_stream = true;
  /// The event stream's reconnection (the server's `retry:` wins over reconnect_delay), its
  /// idle timeout (45 s) and a Last-Event-ID to resume from. Each opening is one attempt: the
  /// source's reconnections are the retries.
  event_source_options stream;
  /// Polling (when the server will not stream, or after repeated drops): the first wait, and
  /// the cap it doubles up to; it starts again from the first wait after a change.
  std::chrono::milliseconds poll_initial{1000};
  std::chrono::milliseconds poll_max{10'000};
};

}  // namespace flowsdk::tenex
