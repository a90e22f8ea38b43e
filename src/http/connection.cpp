#include "connection.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/wait_traits.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/basic_parser.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cerrno>
#include <tuple>
#include <poll.h>
#include <sys/socket.h>

namespace flowsdk::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr std::uint32_t header_limit = 64 * 1024;

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

bool lost_connection(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::error::not_connected ||
         ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::ssl::error::stream_truncated;
}

// Maps an error of the write or read phase to the errc a user sees.
std::error_code classify_exchange_error(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return errc::timeout;
  if (ec == asio::error::operation_aborted) return errc::cancelled;
  if (ec == bhttp::error::body_limit) return errc::body_too_large;
  if (lost_connection(ec)) return errc::connection_lost;
  if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category()) return errc::protocol_error;
  return errc::connection_lost;
}

// The Host header's value: the port only when it is not the scheme's default.
void append_host(std::string& out, const origin& to) {
  const bool ipv6 = to.host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += to.host;
  if (ipv6) out += ']';
  if (to.port != (to.tls ? 443 : 80)) {
    out += ':';
    out += std::to_string(to.port);
  }
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

// A connection keeps the capacity of the buffer it writes requests from up to this much; after a
// larger body it lets it go.
constexpr std::size_t kept_request_capacity = 64 * 1024;

// Parses a whole response straight into http::response: no Beast message or fields between the
// wire and what the transport returns (each field was an allocation, and its copy another).
// The limits (header size, body size) and the framing are basic_parser's own.
class response_reader final : public bhttp::basic_parser<false> {
 public:
  explicit response_reader(response& into) : into_(into) {}

 private:
  void on_request_impl(bhttp::verb, beast::string_view, beast::string_view, int, beast::error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, beast::error_code&) override {
    into_.status = static_cast<unsigned>(code);
  }
  void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value, beast::error_code&) override {
    into_.headers.emplace_back(std::string(name.data(), name.size()), std::string(value.data(), value.size()));
  }
  void on_header_impl(beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) override {
    // Within the body limit here: basic_parser refused a larger Content-Length already.
    if (length) into_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(beast::string_view piece, beast::error_code&) override {
    into_.body.append(piece.data(), piece.size());
    return piece.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view piece, beast::error_code&) override {
    into_.body.append(piece.data(), piece.size());
    return piece.size();
  }
  void on_finish_impl(beast::error_code&) override {}

  response& into_;
};

// What the user can change after a refused certificate (docs/tls.md).
std::string verification_hint(long verdict) {
  switch (verdict) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return "; the certificate names other hosts: connect by a name it lists";
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "; check the server's certificate dates and this machine's clock";
    default:
      return "; to trust the CA that issued the server's certificate, set tls_options::ca_file or "
             "tls_options::ca_pem to it, or add it to the system store";
  }
}

}  // namespace

struct connection::deadline_watch {
  explicit deadline_watch(const strand_type& strand) : timer(strand) {}
  // Typed by the strand, like the stream: each wait keeps work on it without a heap copy.
  boost::asio::basic_waitable_timer<steady_clock, asio::wait_traits<steady_clock>, strand_type> timer;
  steady_clock::time_point deadline;
  connection* owner = nullptr;   // null while nothing is watched, or once the connection is gone
  std::uint64_t generation = 0;  // a wait of an earlier generation was cancelled: it must do nothing
  on_expiry action = on_expiry::cancel;
  bool armed = false;
  bool expired = false;
};

connection::connection(strand_type strand, std::shared_ptr<asio::ssl::context> tls)
    : created(steady_clock::now()),
      last_used(created),
      strand_(std::move(strand)),
      tls_(std::move(tls)),
      stream_(tls_ ? decltype(stream_)(std::in_place_type<tls_stream>, strand_, *tls_)
                   : decltype(stream_)(std::in_place_type<tcp_stream>, strand_)) {
  // Beast sizes each socket read by the buffer's free capacity (512 bytes at least): without
  // room, a 16 KiB TLS record comes out in 32 reads.
  buffer_.reserve(16 * 1024);
  // Asio asks OpenSSL to free a connection's record buffers whenever they are empty, which
  // costs an allocation and a free per record read or written. A pooled connection is busy
  // again soon: it keeps them (about 34 KiB per open TLS connection, docs/connection-pool.md).
  if (auto* tls_stream_ptr = std::get_if<tls_stream>(&stream_))
    SSL_clear_mode(tls_stream_ptr->native_handle(), SSL_MODE_RELEASE_BUFFERS);
}

connection::~connection() { stop_watching(); }

void connection_deleter::operator()(connection* c) const noexcept {
  std::unique_ptr<connection> owned(c);
  const strand_type strand = owned->strand();
  struct close_and_destroy {
    std::unique_ptr<connection> conn;
    void operator()() {
      conn->close();
      conn.reset();
    }
  };
  try {
    // Inline when already on the strand; queued behind the connection's handlers otherwise.
    asio::dispatch(strand, close_and_destroy{std::move(owned)});
  } catch (...) {
    // Out of memory queueing it: the handler, and with it the connection, was destroyed here.
  }
}

connection_ptr make_connection(const asio::any_io_executor& executor, std::shared_ptr<asio::ssl::context> tls) {
  return connection_ptr(new connection(strand_type(asio::make_strand(executor)), std::move(tls)));
}

void connection::watch(steady_clock::time_point deadline, on_expiry action) {
  if (!watch_) watch_ = std::make_shared<deadline_watch>(strand_);
  watch_->deadline = deadline;  // later body reads only move it forward
  watch_->owner = this;
  watch_->action = action;
  watch_->expired = false;
  if (watch_->armed && deadline >= watch_->timer.expiry()) return;  // the wait re-arms itself
  if (watch_->armed) {
    ++watch_->generation;  // a shorter deadline: the pending wait is too late
    try {
      watch_->timer.cancel();
    } catch (...) {
    }
  }
  struct on_timer {
    std::shared_ptr<deadline_watch> w;
    std::uint64_t generation;
    void operator()(const boost::system::error_code& ec) const {
      if (generation != w->generation) return;
      w->armed = false;
      if (ec || !w->owner) return;
      if (steady_clock::now() < w->deadline) {
        w->armed = true;
        w->timer.expires_at(w->deadline);
        w->timer.async_wait(on_timer{w, generation});
        return;
      }
      w->expired = true;
      boost::system::error_code ignored;
      auto& socket = w->owner->tcp().socket();
      // A cancel ends only an operation waiting in the reactor; one whose bytes had just come
      // is not stopped by it. An exchange is over at its deadline, so its socket is closed and
      // every later read or write of it fails at once, as a tcp_stream expiry does. A body read
      // that outlived its idle period just ends (its reader decides).
      if (w->action == on_expiry::close) {
        socket.close(ignored);
      } else {
        socket.cancel(ignored);
      }
    }
  };
  watch_->armed = true;
  watch_->timer.expires_at(deadline);
  watch_->timer.async_wait(on_timer{watch_, watch_->generation});
}

bool connection::watch_expired() const noexcept { return watch_ && watch_->expired; }

void connection::stop_watching() noexcept {
  if (!watch_) return;
  watch_->owner = nullptr;
  ++watch_->generation;
  if (watch_->armed) {
    watch_->armed = false;
    try {
      watch_->timer.cancel();
    } catch (...) {
      // Nothing to do: the wait belongs to an old generation and will be ignored when it ends.
    }
  }
}

tcp_stream& connection::tcp() noexcept {
  if (auto* s = std::get_if<tls_stream>(&stream_)) return s->next_layer();
  return *std::get_if<tcp_stream>(&stream_);  // noexcept: the variant holds one of the two
}

void connection::io_done() noexcept {
  tcp().expires_never();
  last_used = steady_clock::now();
}

void connection::close() noexcept {
  boost::system::error_code ignored;
  tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  tcp().socket().close(ignored);
}

void connection::cancel() noexcept {
  boost::system::error_code ignored;
  tcp().socket().cancel(ignored);
}

bool connection::peer_closed() noexcept {
  auto& socket = tcp().socket();
  if (!socket.is_open()) return true;
  // POLLRDHUP reports the server's FIN even behind pending bytes, such as the TLS close_notify
  // alert a server sends before closing an idle connection.
  pollfd p{socket.native_handle(), POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) < 0) return true;
  if (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return true;
  // Bytes waiting on an idle plain-HTTP connection belong to no request: the stream is out of
  // step. On TLS they may be session tickets, which the next exchange reads.
  return (p.revents & POLLIN) && std::holds_alternative<tcp_stream>(stream_);
}

on_strand<std::error_code> connection::connect(const origin& to, const proxy_endpoint* via, bool verify_peer,
                                               const std::string& user_agent, steady_clock::time_point deadline,
                                               std::string& cause, steady_clock::time_point* tcp_connected) {
  boost::system::error_code ec;
  auto ex = co_await asio::this_coro::executor;

  // Through a proxy, the TCP connection goes to the proxy; TLS is still with `to`.
  const std::string& host = via ? via->host : to.host;
  const std::uint16_t port = via ? via->port : to.port;
  asio::ip::tcp::resolver resolver(ex);
  const auto flags = is_ip_literal(host) ? asio::ip::resolver_base::numeric_host : asio::ip::resolver_base::flags();
  auto endpoints =
      co_await resolver.async_resolve(host, std::to_string(port), flags, asio::redirect_error(use_strand, ec));
  // Every cause names host:port: "connect failed" alone does not say which of a program's
  // services is down. A proxy is named as one, by host and port only (never its credentials).
  const std::string where = via ? "proxy " + via->where() : authority(to);
  if (ec) {
    cause = "resolve " + where + ": " + ec.message();
    co_return ec == asio::error::operation_aborted ? errc::cancelled : errc::resolve_failed;
  }

  tcp().expires_at(deadline);
  co_await tcp().async_connect(endpoints, asio::redirect_error(use_strand, ec));
  if (ec) {
    cause = "connect to " + where + ": " + ec.message();
    if (ec == beast::error::timeout) co_return errc::timeout;
    co_return ec == asio::error::operation_aborted ? errc::cancelled : errc::connect_failed;
  }
  tcp().socket().set_option(asio::ip::tcp::no_delay(true), ec);

  forwarded_ = via && !to.tls;
  if (forwarded_) proxy_authorization_ = via->authorization;
  if (via && to.tls) {
    const std::error_code refused = co_await open_tunnel(to, *via, user_agent, cause);
    if (refused) co_return refused;
  }
  if (tcp_connected) *tcp_connected = steady_clock::now();

  if (auto* tls = std::get_if<tls_stream>(&stream_)) {
    const std::string server = via ? authority(to) + " through proxy " + via->where() : authority(to);
    if (!is_ip_literal(to.host)) {
      // SNI: servers that host several names pick the certificate by it.
      if (!SSL_set_tlsext_host_name(tls->native_handle(), to.host.c_str())) {
        cause = "TLS handshake with " + server + ": could not set the TLS server name";
        co_return errc::tls_failed;
      }
    }
    if (verify_peer) {
      tls->set_verify_mode(asio::ssl::verify_peer);
      // The name is checked by OpenSSL's own chain verification, which then records why a
      // certificate was refused ("hostname mismatch", "certificate has expired", ...).
      X509_VERIFY_PARAM* param = SSL_get0_param(tls->native_handle());
      const bool named = is_ip_literal(to.host) ? X509_VERIFY_PARAM_set1_ip_asc(param, to.host.c_str()) == 1
                                                : SSL_set1_host(tls->native_handle(), to.host.c_str()) == 1;
      if (!named) {
        cause = "TLS handshake with " + server + ": could not set the host name to verify";
        co_return errc::tls_failed;
      }
    } else {
      tls->set_verify_mode(asio::ssl::verify_none);
    }
    co_await tls->async_handshake(asio::ssl::stream_base::client, asio::redirect_error(use_strand, ec));
    if (ec) {
      cause = "TLS handshake with " + server + ": " + ec.message();
      const long verdict = SSL_get_verify_result(tls->native_handle());
      if (verify_peer && verdict != X509_V_OK) {
        cause += ": ";
        cause += X509_verify_cert_error_string(verdict);
        cause += verification_hint(verdict);
      }
      if (ec == beast::error::timeout) co_return errc::timeout;
      if (ec == asio::error::operation_aborted) co_return errc::cancelled;
      co_return errc::tls_failed;
    }
  }
  tcp().expires_never();
  co_return std::error_code{};
}

on_strand<std::error_code> connection::open_tunnel(const origin& to, const proxy_endpoint& via,
                                                   const std::string& user_agent, std::string& cause) {
  // Named before the co_await (docs/coroutine-hazards.md): the request outlives the write.
  const std::string ask = connect_request(to, via, user_agent);
  boost::system::error_code ec;
  co_await asio::async_write(tcp(), asio::buffer(ask), asio::redirect_error(use_strand, ec));
  connect_reply_parser parser;
  prepare(parser);
  if (!ec) co_await bhttp::async_read_header(tcp(), buffer_, parser, asio::redirect_error(use_strand, ec));
  const std::string asked = "CONNECT " + authority(to);
  if (!ec) {
    const auto& reply = parser.get();
    const std::error_code refused = judge_connect_reply(reply.result_int(), reply.reason(), to, via, cause);
    if (refused) co_return refused;
    if (buffer_.size() != 0) {
      // Nothing may come before the server's first TLS record, which answers our ClientHello.
      cause = "proxy " + via.where() + " sent bytes after its answer to " + asked + ", before the TLS handshake";
      co_return errc::protocol_error;
    }
    co_return std::error_code{};
  }
  // The request provably never reached the origin: the caller treats these as never sent.
  if (ec == beast::error::timeout) {
    cause = "proxy " + via.where() + " did not answer " + asked + " before the connect deadline";
    co_return errc::timeout;
  }
  if (ec == asio::error::operation_aborted) {
    cause = asked + " through proxy " + via.where() + ": " + ec.message();
    co_return errc::cancelled;
  }
  if (lost_connection(ec)) {
    cause = "proxy " + via.where() + " closed the connection before answering " + asked;
    co_return errc::connect_failed;
  }
  if (ec == bhttp::error::header_limit) {
    cause = "proxy " + via.where() + " answered " + asked + " with a header larger than " +
            std::to_string(connect_reply_limit) + " bytes";
    co_return errc::protocol_error;
  }
  cause = "proxy " + via.where() + " answered " + asked + " with something other than HTTP: " + ec.message();
  co_return ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() ? errc::protocol_error
                                                                                            : errc::connect_failed;
}

// exchange and open are not coroutines themselves: one coroutine frame per request fewer. What
// they do before the work starts happens when they are called, which on_connection awaits at once.
on_strand<attempt_result> connection::exchange(const origin& to, const request& req, const std::string& user_agent,
                                               steady_clock::time_point deadline, std::size_t max_body,
                                               exchange_status& status) {
  ++uses;
  write_head(to, req, user_agent);
  watch(deadline, on_expiry::close);
  return std::visit([&](auto& stream) { return exchange_on(stream, req, max_body, status); }, stream_);
}

on_strand<attempt_result> connection::open(const origin& to, const request& req, const std::string& user_agent,
                                           steady_clock::time_point deadline, exchange_status& status) {
  tcp().expires_at(deadline);
  ++uses;
  write_head(to, req, user_agent);
  return std::visit([&](auto& stream) { return open_on(stream, req, status); }, stream_);
}

void connection::write_head(const origin& to, const request& req, const std::string& user_agent) {
  // The request is written by hand into a buffer the connection keeps, so its capacity carries
  // over from one request to the next: no Beast message, fields or serializer to build, and one
  // write. transport::send checked every header name and value (check_headers), and routes
  // percent-encode the target, so nothing here can end a line early.
  if (head_.capacity() > kept_request_capacity) std::string().swap(head_);  // after a large body
  head_.clear();
  head_ += bhttp::to_string(req.method);
  head_ += ' ';
  if (forwarded_) {
    // A proxy is sent the absolute form of the target (RFC 9112, section 3.2.2).
    head_ += "http://";
    append_host(head_, to);
  }
  head_ += req.target;
  head_ += " HTTP/1.1\r\nHost: ";
  append_host(head_, to);
  head_ += "\r\n";
  if (forwarded_ && !proxy_authorization_.empty()) append_header(head_, "Proxy-Authorization", proxy_authorization_);
  if (!user_agent.empty()) append_header(head_, "User-Agent", user_agent);
  for (const auto& [name, value] : req.headers) append_header(head_, name, value);
  if (!req.content_type.empty()) append_header(head_, "Content-Type", req.content_type);
  const bool has_body = !req.body.empty() || req.method == bhttp::verb::post || req.method == bhttp::verb::put ||
                        req.method == bhttp::verb::patch;
  if (has_body) append_header(head_, "Content-Length", std::to_string(req.body.size()));
  head_ += "\r\n";
  // The body too, even a large one: a copy costs less than the TLS records it goes out in, and a
  // single buffer is written the same way whatever its size.
  head_ += req.body;
}

namespace {

// An exchange whose write failed: a failure before any response byte.
void write_failed(const boost::system::error_code& ec, exchange_status& status, attempt_result& result) {
  status.stale = lost_connection(ec);
  result.error = classify_exchange_error(ec);
  result.cause = ec.message();
}

// An exchange cut short by its deadline: the watch closed the socket under it, so `ec` says only
// that (operation_aborted, or bad_descriptor for an operation started afterwards).
void timed_out(exchange_status& status, attempt_result& result, const char* what) {
  status.stale = false;
  result.error = errc::timeout;
  result.cause = what;
}

}  // namespace

// After an open, whichever way it ends: no deadline while idle.
struct connection::io_done_on_exit {
  connection& conn;
  ~io_done_on_exit() { conn.io_done(); }
};

// After an exchange, whichever way it ends: its deadline no longer watched, the idle clock restarted.
struct connection::exchange_done_on_exit {
  connection& conn;
  ~exchange_done_on_exit() {
    conn.stop_watching();
    conn.last_used = steady_clock::now();
  }
};

template <class Stream>
on_strand<attempt_result> connection::exchange_on(Stream& stream, const request& req, std::size_t max_body,
                                                  exchange_status& status) {
  exchange_done_on_exit done{*this};
  attempt_result result;
  boost::system::error_code ec;
  std::tie(ec, std::ignore) = co_await asio::async_write(stream, asio::buffer(head_), awaited);
  if (ec) {
    if (watch_expired()) {
      timed_out(status, result, "the request was not written before the deadline (the server did not read it)");
    } else {
      write_failed(ec, status, result);
    }
    co_return result;
  }

  result.response.headers.reserve(8);
  response_reader parser(result.response);
  parser.header_limit(header_limit);
  parser.body_limit(max_body);
  if (req.method == bhttp::verb::head) parser.skip(true);
  std::tie(ec, std::ignore) = co_await bhttp::async_read(stream, buffer_, parser, awaited);
  if (ec) {
    if (watch_expired()) {
      timed_out(status, result,
                parser.got_some() ? "the response did not end before the deadline" : "no response before the deadline");
    } else {
      status.stale = !parser.got_some() && lost_connection(ec);
      result.error = classify_exchange_error(ec);
      result.cause = ec.message();
    }
    result.response = {};  // what arrived of a broken response is not a response
    co_return result;
  }
  // Reused only when the server keeps the connection and sent nothing beyond this response (and
  // the deadline, reached as the last bytes came, did not close it).
  status.reusable = parser.keep_alive() && buffer_.size() == 0 && !watch_expired();
  co_return result;
}

template <class Stream>
on_strand<attempt_result> connection::open_on(Stream& stream, const request& req, exchange_status& status) {
  io_done_on_exit done{*this};
  attempt_result result;
  boost::system::error_code ec;
  std::tie(ec, std::ignore) = co_await asio::async_write(stream, asio::buffer(head_), awaited);
  if (ec) {
    write_failed(ec, status, result);
    co_return result;
  }

  auto& parser = streaming_.emplace();
  parser.header_limit(header_limit);
  parser.body_limit(boost::none);  // a stream may be endless: its reader decides what is too much
  if (req.method == bhttp::verb::head) parser.skip(true);
  body_reusable_ = false;
  std::tie(ec, std::ignore) = co_await bhttp::async_read_header(stream, buffer_, parser, awaited);
  if (ec) {
    status.stale = !parser.got_some() && lost_connection(ec);
    result.error = classify_exchange_error(ec);
    result.cause = ec.message();
    streaming_.reset();
    co_return result;
  }
  const auto& message = parser.get();
  result.response.status = message.result_int();
  for (const auto& field : message) {
    result.response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  co_return result;
}

on_strand<std::size_t> connection::read_body_some(asio::mutable_buffer into, steady_clock::time_point deadline,
                                                  bool& done, std::error_code& error, std::string& cause) {
  std::size_t n = 0;
  if (!streaming_) {
    done = true;
    co_return n;
  }
  watch(deadline, on_expiry::cancel);
  n = co_await std::visit([&](auto& stream) { return read_body_on(stream, into, done, error, cause); }, stream_);
  if (error == errc::cancelled && watch_expired()) {
    error = errc::timeout;
    cause = "no byte of the body arrived within the idle timeout";
  }
  if (done) stop_watching();
  last_used = steady_clock::now();
  co_return n;
}

template <class Stream>
on_strand<std::size_t> connection::read_body_on(Stream& stream, asio::mutable_buffer into, bool& done,
                                                std::error_code& error, std::string& cause) {
  auto& parser = *streaming_;
  // read_some, not read: an event stream sends small pieces and waits, and a read would wait
  // for the buffer to fill. A read may parse only framing (a chunk header), so loop until body
  // bytes arrive or the message ends.
  while (!parser.is_done()) {
    auto& body = parser.get().body();
    body.data = into.data();
    body.size = into.size();
    body.more = true;
    boost::system::error_code ec;
    std::tie(ec, std::ignore) = co_await bhttp::async_read_some(stream, buffer_, parser, awaited);
    const std::size_t n = into.size() - parser.get().body().size;
    if (ec && ec != bhttp::error::need_buffer) {
      error = classify_exchange_error(ec);
      cause = ec.message();
      streaming_.reset();
      done = true;
      co_return 0;
    }
    if (n > 0) co_return n;
  }
  done = true;
  body_reusable_ = parser.keep_alive() && buffer_.size() == 0;
  streaming_.reset();
  co_return 0;
}

}  // namespace flowsdk::http::detail
