#pragma once
// Typed server-sent events: an event_source whose events are decoded into T.

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/event_source.hpp"
#include "flowsdk/core/json.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/parse.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace flowsdk {

/// A lazy stream of events decoded into T.
///
///     while (auto e = co_await stream.next()) { ... *e is a T ... }
///
/// The decoder turns one server_sent_event into a T, or into nullopt to skip it (an event type
/// this version does not know: forward compatibility). Reconnection, ordering and the end of
/// the stream are the event_source's (see there). Errors, including a decoder's, surface from
/// next(). The awaitables own what they use; one coroutine at a time.
template <class T>
class event_stream {
 public:
  using value_type = T;
  using decode_function = std::function<std::optional<T>(const server_sent_event&)>;

  event_stream(event_source source, decode_function decode)
      : parts_(std::make_shared<parts>(parts{std::move(source), std::move(decode)})) {}

  /// The next decoded event, or nullopt once the stream has ended.
  boost::asio::awaitable<std::optional<T>> next() { return next_on(parts_); }

  /// The underlying source: its last event id, connection count, close().
  event_source& source() noexcept { return parts_->source; }

  /// Decodes an event's `data` as JSON into T (a described model or boost::json::value);
  /// throws flowsdk::error(errc::decode_error) naming the event when it does not fit.
  static T decode_json_data(const server_sent_event& e) {
    boost::system::error_code ec;
    boost::json::value doc = boost::json::parse(e.data, ec);
    if (ec) throw_bad_event(e, "not JSON: " + ec.message());
    try {
      return json::decode_as<T>(doc);
    } catch (const json::decode_exception& x) {
      throw_bad_event(e, x.what());
    }
  }

 private:
  struct parts {
    event_source source;
    decode_function decode;
  };

  [[noreturn]] static void throw_bad_event(const server_sent_event& e, std::string why) {
    error_details d;
    d.cause = "event \"" + e.type + "\" (id \"" + e.id + "\"): " + why;
    d.body = e.data.substr(0, error_details::body_excerpt_limit);
    throw error(errc::decode_error, std::move(d));
  }

  static boost::asio::awaitable<std::optional<T>> next_on(std::shared_ptr<parts> p) {
    for (;;) {
      std::optional<server_sent_event> e = co_await p->source.next();
      if (!e) co_return std::nullopt;
      std::optional<T> value = p->decode(*e);
      if (value) co_return value;
    }
  }

  std::shared_ptr<parts> parts_;
};

}  // namespace flowsdk
