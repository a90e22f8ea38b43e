#pragma once
// One keep-alive HTTP/1.1 connection, plain or TLS. Owned by the pool between requests and by
// a lease during one; never used by two requests at once.
//
// Threading: a connection lives on a strand of its own. Every operation on it (connect,
// exchange, body reads, close) and its destruction run there, so Beast's timeout handlers, the
// idle watch and the I/O they interrupt never run at the same time on a multi-threaded
// io_context, whichever thread the request came from. run_on (strand_hop.hpp) takes a request
// onto the strand and back; connection_ptr's deleter closes and destroys it there.

#include "proxy.hpp"

#include "flowsdk/http/attempt_result.hpp"
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/request.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace flowsdk::http::detail {

using steady_clock = std::chrono::steady_clock;
/// A connection's strand, as a standard executor only. Beast's stream operations keep work on
/// their I/O executor; for an asio::strand they take the old executor interface
/// (on_work_started), which a strand of an any_io_executor declares but cannot compile. This
/// wrapper offers execute, query, require and prefer, each passed to the strand.
class connection_strand {
 public:
  using inner_type = boost::asio::strand<boost::asio::any_io_executor>;

  explicit connection_strand(inner_type strand) noexcept : strand_(std::move(strand)) {}

  template <class Function>
  void execute(Function&& f) const {
    strand_.execute(std::forward<Function>(f));
  }

  template <class Property>
  auto query(const Property& p) const noexcept(noexcept(std::declval<const inner_type&>().query(p)))
      -> decltype(std::declval<const inner_type&>().query(p)) {
    return strand_.query(p);
  }

  template <class Property>
  auto require(const Property& p) const -> decltype(connection_strand(std::declval<const inner_type&>().require(p))) {
    return connection_strand(strand_.require(p));
  }

  template <class Property>
  auto prefer(const Property& p) const -> decltype(connection_strand(std::declval<const inner_type&>().prefer(p))) {
    return connection_strand(strand_.prefer(p));
  }

  friend bool operator==(const connection_strand& a, const connection_strand& b) noexcept {
    return a.strand_ == b.strand_;
  }
  friend bool operator!=(const connection_strand& a, const connection_strand& b) noexcept {
    return a.strand_ != b.strand_;
  }

 private:
  inner_type strand_;
};
using strand_type = connection_strand;

/// A coroutine that runs on a connection's strand, typed by the strand itself rather than by
/// any_io_executor: each operation it starts then keeps work on the strand as it is, where a
/// strand inside an any_io_executor is allocated anew for every operation (docs/connection-pool.md).
template <class T>
using on_strand = boost::asio::awaitable<T, strand_type>;
/// The completion token of an on_strand coroutine's operations of a connection's setup.
inline constexpr boost::asio::use_awaitable_t<strand_type> use_strand{};
/// The completion token of its operations of each request: the coroutine awaits a deferred
/// operation itself, where use_awaitable wraps each in a coroutine frame of its own; the error
/// code comes first in the tuple the co_await gives.
inline constexpr auto awaited = boost::asio::as_tuple(boost::asio::deferred);

/// A connection's TCP stream, typed by its strand too: Beast's operations on it (each read,
/// write and timeout) keep work on the stream's executor, and a strand inside an
/// `any_io_executor` is a heap copy each time.
using tcp_stream = boost::beast::basic_stream<boost::asio::ip::tcp, strand_type>;

/// What an exchange learned about the connection besides the response.
struct exchange_status {
  bool reusable = false;   ///< the whole response was read and the server keeps the connection open
  bool stale = false;      ///< failed before a response byte, as a server-closed idle socket does
  bool connected = false;  ///< a new connection was opened for this exchange
  // Connect timings, taken only when `timed` (an observer is installed): start, TCP up, done.
  bool timed = false;
  steady_clock::time_point connect_started, tcp_connected, connect_done;
};

class connection {
 public:
  /// `tls` is null for plain HTTP. Every member function below must be called on `strand`.
  connection(strand_type strand, std::shared_ptr<boost::asio::ssl::context> tls);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  const strand_type& strand() const noexcept { return strand_; }

  /// Resolves, connects and (for TLS) handshakes with verification, by `deadline`. Through a
  /// proxy (`via` not null) it connects to the proxy; for TLS it asks for a CONNECT tunnel to
  /// `to` and handshakes with `to` inside it, else later requests go to the proxy in absolute
  /// form. Returns an empty error_code on success, a flowsdk::errc otherwise (with `cause` set).
  /// `tcp_connected`, if given, receives when the TCP connection (and a proxy's tunnel) was up,
  /// before any TLS handshake.
  on_strand<std::error_code> connect(const origin& to, const proxy_endpoint* via, bool verify_peer,
                                     const std::string& user_agent, steady_clock::time_point deadline,
                                     std::string& cause, steady_clock::time_point* tcp_connected = nullptr);

  /// Writes `req` and reads the whole response (body at most `max_body` bytes) by `deadline`.
  on_strand<attempt_result> exchange(const origin& to, const request& req, const std::string& user_agent,
                                     steady_clock::time_point deadline, std::size_t max_body, exchange_status& status);

  /// Writes `req` and reads only the response header by `deadline`; the body stays on the wire
  /// for read_body_some. `status.reusable` is decided when the body ends.
  on_strand<attempt_result> open(const origin& to, const request& req, const std::string& user_agent,
                                 steady_clock::time_point deadline, exchange_status& status);

  /// After open(): reads the next body bytes into `into` by `deadline`. Returns how many bytes
  /// arrived (at least one unless the body ended or failed); `done` once the body is complete.
  on_strand<std::size_t> read_body_some(boost::asio::mutable_buffer into, steady_clock::time_point deadline, bool& done,
                                        std::error_code& error, std::string& cause);

  /// After read_body_some reported `done`: whether the connection may serve another request.
  bool body_reusable() const noexcept { return body_reusable_; }

  void close() noexcept;

  /// Makes the pending operation end at once with operation_aborted (a stream reader's abort).
  void cancel() noexcept;

  /// True when the server has closed its end (a FIN is waiting): checked without blocking before
  /// an idle connection is reused, so a request is not written into a dead socket. The one
  /// member that may run off the strand: the pool calls it on an idle connection, which has no
  /// operation pending, under its lock.
  bool peer_closed() noexcept;

  /// The TCP layer (under TLS, if any).
  tcp_stream& tcp() noexcept;

  steady_clock::time_point created;
  steady_clock::time_point last_used;
  std::uint64_t uses = 0;

 private:
  using tls_stream = boost::beast::ssl_stream<tcp_stream>;

  // After an open or a connect: no deadline while idle, and the idle clock restarts.
  void io_done() noexcept;

  // Puts the request (head and body) into head_, for exchange_on and open_on to write.
  void write_head(const origin& to, const request& req, const std::string& user_agent);
  struct io_done_on_exit;
  struct exchange_done_on_exit;

  // Asks the proxy this TCP connection reached for a tunnel to `to` (docs/proxies.md).
  on_strand<std::error_code> open_tunnel(const origin& to, const proxy_endpoint& via, const std::string& user_agent,
                                         std::string& cause);
  template <class Stream>
  on_strand<attempt_result> exchange_on(Stream& stream, const request& req, std::size_t max_body,
                                        exchange_status& status);
  template <class Stream>
  on_strand<attempt_result> open_on(Stream& stream, const request& req, exchange_status& status);
  template <class Stream>
  on_strand<std::size_t> read_body_on(Stream& stream, boost::asio::mutable_buffer into, bool& done,
                                      std::error_code& error, std::string& cause);

  strand_type strand_;
  std::shared_ptr<boost::asio::ssl::context> tls_;  // before the stream, which uses it
  std::variant<tcp_stream, tls_stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::string head_;  // the request being written, head and body
  // The parser of a response whose body is being streamed (between open and the body's end).
  std::optional<boost::beast::http::response_parser<boost::beast::http::buffer_body>> streaming_;
  bool body_reusable_ = false;
  // Plain HTTP through a proxy: targets go in absolute form, with the proxy's credentials.
  bool forwarded_ = false;
  std::string proxy_authorization_;

  // The connection's own deadline timer, for an exchange and for a streamed body's idle period.
  // A tcp_stream expiry arms, cancels and completes a timer for every socket read and write (two
  // or more per exchange; a fifth of a stream's client CPU). This one is armed once per exchange
  // (5 % fewer instructions per request), and for a stream it fires about once per idle period
  // and re-arms itself while reads keep moving the deadline forward.
  struct deadline_watch;
  enum class on_expiry {
    cancel,  // a body read: the pending read ends, the next one gets a new idle period
    close,   // an exchange: whatever of it is pending or still to start fails (the call's deadline)
  };
  void watch(steady_clock::time_point deadline, on_expiry action);
  void stop_watching() noexcept;
  bool watch_expired() const noexcept;
  std::shared_ptr<deadline_watch> watch_;
};

/// Closes and destroys a connection on its strand, after whatever handler of it is queued there.
/// If the io_context never runs that again, destroying the io_context destroys the connection.
struct connection_deleter {
  void operator()(connection* c) const noexcept;
};
using connection_ptr = std::unique_ptr<connection, connection_deleter>;

/// A new, unconnected connection on a new strand of `executor`.
connection_ptr make_connection(const boost::asio::any_io_executor& executor,
                               std::shared_ptr<boost::asio::ssl::context> tls);

}  // namespace flowsdk::http::detail
