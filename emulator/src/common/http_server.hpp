#pragma once
// The emulator's HTTP/1.1 transport: a listener and keep-alive sessions over plain TCP or TLS.
// It knows nothing about the emulated APIs: each request goes to a request_handler, which fills a
// `reply` that says what to send, and when, or how to misbehave instead.

#include "common/util.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace flowsdk::emulator::detail {

/// One step of a streamed response body (reply::stream).
struct stream_step {
  enum class then {
    more,  ///< ask for the next step
    end,   ///< send the last chunk: the body is complete and the connection may be reused
    drop,  ///< close the connection without the last chunk: the client sees a cut-off body
  };
  std::chrono::milliseconds delay{0};  ///< wait before sending `data` (the client may hang up meanwhile)
  std::string data;                    ///< one chunk; nothing is sent when empty
  then next = then::more;
};

/// Produces a streamed body one step at a time; called on the session's strand.
using stream_source = std::function<stream_step()>;

/// What the transport does with one request.
// The implicit move assignment is noexcept; clang-tidy sees beast::http::fields copying when the
// allocators differ, which std::allocator's never do.
struct reply {  // NOLINT(bugprone-exception-escape)
  enum class disposition {
    respond,   ///< send `response`, or stream its body from `stream` when that is set
    reset,     ///< send nothing; abort the TCP connection (RST for plain TCP)
    truncate,  ///< send `response`'s headers with its full Content-Length, half the body, then close
  };

  http_response response;
  disposition what = disposition::respond;
  /// Wait this long before acting (the client may give up meanwhile). duration::max(): wait until
  /// the server stops or the client closes.
  std::optional<std::chrono::milliseconds> delay;
  /// Set: `response` gives status and headers, and the body goes out chunked, step by step
  /// (server-sent events). With disposition::truncate the stream is dropped after its first step.
  stream_source stream;
};

class request_handler {
 public:
  virtual ~request_handler() = default;
  /// Called concurrently from every session. May move from `req` (its body, for instance).
  virtual void handle(http_request& req, reply& out) = 0;
};

struct transport_counters {
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> responses_sent{0};
};

struct transport_options {
  std::size_t max_request_body = 8 * 1024 * 1024;
  std::size_t max_request_header = 16 * 1024;
  std::chrono::seconds idle_timeout{120};      ///< keep-alive connection with no request
  std::chrono::seconds handshake_timeout{15};  ///< TLS handshake
};

class http_server : public std::enable_shared_from_this<http_server> {
 public:
  /// `tls` null: plain TCP. The handler and counters must outlive every session (they are shared).
  http_server(boost::asio::any_io_executor ex, std::shared_ptr<boost::asio::ssl::context> tls,
              std::shared_ptr<request_handler> handler, std::shared_ptr<transport_counters> counters,
              transport_options options);

  /// Binds, listens and starts accepting. Throws boost::system::system_error on bind failure.
  boost::asio::ip::tcp::endpoint listen(const std::string& host, std::uint16_t port);

  /// Closes the listener and every connection, including stalled ones. Idempotent, thread-safe;
  /// returns without waiting for the sessions to wind down.
  void stop();

  // Implementation details of http_server.cpp; nested so that they may read the members below.
  class session_base;
  template <class Stream>
  class session;

 private:
  static boost::asio::awaitable<void> accept_loop(std::shared_ptr<http_server> self);
  void start_session(boost::asio::ip::tcp::socket socket);
  void forget(std::uint64_t session_id);

  boost::asio::any_io_executor ex_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::shared_ptr<request_handler> handler_;
  std::shared_ptr<transport_counters> counters_;
  transport_options options_;

  std::mutex mutex_;
  bool stopped_ = false;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor_;  // lives on acceptor_strand_
  boost::asio::any_io_executor acceptor_strand_;
  std::uint64_t next_session_id_ = 0;
  std::string request_id_prefix_;  // random per server, so ids differ across servers too
  std::atomic<std::uint64_t> next_request_id_{0};
  std::unordered_map<std::uint64_t, std::weak_ptr<session_base>> sessions_;
};

}  // namespace flowsdk::emulator::detail
