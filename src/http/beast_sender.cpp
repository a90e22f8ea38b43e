#include "beast_sender.hpp"
#include "observe.hpp"
#include "strand_hop.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace flowsdk::http::detail {

namespace asio = boost::asio;

namespace {

// OpenSSL fills some caches of a certificate on first use, during a handshake: its decoded
// extensions (the key identifiers chain building compares) and the canonical encoding of its
// names. Two handshakes that first use a trusted certificate at once would both fill them, one
// writing while the other reads (ThreadSanitizer saw it). Filling them here, before the context
// is shared, leaves the handshakes only reading. Certificates the system store loads lazily
// from a hashed directory are not reached; a CA file or PEM is.
void warm_certificate_caches(SSL_CTX* ctx) {
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  STACK_OF(X509_OBJECT)* objects = X509_STORE_get0_objects(store);
  for (int i = 0; i < sk_X509_OBJECT_num(objects); ++i) {
    X509* cert = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objects, i));
    if (!cert) continue;                                                      // a CRL
    X509_check_purpose(cert, -1, 0);                                          // decodes and caches the extensions
    X509_NAME_cmp(X509_get_subject_name(cert), X509_get_subject_name(cert));  // caches canonical forms
    X509_NAME_cmp(X509_get_issuer_name(cert), X509_get_issuer_name(cert));
  }
}

asio::ssl::context make_tls_context(const tls_options& tls) {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  std::string what;
  if (!tls.ca_pem.empty()) {
    ctx.add_certificate_authority(asio::buffer(tls.ca_pem), ec);
    what = "tls_options::ca_pem";
  } else if (!tls.ca_file.empty()) {
    ctx.load_verify_file(tls.ca_file, ec);
    what = "tls_options::ca_file \"" + tls.ca_file + "\"";
  } else {
    ctx.set_default_verify_paths(ec);
    what = "the system certificate store";
  }
  if (ec) {
    throw_invalid_argument("could not load " + what + ": " + ec.message());
  }
  warm_certificate_caches(ctx.native_handle());
  return ctx;
}

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

pool_event event_for(pool_event::event_kind kind, const origin& to) {
  pool_event e;
  e.kind = kind;
  e.host = to.host;
  e.port = to.port;
  e.tls = to.tls;
  return e;
}

// What acquire did: the idle connections it dropped, and the one it reused. Runs on the
// caller's executor, where acquire resumes; those connections are idle or leased to this
// caller, so nothing runs on their strands meanwhile.
void report_acquired(observer& obs, const origin& to, const origin_pool& pool,
                     const std::vector<connection_ptr>& evicted, lease& held) {
  const auto now = steady_clock::now();
  for (const auto& c : evicted) {
    pool_event e = event_for(pool_event::event_kind::evict, to);
    e.reason = pool.eviction_reason(*c, now);
    e.uses = c->uses;
    e.idle_for = duration_cast<milliseconds>(now - c->last_used);
    notify(obs, e);
  }
  if (held.reused()) {
    const connection& c = *held.conn();
    pool_event e = event_for(pool_event::event_kind::reuse, to);
    e.uses = c.uses;
    e.idle_for = duration_cast<milliseconds>(now - c.last_used);
    notify(obs, e);
  }
}

// A new connection's connect and handshake, from the timings taken on its strand.
void report_connect(observer& obs, const origin& to, const exchange_status& s, std::error_code failed) {
  const bool tcp_up = s.tcp_connected != steady_clock::time_point{};
  pool_event e = event_for(pool_event::event_kind::connect, to);
  e.duration = duration_cast<microseconds>((tcp_up ? s.tcp_connected : s.connect_done) - s.connect_started);
  if (!tcp_up) e.error = failed;
  notify(obs, e);
  if (!tcp_up || !to.tls) return;
  e.kind = pool_event::event_kind::tls_handshake;
  e.duration = duration_cast<microseconds>(s.connect_done - s.tcp_connected);
  e.error = s.connected ? std::error_code{} : failed;
  notify(obs, e);
}

// The attempt's connection is closed rather than pooled.
void report_close(observer& obs, const origin& to, const connection& c, std::string_view reason) {
  pool_event e = event_for(pool_event::event_kind::close, to);
  e.reason = reason;
  e.uses = c.uses;
  notify(obs, e);
}

// The rest of a streamed body, read from the leased connection on its strand. The lease goes
// back to the pool when the body ends (the connection reused if the server keeps it) and is
// closed if the reader stops early or the read fails. It keeps the sender (and so the TLS
// context) alive, since a stream may outlive its transport.
class pooled_body final : public body_source, public std::enable_shared_from_this<pooled_body> {
 public:
  pooled_body(lease held, std::shared_ptr<const beast_sender> owner)
      : owner_(std::move(owner)),
        strand_(held.conn()->strand()),
        held_(std::move(held)),
        buffer_(new char[buffer_size]) {}

  asio::awaitable<body_chunk> read_some(steady_clock::time_point deadline) override {
    body_chunk c;
    if (!held_) {
      c.end = !failed_with_;
      c.error = failed_with_;
      c.cause = failed_;
      co_return c;
    }
    asio::cancellation_state caller = co_await asio::this_coro::cancellation_state;
    c = co_await run_on(strand_, read_on_strand(shared_from_this(), deadline), caller.slot());
    if (c.error) {
      failed_with_ = c.error;
      failed_ = c.cause;
      held_ = lease{};  // not marked reusable: the connection is closed
    } else if (c.end) {
      if (held_.conn()->body_reusable()) held_.mark_reusable();
      held_ = lease{};
    }
    co_return c;
  }

  // Safe from any thread: the cancel runs on the strand, and only while a read is pending there.
  void abort() noexcept override {
    try {
      asio::post(strand_, [self = shared_from_this()] {
        if (self->reading_) self->reading_->cancel();
      });
    } catch (...) {
      // Out of memory: the read ends at its deadline instead.
    }
  }

 private:
  static on_strand<body_chunk> read_on_strand(std::shared_ptr<pooled_body> self, steady_clock::time_point deadline) {
    body_chunk c;
    connection& conn = *self->held_.conn();
    self->reading_ = &conn;
    bool done = false;
    const std::size_t n =
        co_await conn.read_body_some(asio::buffer(self->buffer_.get(), buffer_size), deadline, done, c.error, c.cause);
    self->reading_ = nullptr;
    if (!c.error && n > 0) c.bytes = {self->buffer_.get(), n};
    c.end = !c.error && n == 0 && done;
    co_return c;
  }

  static constexpr std::size_t buffer_size = 16 * 1024;
  std::shared_ptr<const beast_sender> owner_;  // declared first: destroyed after the lease
  const strand_type strand_;
  lease held_;
  std::unique_ptr<char[]> buffer_;
  connection* reading_ = nullptr;  // set on the strand while a read is pending there
  std::error_code failed_with_;
  std::string failed_;
};

}  // namespace

beast_sender::beast_sender(asio::any_io_executor executor, const transport_options& options)
    : executor_(std::move(executor)),
      tls_context_(std::make_shared<asio::ssl::context>(make_tls_context(options.tls))),
      verify_peer_(options.tls.verify_peer),
      connect_timeout_(options.timeouts.connect),
      max_body_(options.max_body_bytes),
      user_agent_(options.user_agent),
      max_stale_retries_(options.pool.max_connections_per_origin),
      observer_(options.observer),
      proxies_(options.proxy),
      pool_(options.pool) {}

asio::awaitable<attempt_result> beast_sender::send(const origin& to, const request& req,
                                                   steady_clock::time_point deadline) {
  return attempt(to, req, deadline, false);
}

asio::awaitable<attempt_result> beast_sender::open(const origin& to, const request& req,
                                                   steady_clock::time_point deadline) {
  return attempt(to, req, deadline, true);
}

// The part of an attempt that touches the connection, on its strand: connect a new one, then
// write the request and read the response (or only its header, for a stream).
on_strand<attempt_result> beast_sender::on_connection(const beast_sender* self, connection* conn, bool fresh,
                                                      const origin* to, const proxy_endpoint* via, const request* req,
                                                      steady_clock::time_point deadline, bool streamed,
                                                      exchange_status* status) {
  if (fresh) {
    attempt_result r;
    const auto connect_deadline = std::min(deadline, steady_clock::now() + self->connect_timeout_);
    if (status->timed) status->connect_started = steady_clock::now();
    r.error = co_await conn->connect(*to, via, self->verify_peer_, self->user_agent_, connect_deadline, r.cause,
                                     status->timed ? &status->tcp_connected : nullptr);
    if (status->timed) status->connect_done = steady_clock::now();
    if (r.error) {
      // Also a proxy's refusal of the tunnel: the request never left.
      r.may_have_been_sent = false;
      co_return r;
    }
    status->connected = true;
  }
  attempt_result r;
  if (streamed) {
    r = co_await conn->open(*to, *req, self->user_agent_, deadline, *status);
  } else {
    r = co_await conn->exchange(*to, *req, self->user_agent_, deadline, self->max_body_, *status);
  }
  if (via && !to->tls && !r.error && r.response.status == 407) {
    // Only a proxy answers 407: it did not forward the request. The connection is not kept.
    const std::string asked = "the request for http://" + authority(*to);
    r.cause = refusal_cause(*via, asked, 407, "Proxy Authentication Required");
    r.error = errc::proxy_refused;
    r.may_have_been_sent = false;
    status->reusable = false;
  }
  co_return r;
}

asio::awaitable<attempt_result> beast_sender::attempt(const origin& to, const request& req,
                                                      steady_clock::time_point deadline, bool streamed) {
  const proxy_endpoint* via = proxies_.for_origin(to);
  auto pool = pool_.for_origin(to, via);
  observer* const obs = observer_.get();
  // A reused connection that the server closed while it sat idle fails before any response
  // byte; an idempotent request then goes again on the next connection, without counting as a
  // retry. Bounded: each round consumes one idle connection, and a new one is never stale.
  for (std::size_t round = 0;; ++round) {
    std::error_code ec;
    std::vector<connection_ptr> evicted;  // filled only for an observer
    std::vector<connection_ptr>* keep_evicted = obs ? &evicted : nullptr;
    lease held;
    if (auto ready = pool->try_acquire(keep_evicted)) {
      held = std::move(*ready);  // no wait, and no coroutine frame for one
    } else {
      held = co_await pool->acquire(deadline, ec, keep_evicted);
    }
    if (obs) {
      report_acquired(*obs, to, *pool, evicted, held);
      evicted.clear();  // closed now, on their strands
    }
    if (ec) {
      attempt_result r;
      r.error = ec;
      r.may_have_been_sent = false;
      r.cause = "no connection to " + to.to_string() + " became free before the deadline";
      co_return r;
    }
    const bool fresh = !held.conn();
    if (fresh) held.conn() = make_connection(executor_, to.tls ? tls_context_ : nullptr);

    exchange_status status;
    status.timed = obs != nullptr;
    auto work = on_connection(this, held.conn().get(), fresh, &to, via, &req, deadline, streamed, &status);
    asio::cancellation_state caller = co_await asio::this_coro::cancellation_state;
    attempt_result r = co_await run_on(held.conn()->strand(), std::move(work), caller.slot());
    if (status.connected) pool->connection_opened();
    if (obs && fresh) report_connect(*obs, to, status, r.error);
    if (fresh && !status.connected) co_return r;  // the lease gives the permit back
    // Only a request that may be sent twice: the server may have read it before closing.
    if (r.error && status.stale && held.reused() && resend_safety_of(req).allowed && round < max_stale_retries_) {
      if (obs) report_close(*obs, to, *held.conn(), "stale");
      continue;
    }
    if (obs && (r.error || (!streamed && !status.reusable))) {
      report_close(*obs, to, *held.conn(), r.error ? errc_name(r.error) : std::string_view("server_close"));
    }
    if (!r.error && streamed) r.body_stream = std::make_shared<pooled_body>(std::move(held), shared_from_this());
    // A streamed body owns the lease now: it decides reuse when the body has been read.
    else if (!r.error && status.reusable)
      held.mark_reusable();
    co_return r;
  }
}

}  // namespace flowsdk::http::detail
