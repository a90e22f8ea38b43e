#include "common/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <cstdio>
#include <random>
#include <type_traits>

namespace flowsdk::emulator::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// Named once: g++ 12 mishandles some temporaries built inside a co_await (docs/coroutine-hazards.md).
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

// Errors in the request itself (as opposed to the connection) that deserve a 400 answer.
bool is_bad_request(const error_code& ec) {
  if (ec.category() != beast::http::make_error_code(http::error::bad_method).category()) return false;
  return ec != http::error::end_of_stream && ec != http::error::partial_message && ec != http::error::body_limit &&
         ec != http::error::header_limit;
}

}  // namespace

class http_server::session_base {
 public:
  virtual ~session_base() = default;
  /// Aborts whatever the session is doing. Must run on the session's strand.
  virtual void close_now() = 0;
  virtual asio::any_io_executor executor() = 0;
};

template <class Stream>
class http_server::session final : public http_server::session_base {
  static constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

 public:
  session(std::shared_ptr<http_server> server, std::uint64_t id, tcp::socket socket)
      : server_(std::move(server)), id_(id), stream_(make_stream(std::move(socket))), timer_(stream_.get_executor()) {}

  asio::any_io_executor executor() override { return stream_.get_executor(); }

  void close_now() override {
    closing_ = true;
    timer_.cancel();
    lowest().close();
  }

  static asio::awaitable<void> run(std::shared_ptr<session> self) {
    try {
      co_await self->serve();
    } catch (const std::exception&) {
      // A connection's failure is that connection's business only.
    }
    self->lowest().close();
    self->server_->forget(self->id_);
  }

 private:
  Stream make_stream(tcp::socket socket) {
    if constexpr (is_tls)
      return Stream(std::move(socket), *server_->tls_);
    else
      return Stream(std::move(socket));
  }

  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }
  const transport_options& options() const { return server_->options_; }

  asio::awaitable<void> serve() {
    if constexpr (is_tls) {
      lowest().expires_after(options().handshake_timeout);
      auto [ec] = co_await stream_.async_handshake(ssl::stream_base::server, use_tuple);
      if (ec) co_return;
    }
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(options().max_request_body);
      parser.header_limit(static_cast<std::uint32_t>(options().max_request_header));
      lowest().expires_after(options().idle_timeout);
      auto [ec, n] = co_await http::async_read(stream_, buffer_, parser, use_tuple);
      if (closing_) co_return;
      if (ec) {
        if (ec == http::error::body_limit)
          co_await send_error_and_close(http::status::payload_too_large, "request body is too large");
        else if (ec == http::error::header_limit)
          co_await send_error_and_close(http::status::request_header_fields_too_large, "request header is too large");
        else if (is_bad_request(ec))
          co_await send_error_and_close(http::status::bad_request, ec.message());
        co_return;  // otherwise the peer went away, timed out or reset: nobody to answer
      }

      http_request req = parser.release();
      const unsigned version = req.version();
      const bool keep_alive = req.keep_alive();
      reply rep;
      try {
        server_->handler_->handle(req, rep);
      } catch (const std::exception& e) {
        rep = reply{};
        set_json(rep.response, http::status::internal_server_error,
                 fastify_error(http::status::internal_server_error, "", e.what()));
      }
      rep.response.version(version);
      rep.response.keep_alive(keep_alive);
      stamp(rep.response);

      if (rep.delay && !co_await wait(*rep.delay)) co_return;
      if (rep.stream) {
        if (!co_await send_stream(rep)) co_return;
        if (!keep_alive) {
          co_await close_gracefully();
          co_return;
        }
        continue;
      }
      switch (rep.what) {
        case reply::disposition::reset:
          abort_connection();
          co_return;
        case reply::disposition::truncate:
          co_await send_truncated(rep.response);
          co_return;
        case reply::disposition::respond:
          break;
      }
      lowest().expires_after(options().idle_timeout);
      auto [wec, written] = co_await http::async_write(stream_, rep.response, use_tuple);
      if (wec || closing_) co_return;
      server_->counters_->responses_sent.fetch_add(1, std::memory_order_relaxed);
      if (!keep_alive) {
        co_await close_gracefully();
        co_return;
      }
    }
  }

  // Writes the header and then the body chunk by chunk as the source produces it. Returns
  // whether the connection is still good for another request.
  asio::awaitable<bool> send_stream(reply& rep) {
    http::response<http::empty_body> head{rep.response.result(), rep.response.version()};
    for (const auto& field : rep.response) {
      if (field.name() != http::field::content_length) head.insert(field.name_string(), field.value());
    }
    head.keep_alive(rep.response.keep_alive());
    // Beast drops the `Connection: keep-alive` that HTTP/1.1 implies; an event stream states it
    // anyway, as servers of server-sent events do (and as the 10ex stream documents).
    const auto type = rep.response[http::field::content_type];
    if (rep.response.keep_alive() && type.substr(0, 17) == "text/event-stream")
      head.set(http::field::connection, "keep-alive");
    head.chunked(true);
    http::response_serializer<http::empty_body> serializer{head};
    lowest().expires_after(options().idle_timeout);
    auto [ec, n] = co_await http::async_write_header(stream_, serializer, use_tuple);
    if (ec || closing_) co_return false;
    const bool cut_short = rep.what == reply::disposition::truncate;
    for (;;) {
      stream_step step = rep.stream();
      if (step.delay.count() > 0 && !co_await wait(step.delay)) co_return false;
      if (!step.data.empty()) {
        lowest().expires_after(options().idle_timeout);
        auto [wec, written] = co_await asio::async_write(stream_, http::make_chunk(asio::buffer(step.data)), use_tuple);
        if (wec || closing_) co_return false;
      }
      if (step.next == stream_step::then::drop || cut_short) {
        lowest().close();  // no last chunk, no TLS close_notify
        co_return false;
      }
      if (step.next == stream_step::then::end) break;
    }
    lowest().expires_after(options().idle_timeout);
    auto [lec, last] = co_await asio::async_write(stream_, http::make_chunk_last(), use_tuple);
    if (lec || closing_) co_return false;
    server_->counters_->responses_sent.fetch_add(1, std::memory_order_relaxed);
    co_return true;
  }

  void stamp(http_response& res) {
    std::string id = server_->request_id_prefix_;
    id += std::to_string(server_->next_request_id_.fetch_add(1, std::memory_order_relaxed));
    res.set("x-request-id", id);
    res.content_length(res.body().size());  // always, even 0: clients must never see chunked-empty
  }

  asio::awaitable<void> send_error_and_close(http::status status, std::string_view message) {
    http_response res;
    set_json(res, status, fastify_error(status, "", message));
    res.keep_alive(false);
    stamp(res);
    lowest().expires_after(std::chrono::seconds(5));
    auto [ec, n] = co_await http::async_write(stream_, res, use_tuple);
    if (!ec) server_->counters_->responses_sent.fetch_add(1, std::memory_order_relaxed);
    co_await close_gracefully();
  }

  // Says goodbye without losing the response: a plain close with unread input would make the
  // kernel send RST, which may destroy the response before the client reads it.
  asio::awaitable<void> close_gracefully() {
    if (closing_) co_return;
    lowest().expires_after(std::chrono::seconds(1));
    if constexpr (is_tls) {
      co_await stream_.async_shutdown(use_tuple);  // best effort: the peer may be gone already
    } else {
      error_code ec;
      lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      // Drain what the client still sends (a rejected body, say) until it closes or 1 s passes.
      char sink[16 * 1024];
      for (std::size_t total = 0; !ec && total < options().max_request_body;) {
        auto [rec, n] = co_await lowest().async_read_some(asio::buffer(sink), use_tuple);
        ec = rec;
        total += n;
      }
    }
    lowest().close();
  }

  void abort_connection() {
    error_code ec;
    if constexpr (!is_tls) {
      // SO_LINGER 0: close() sends RST instead of FIN.
      lowest().socket().set_option(tcp::socket::linger(true, 0), ec);
    }
    // For TLS: drop the TCP connection without a TLS close_notify.
    lowest().close();
  }

  asio::awaitable<void> send_truncated(http_response& res) {
    const auto full = res.body().size();
    res.content_length(full);
    res.body().resize(full / 2);
    lowest().expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await http::async_write(stream_, res, use_tuple);
    if (!ec) server_->counters_->responses_sent.fetch_add(1, std::memory_order_relaxed);
    lowest().close();  // no TLS close_notify either: the client must see a cut-off body
  }

  // Waits `d` (max(): forever) unless the server stops or the client hangs up first. Returns
  // whether the session should go on.
  asio::awaitable<bool> wait(std::chrono::milliseconds d) {
    using clock = asio::steady_timer::clock_type;
    const auto deadline = d == std::chrono::milliseconds::max() ? clock::time_point::max() : clock::now() + d;
    lowest().expires_never();
    for (;;) {
      timer_.expires_at(deadline);
      auto group = asio::experimental::make_parallel_group(
          timer_.async_wait(asio::deferred), lowest().socket().async_wait(tcp::socket::wait_read, asio::deferred));
      const asio::experimental::wait_for_one first;
      auto [order, timer_ec, read_ec] = co_await group.async_wait(first, asio::use_awaitable);
      if (closing_) co_return false;
      if (order[0] == 0) co_return !timer_ec;
      if (read_ec) co_return false;
      // Readable: the client closed, or sent more. TLS records cannot be taken apart here, so a
      // TLS client that talks during a stall is dropped; plain bytes are kept for the parser.
      if constexpr (is_tls) co_return false;
      error_code ec;
      const std::size_t available = lowest().socket().available(ec);
      if (ec || available == 0) co_return false;
      const auto n = lowest().socket().read_some(buffer_.prepare(available), ec);
      if (ec) co_return false;
      buffer_.commit(n);
    }
  }

  std::shared_ptr<http_server> server_;
  std::uint64_t id_;
  Stream stream_;
  beast::flat_buffer buffer_;
  asio::steady_timer timer_;  // delays and stalls; cancelled by close_now()
  bool closing_ = false;
};

http_server::http_server(asio::any_io_executor ex, std::shared_ptr<ssl::context> tls,
                         std::shared_ptr<request_handler> handler, std::shared_ptr<transport_counters> counters,
                         transport_options options)
    : ex_(std::move(ex)),
      tls_(std::move(tls)),
      handler_(std::move(handler)),
      counters_(std::move(counters)),
      options_(options),
      acceptor_strand_(asio::make_strand(ex_)) {
  std::random_device rd;
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "req_%08x_", static_cast<unsigned>(rd()));
  request_id_prefix_ = prefix;
}

tcp::endpoint http_server::listen(const std::string& host, std::uint16_t port) {
  const tcp::endpoint ep(asio::ip::make_address(host), port);
  std::lock_guard lock(mutex_);
  if (stopped_ || acceptor_) throw std::logic_error("emulator: listen() called twice or after stop()");
  tcp::acceptor acceptor(acceptor_strand_);
  acceptor.open(ep.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  auto local = acceptor.local_endpoint();
  acceptor_.emplace(std::move(acceptor));
  asio::co_spawn(acceptor_strand_, accept_loop(shared_from_this()), asio::detached);
  return local;
}

asio::awaitable<void> http_server::accept_loop(std::shared_ptr<http_server> self) {
  asio::steady_timer backoff(self->acceptor_strand_);
  for (;;) {
    auto session_strand = asio::make_strand(self->ex_);
    auto [ec, socket] = co_await self->acceptor_->async_accept(session_strand, use_tuple);
    if (ec == asio::error::operation_aborted || !self->acceptor_->is_open()) co_return;
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(use_tuple);
      continue;
    }
    self->counters_->connections_accepted.fetch_add(1, std::memory_order_relaxed);
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    self->start_session(std::move(socket));
  }
}

void http_server::start_session(tcp::socket socket) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;  // the socket closes as it goes out of scope
  const auto id = next_session_id_++;
  // Registered before it runs, so that forget() can never precede the registration.
  auto launch = [&](auto typed) {
    sessions_.emplace(id, typed);
    using session_type = typename decltype(typed)::element_type;
    asio::co_spawn(typed->executor(), session_type::run(typed), asio::detached);
  };
  if (tls_)
    launch(std::make_shared<session<tls_stream>>(shared_from_this(), id, std::move(socket)));
  else
    launch(std::make_shared<session<plain_stream>>(shared_from_this(), id, std::move(socket)));
}

void http_server::forget(std::uint64_t session_id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_id);
}

void http_server::stop() {
  std::unordered_map<std::uint64_t, std::weak_ptr<session_base>> sessions;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    sessions.swap(sessions_);
  }
  // Every object is closed on its own strand: Asio I/O objects are not thread-safe.
  asio::post(acceptor_strand_, [self = shared_from_this()] {
    error_code ec;
    if (self->acceptor_) self->acceptor_->close(ec);
  });
  for (auto& [id, weak] : sessions) {
    if (auto s = weak.lock()) asio::post(s->executor(), [s] { s->close_now(); });
  }
}

}  // namespace flowsdk::emulator::detail
