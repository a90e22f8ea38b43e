#pragma once
#include "flowsdk/http/body_source.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace flowsdk::http {

/// A 2xx response whose body is read as it arrives, from transport::open. It holds its
/// connection until the body has been read to the end (then the connection goes back to the
/// pool) or until close() or destruction (then the connection is closed: the unread rest of
/// the body cannot be skipped cheaply).
///
/// Movable, not copyable. Reads are sequential: await one before starting the next. The
/// awaitables own what they use, so a moved-from or destroyed stream does not dangle.
class response_stream {
 public:
  /// An empty stream: no status, already finished.
  response_stream();
  /// For the transport and for tests: `method` and `target` name the request in errors.
  response_stream(unsigned status, header_list headers, std::shared_ptr<body_source> body,
                  std::chrono::milliseconds read_idle, std::string method, std::string target);
  response_stream(response_stream&&) noexcept;
  response_stream& operator=(response_stream&&) noexcept;
  ~response_stream();

  unsigned status() const noexcept;
  const header_list& headers() const noexcept;
  /// The first header with this name (compared case-insensitively); empty if absent.
  std::string_view header(std::string_view name) const noexcept;

  /// The next bytes of the body, valid until the next read; empty once the body has ended.
  /// Throws flowsdk::error: errc::timeout when nothing arrives for the idle timeout,
  /// connection_lost when the body is cut short, cancelled, protocol_error.
  boost::asio::awaitable<std::string_view> read_some();

  /// Reads the rest of the body into one string; errc::body_too_large past `limit` bytes (the
  /// connection is then closed).
  boost::asio::awaitable<std::string> read_all(std::size_t limit);

  /// True once the whole body has been read (or the stream was closed or failed).
  bool finished() const noexcept;
  std::uint64_t bytes_read() const noexcept;

  /// How long a read may wait for the next byte (default: timeouts::read_idle).
  void set_read_idle(std::chrono::milliseconds idle) noexcept;

  /// Stops reading and closes the connection. A read in progress ends at once and returns an
  /// empty view, as at the end of the body. Idempotent. The one member that may be called
  /// from another thread while a read is pending (e.g. by a coroutine that gives up on the
  /// stream); the others, like an Asio socket's, are for one coroutine at a time.
  void close() noexcept;

 private:
  struct state;
  static boost::asio::awaitable<std::string_view> read_next(std::shared_ptr<state> st);
  static boost::asio::awaitable<std::string> read_rest(std::shared_ptr<state> st, std::size_t limit);
  std::shared_ptr<state> state_;
};

}  // namespace flowsdk::http
