#include "flowsdk/http/transport.hpp"

#include "beast_sender.hpp"

#include "flowsdk/core/url.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <random>

namespace flowsdk::http {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using steady_clock = std::chrono::steady_clock;

struct transport::state {
  std::shared_ptr<http::sender> sender;
  transport_options options;
};

namespace {

asio::awaitable<void> sleep_on_timer(milliseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  co_await timer.async_wait(asio::use_awaitable);
}

double default_random01() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

transport_options with_defaults(transport_options o) {
  if (!o.sleep) o.sleep = sleep_on_timer;
  if (!o.now) o.now = [] { return std::chrono::system_clock::now(); };
  if (!o.random01) o.random01 = default_random01;
  return o;
}

std::string_view request_id_of(const response& r) {
  for (const char* name : {"x-request-id", "request-id", "cf-ray", "x-amzn-requestid"}) {
    if (auto v = r.header(name); !v.empty()) return v;
  }
  return {};
}

// Failures worth another attempt, before asking whether the request may be sent again.
bool transient(std::error_code ec) {
  return ec == errc::timeout || ec == errc::connection_lost || ec == errc::connect_failed ||
         ec == errc::resolve_failed;
}


}  // namespace

transport::transport(asio::any_io_executor executor, transport_options options)
    : state_(std::make_shared<state>()) {
  state_->options = with_defaults(std::move(options));
  state_->sender = std::make_shared<detail::beast_sender>(std::move(executor), state_->options);
}

transport::transport(std::shared_ptr<http::sender> sender, transport_options options)
    : state_(std::make_shared<state>()) {
  state_->options = with_defaults(std::move(options));
  state_->sender = std::move(sender);
}

pool_stats transport::stats() const { return state_->sender->stats(); }

const transport_options& transport::options() const noexcept { return state_->options; }

asio::awaitable<response> transport::send(origin to, request req, request_options per_call,
                                          error_decoder decoder) const {
  // Not a coroutine itself: the state is copied now, so the call works even if this transport
  // handle is gone by the time the lazily started awaitable runs.
  return send_with_retries(state_, std::move(to), std::move(req), std::move(per_call), decoder);
}

asio::awaitable<response> transport::send_with_retries(std::shared_ptr<state> st, origin to, request req,
                                                       request_options per_call, error_decoder decoder) {
  const transport_options& o = st->options;

  for (auto& h : per_call.extra_headers) req.headers.push_back(std::move(h));
  for (const auto& [key, value] : per_call.extra_query) append_query(req.target, key, value);
  if (per_call.idempotency_key) req.headers.emplace_back("Idempotency-Key", *per_call.idempotency_key);
  const bool idempotent = req.idempotent();  // true for a POST that now carries the key
  const int max_retries = per_call.max_retries.value_or(o.retry.max_retries);
  const auto call_deadline = steady_clock::now() + per_call.timeout.value_or(o.timeouts.total);
  const auto attempt_timeout = per_call.attempt_timeout.value_or(o.timeouts.attempt);

  error_details details;
  details.method = std::string(boost::beast::http::to_string(req.method));
  details.target = req.target;

  for (int attempt = 1;; ++attempt) {
    const auto attempt_deadline = std::min(call_deadline, steady_clock::now() + attempt_timeout);
    attempt_result r;
    try {
      r = co_await st->sender->send(to, req, attempt_deadline);
    } catch (const boost::system::system_error& e) {
      if (e.code() != asio::error::operation_aborted) throw;
      r.error = errc::cancelled;
    }
    if (r.error == errc::cancelled) {
      details.attempts = attempt;
      details.cause = "the operation was cancelled";
      throw error(errc::cancelled, std::move(details));
    }

    details.attempts = attempt;
    std::error_code code;
    bool retryable = false;
    std::optional<milliseconds> retry_after;
    if (!r.error) {
      if (r.response.ok()) co_return std::move(r.response);
      code = errc_from_status(r.response.status);
      details.http_status = r.response.status;
      details.request_id = std::string(request_id_of(r.response));
      details.body = r.response.body.substr(0, error_details::body_excerpt_limit);
      details.vendor_code.clear();
      details.vendor_message.clear();
      if (decoder) decoder(r.response, details);
      retry_after = parse_retry_after(r.response.header("retry-after"), r.response.header("retry-after-ms"), o.now());
      details.retry_after = retry_after;
      details.cause.clear();
      retryable = is_retryable_status(r.response.status) && idempotent;
    } else {
      code = r.error;
      details.http_status = 0;
      details.body.clear();
      details.cause = std::move(r.cause);
      retryable = transient(code) && (idempotent || !r.may_have_been_sent);
    }

    if (!retryable || attempt > max_retries) throw error(code, std::move(details));
    milliseconds delay = backoff_delay(o.retry, attempt, o.random01());
    if (retry_after) {
      if (*retry_after > o.retry.max_retry_after) throw error(code, std::move(details));
      delay = *retry_after;
    }
    if (steady_clock::now() + delay >= call_deadline) throw error(code, std::move(details));
    try {
      co_await o.sleep(delay);
    } catch (const boost::system::system_error& e) {
      if (e.code() != asio::error::operation_aborted) throw;
      details.cause = "the operation was cancelled while waiting to retry";
      throw error(errc::cancelled, std::move(details));
    }
  }
}

}  // namespace flowsdk::http
