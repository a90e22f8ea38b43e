#pragma once
#include "flowsdk/tenex/models/run_event.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace flowsdk::tenex {

namespace detail {
struct watch_state;
}

/// The live progress of one run, made by runs::watch() or runs::trigger_and_watch():
///
///     auto watch = tenex.runs().watch(run_id);
///     while (auto e = co_await watch.next()) { ... e->kind, e->step_id, e->output ... }
///
/// It reads `GET /runs/{id}/events`, resuming after a dropped connection with Last-Event-ID so
/// that nothing is lost, and skipping any event whose `seq` it has already handed out, so that
/// nothing comes twice. When the server will not stream (an answer that is not
/// text/event-stream, or a stream that keeps failing) it falls back to polling
/// `GET /runs/{id}` and `GET /runs/{id}/steps` with backoff and makes up the same events from
/// what changed (`synthesized`), starting with a fresh run.snapshot. Either way next() returns
/// nullopt after the terminal event (or when the server says nothing more will come, 204).
///
/// Errors (flowsdk::error) from next(): 401/403/404, cancellation (which closes the socket),
/// and polling requests that fail after their retries. One coroutine at a time; copies share
/// one watch; the awaitables own what they use.
class run_watch {
 public:
  /// An empty watch, whose next() returns nullopt at once (what asio's co_spawn needs to
  /// report an exception alongside a value).
  run_watch() = default;
  explicit run_watch(std::shared_ptr<detail::watch_state> state) : state_(std::move(state)) {}

  /// The next event, or nullopt once the run has ended.
  boost::asio::awaitable<std::optional<run_event>> next();

  const std::string& run_id() const noexcept;
  /// Whether the watch has fallen back to polling.
  bool polling() const noexcept;
  /// The highest server `seq` handed out so far (0 before any): resume a later watch after it
  /// with watch_options::stream.last_event_id.
  std::int64_t last_seq() const noexcept;
  /// Ends the watch and closes its connection; next() then returns nullopt. Call it from the
  /// coroutine that awaits next() (or between calls).
  void close() noexcept;

 private:
  std::shared_ptr<detail::watch_state> state_;
};

}  // namespace flowsdk::tenex
