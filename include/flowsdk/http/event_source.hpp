#pragma once
// The one engine for server-sent event streams: it opens the stream through the transport,
// parses events as bytes arrive, and reconnects with Last-Event-ID when the connection drops,
// like a browser's EventSource. Vendor layers give it the request and say which event ends the
// stream; event_stream<T> decodes its events into models.

#include "flowsdk/http/event_source_options.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/core/server_sent_event.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/request.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace flowsdk {

/// A lazy stream of server-sent events.
///
///     flowsdk::event_source events(transport, origin, std::move(req), is_terminal);
///     while (auto e = co_await events.next()) { ... e->type, e->data, e->id ... }
///
/// Nothing is sent before the first next(). The stream ends (next() returns nullopt) when the
/// server closes it after an event that `is_terminal` accepts, when it answers 204 (nothing
/// more will ever come), or after close(). Without an `is_terminal` test any clean end of the
/// body ends the stream. A body that ends without the terminal event, or breaks off, or sends
/// nothing for timeouts::read_idle, is a dropped connection: the source waits (the server's
/// `retry:` or event_source_options::reconnect_delay) and reconnects with Last-Event-ID, up to
/// max_reconnects times in a row without an event, then throws the last failure.
///
/// Errors (flowsdk::error) surface from next(): a 4xx on (re)connecting, a response that is
/// not `text/event-stream`, an event over the size limit, cancellation. One coroutine at a
/// time; the awaitables own what they use, so moving or destroying the source between calls
/// is safe. Destroying it closes the connection.
class event_source {
 public:
  /// Whether an event is the last one the server will send.
  using terminal_test = std::function<bool(const server_sent_event&)>;

  /// `req` is sent on every (re)connection with Accept: text/event-stream and, once an id is
  /// known, Last-Event-ID. Per-call options apply to each opening.
  event_source(http::transport transport, http::origin to, http::request req, terminal_test is_terminal = {},
               event_source_options options = {}, request_options per_call = {}, http::error_decoder decoder = nullptr);
  event_source(event_source&&) noexcept;
  event_source& operator=(event_source&&) noexcept;
  ~event_source();

  /// The next event, or nullopt once the stream has ended.
  boost::asio::awaitable<std::optional<server_sent_event>> next();

  /// The id of the last event handed out by next() ("" before any): save it to resume later
  /// with event_source_options::last_event_id.
  const std::string& last_event_id() const noexcept;
  /// Connections opened so far (the first one included).
  int connections() const noexcept;
  bool finished() const noexcept;

  /// Ends the stream and closes the connection; next() then returns nullopt. A next() waiting
  /// for bytes returns nullopt at once; one waiting to reconnect, when that wait ends.
  void close() noexcept;

 private:
  struct state;
  static boost::asio::awaitable<std::optional<server_sent_event>> next_on(std::shared_ptr<state> st);
  std::shared_ptr<state> state_;
};

}  // namespace flowsdk
