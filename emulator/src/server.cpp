// server and background_server: glue between the transport, the fault injector, the request log,
// the clock and the emulated APIs (src/vendors.cpp lists them).

#include "flowsdk/emulator/server.hpp"

#include "common/faults.hpp"
#include "common/http_server.hpp"
#include "cloudflare/routes.hpp"
#include "common/diagnostic_routes.hpp"
#include "imbrace/routes.hpp"
#include "common/tls_identity.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include <condition_variable>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>

namespace flowsdk::emulator {

namespace asio = boost::asio;
using namespace detail;

namespace {

/// The newest requests, in a fixed ring.
class request_log {
 public:
  static constexpr std::size_t capacity = 256;

  /// Takes the body (the handler is done with it) and copies the rest.
  void record(http_request& req) {
    recorded_request r;
    r.method = req.method_string();
    r.target = req.target();
    r.headers.reserve(8);
    for (const auto& field : req) r.headers.emplace_back(field.name_string(), field.value());
    r.body = std::move(req.body());
    std::lock_guard lock(mutex_);
    if (ring_.size() < capacity) {
      ring_.push_back(std::move(r));
    } else {
      ring_[next_] = std::move(r);
      next_ = (next_ + 1) % capacity;
    }
  }

  std::vector<recorded_request> snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<recorded_request> out;
    out.reserve(ring_.size());
    for (std::size_t i = 0; i < ring_.size(); ++i) out.push_back(ring_[(next_ + i) % ring_.size()]);
    return out;
  }

  void clear() {
    std::lock_guard lock(mutex_);
    ring_.clear();
    next_ = 0;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<recorded_request> ring_;
  std::size_t next_ = 0;  // the oldest entry once the ring is full
};

/// Every request passes here: faults first, then the vendor that owns the path (or the diagnostic
/// routes), then the log.
class dispatcher final : public request_handler {
 public:
  dispatcher(std::vector<std::shared_ptr<vendor>> vendors, const server_options& options)
      : vendors_(std::move(vendors)), faults_(options.rates, options.random_seed) {}

  void handle(http_request& req, reply& out) override {
    requests_.fetch_add(1, std::memory_order_relaxed);
    const std::string_view target = req.target();
    const auto q = target.find('?');
    const auto path = target.substr(0, q);
    const auto query = q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);

    const auto f = faults_.pick(req.method_string(), path);
    if (f) faults_injected_.fetch_add(1, std::memory_order_relaxed);
    vendor* owner = nullptr;
    for (const auto& v : vendors_)
      if (!owner && v->owns(path)) owner = v.get();
    // A stall delays the real answer and a truncation cuts it; the other faults replace it.
    if (!f || f->kind == fault_kind::stall || f->kind == fault_kind::truncated_body)
      route(owner, req, path, query, out);
    if (f) {
      json::value body;  // only an http_status fault answers a body of its own
      if (const auto status = static_cast<http::status>(f->status); f->kind == fault_kind::http_status)
        body = owner ? owner->fault_body(status) : fastify_error(status, "INJECTED_FAULT", injected_fault_message);
      apply_fault(*f, out, body);
    }
    log_.record(req);
  }

  const std::vector<std::shared_ptr<vendor>>& vendors() const { return vendors_; }
  fault_injector& faults() { return faults_; }
  request_log& log() { return log_; }
  std::uint64_t requests() const { return requests_.load(std::memory_order_relaxed); }
  std::uint64_t faults_injected() const { return faults_injected_.load(std::memory_order_relaxed); }

 private:
  static void route(vendor* owner, http_request& req, std::string_view path, std::string_view query, reply& out) {
    if (!owner) {
      if (!handle_diagnostic_route(req, path, query, out))
        set_json(out.response, http::status::not_found, route_not_found(req, path));
      return;
    }
    try {
      owner->handle(req, path, query, out);
    } catch (const api_error& e) {
      out.response = http_response{};
      out.stream = nullptr;
      set_json(out.response, e.status, e.body);
    }
  }

  std::vector<std::shared_ptr<vendor>> vendors_;
  fault_injector faults_;
  request_log log_;
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::uint64_t> faults_injected_{0};
};

std::shared_ptr<asio::ssl::context> make_ssl_context(const tls_identity& id) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  const std::string chain = id.server_cert_pem + id.ca_cert_pem;
  ctx->use_certificate_chain(asio::buffer(chain));
  ctx->use_private_key(asio::buffer(id.server_key_pem), asio::ssl::context::pem);
  return ctx;
}

}  // namespace

struct server::impl {
  impl(asio::any_io_executor executor, server_options opts)
      : ex(std::move(executor)),
        options(std::move(opts)),
        clock(std::make_shared<scheduler>(ex)),
        handler(std::make_shared<dispatcher>(make_vendors(vendor_context{ex, options, clock}), options)),
        counters(std::make_shared<transport_counters>()) {
    if (options.seed)
      for (const auto& v : handler->vendors()) v->seed(seed);
  }

  asio::any_io_executor ex;
  const server_options options;
  std::shared_ptr<scheduler> clock;
  std::shared_ptr<dispatcher> handler;
  std::shared_ptr<transport_counters> counters;

  mutable std::mutex mutex;  // guards the members below
  bool started = false;
  bool stopped = false;
  std::shared_ptr<http_server> http;
  std::uint16_t port = 0;
  std::string base_url;
  std::string ca_pem;  // written once by start()
  seed_data seed;      // written once by the constructor
};

server::server(asio::any_io_executor ex, server_options options)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(options))) {}

server::~server() { stop(); }

void server::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->started || impl_->stopped)
    throw std::logic_error("flowsdk emulator: start() called twice or after stop()");
  const auto& opts = impl_->options;
  // The identity exists in plain mode too, so ca_pem()/--ca-out behave the same either way.
  const auto identity = make_tls_identity(opts.certificate_names);
  transport_options transport;
  transport.max_request_body = opts.max_request_body;
  auto http = std::make_shared<http_server>(impl_->ex, opts.tls ? make_ssl_context(identity) : nullptr, impl_->handler,
                                            impl_->counters, transport);
  const auto endpoint = http->listen(opts.host, opts.port);
  impl_->ca_pem = identity.ca_cert_pem;
  impl_->http = std::move(http);
  impl_->port = endpoint.port();
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  impl_->base_url = (opts.tls ? "https://" : "http://") + host + ":" + std::to_string(impl_->port);
  impl_->started = true;
}

void server::stop() {
  std::shared_ptr<http_server> http;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
    http = impl_->http;
  }
  if (http) http->stop();
  for (const auto& v : impl_->handler->vendors()) v->stop();
  impl_->clock->stop();
}

std::uint16_t server::port() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->port;
}

std::string server::base_url() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->base_url;
}

const std::string& server::ca_pem() const { return impl_->ca_pem; }

void server::write_ca_pem(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << impl_->ca_pem;
  out.close();
  if (!out) throw std::runtime_error("flowsdk emulator: cannot write " + path);
}

const seed_data& server::seed() const { return impl_->seed; }

void server::advance(std::chrono::milliseconds d) { impl_->clock->advance(d); }

server_stats server::stats() const {
  server_stats s;
  s.connections_accepted = impl_->counters->connections_accepted.load(std::memory_order_relaxed);
  s.requests_served = impl_->handler->requests();
  s.faults_injected = impl_->handler->faults_injected();
  return s;
}

void server::inject(fault_rule rule) { impl_->handler->faults().add(std::move(rule)); }
void server::clear_faults() { impl_->handler->faults().clear(); }

std::vector<recorded_request> server::recorded_requests() const { return impl_->handler->log().snapshot(); }
void server::clear_recorded_requests() { impl_->handler->log().clear(); }

// ---------------------------------------------------------------------------------------------

struct background_server::impl {
  explicit impl(int threads) : ioc(threads), work(asio::make_work_guard(ioc)) {}

  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::optional<server> srv;
  std::vector<std::thread> threads;

  std::mutex mutex;
  std::condition_variable all_done;
  int running = 0;
};

background_server::background_server(server_options options, int threads) : impl_(std::make_unique<impl>(threads)) {
  impl_->srv.emplace(impl_->ioc.get_executor(), std::move(options));
  impl_->srv->start();
  const int n = std::max(1, threads);
  impl_->running = n;
  for (int i = 0; i < n; ++i) {
    impl_->threads.emplace_back([this] {
      impl_->ioc.run();
      std::lock_guard lock(impl_->mutex);
      if (--impl_->running == 0) impl_->all_done.notify_all();
    });
  }
}

background_server::~background_server() {
  impl_->srv->stop();
  impl_->work.reset();
  // stop() cancels everything, so run() returns by itself once the sessions have wound down; a
  // session stuck in a peer's hands must not hold the destructor, though.
  {
    std::unique_lock lock(impl_->mutex);
    if (!impl_->all_done.wait_for(lock, std::chrono::seconds(2), [this] { return impl_->running == 0; }))
      impl_->ioc.stop();
  }
  for (auto& t : impl_->threads) t.join();
  impl_->srv.reset();
}

server& background_server::get() { return *impl_->srv; }

}  // namespace flowsdk::emulator
