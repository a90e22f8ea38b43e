#include "flowsdk/http/transport.hpp"

#include "beast_sender.hpp"
#include "headers.hpp"
#include "observe.hpp"

#include "../core/redact.hpp"

#include "flowsdk/core/url.hpp"
#include "flowsdk/http/rate_budget.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <random>
#include <string_view>

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

// Failures worth another attempt, before asking whether the request may be sent again.
bool transient(std::error_code ec) {
  return ec == errc::timeout || ec == errc::connection_lost || ec == errc::connect_failed || ec == errc::resolve_failed;
}

// A header a server would read as something else: a name that is not an RFC 9110 token, or a
// value with a control character (CR or LF would end it and start another header).
void check_headers(const header_list& headers) {
  auto token_char = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  };
  for (const auto& [name, value] : headers) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), token_char)) {
      throw_invalid_argument("a header name must be a token (letters, digits, !#$%&'*+-.^_`|~)");
    }
    // The value is not echoed: it may be a credential.
    if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; })) {
      throw_invalid_argument("the value of header \"" + name + "\" holds a control character");
    }
  }
}

}  // namespace

transport::transport(asio::any_io_executor executor, transport_options options) : state_(std::make_shared<state>()) {
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
  return with_retries<false>(state_, std::move(to), std::move(req), std::move(per_call), decoder);
}

asio::awaitable<response_stream> transport::open(origin to, request req, request_options per_call,
                                                 error_decoder decoder) const {
  return with_retries<true>(state_, std::move(to), std::move(req), std::move(per_call), decoder);
}

namespace {

// An attempt that the caller's cancellation ended (the sender threw operation_aborted).
attempt_result cancelled_attempt() {
  attempt_result cancelled;
  cancelled.error = errc::cancelled;
  cancelled.cause = "the operation was cancelled";
  return cancelled;
}

// A failed streamed attempt: reads the (error) body into the response, so that it is judged
// and reported as a whole response would be. What cannot be read in time is left out.
// A cancellation meanwhile turns the attempt into a cancelled one.
asio::awaitable<void> read_error_body(attempt_result& r, steady_clock::time_point deadline, std::size_t limit) {
  std::shared_ptr<body_source> source = std::move(r.body_stream);
  while (r.response.body.size() < limit) {
    body_chunk c;
    try {
      c = co_await source->read_some(deadline);
    } catch (const boost::system::system_error& e) {
      if (e.code() != asio::error::operation_aborted) throw;
      c.error = errc::cancelled;
    }
    if (c.error == errc::cancelled) {
      r.error = c.error;
      r.cause = "the operation was cancelled while the error body was read";
    }
    if (c.error || c.end) break;
    r.response.body.append(c.bytes.substr(0, limit - r.response.body.size()));
  }
}

// Waits before a retry; false if the caller cancelled meanwhile.
asio::awaitable<bool> backoff_sleep(const transport_options& o, milliseconds delay) {
  try {
    co_await o.sleep(delay);
    co_return true;
  } catch (const boost::system::system_error& e) {
    if (e.code() != asio::error::operation_aborted) throw;
  }
  co_return false;
}

struct retry_verdict {
  bool retry = false;
  milliseconds delay{0};
  std::optional<milliseconds> retry_after;
  const char* refused_because = nullptr;  ///< set when only the request's resend safety said no
  /// For an observer (attempt_event::reason): why not, or "Retry-After" when the server chose
  /// the delay; null when the attempt's own failure is the reason to retry.
  const char* why = nullptr;
};

// Whether and when to send again after a failed attempt. A plain function: the coroutine keeps
// little across its suspensions (g++ 12 at -O3 corrupted an error_details kept there).
retry_verdict judge(const transport_options& o, const attempt_result& r, resend_safety safety, int attempt,
                    int max_retries, steady_clock::time_point call_deadline) {
  retry_verdict v;
  bool worth_retrying;
  bool may_send;
  if (!r.error) {
    v.retry_after = parse_retry_after(r.response.header("retry-after"), r.response.header("retry-after-ms"), o.now());
    worth_retrying = is_retryable_status(r.response.status);
    may_send = safety.allowed;
  } else {
    worth_retrying = transient(r.error);
    may_send = safety.allowed || !r.may_have_been_sent;
  }
  if (worth_retrying && !may_send) v.refused_because = safety.reason;
  v.why = !worth_retrying ? "not retryable" : !may_send ? "not idempotent" : "retries exhausted";
  if (!worth_retrying || !may_send || attempt > max_retries) return v;
  v.why = nullptr;
  const bool rate_limited = !r.error && r.response.status == 429;
  v.delay = rate_limited ? rate_limited_backoff_delay(o.retry, attempt, o.random01())
                         : backoff_delay(o.retry, attempt, o.random01());
  if (v.retry_after) {
    v.why = "Retry-After too long";
    if (*v.retry_after > o.retry.max_retry_after) return v;
    v.delay = *v.retry_after;
    v.why = "Retry-After";
  }
  v.retry = steady_clock::now() + v.delay < call_deadline;
  if (!v.retry) v.why = "deadline";
  return v;
}

// An attempt the request budget refused a token (errc::timeout or errc::cancelled): never sent.
attempt_result budget_refusal(std::error_code why, const rate_budget& budget) {
  attempt_result r;
  r.error = why;
  r.may_have_been_sent = false;
  const auto window_ms = std::chrono::duration_cast<milliseconds>(budget.window()).count();
  const std::string which =
      "the request budget (" + std::to_string(budget.requests()) + " per " + std::to_string(window_ms) + " ms)";
  r.cause = why == errc::timeout
                ? "the call's deadline would pass while it waits for a token of " + which + "; the request was not sent"
                : "the operation was cancelled while it waited for a token of " + which;
  return r;
}

// Sends the call's trace context, unless the caller set a traceparent of their own. A provider
// that throws sends none: tracing never fails a call.
void add_trace_headers(header_list& headers, const std::optional<trace_context>& trace) {
  if (!trace || !detail::find_header(headers, "traceparent").empty()) return;
  headers.emplace_back("traceparent", trace->traceparent());
  if (!trace->tracestate().empty()) headers.emplace_back("tracestate", trace->tracestate());
}

std::optional<trace_context> provided_trace(const transport_options& o) noexcept {
  try {
    return o.trace_provider();
  } catch (...) {
    return std::nullopt;
  }
}

// Tells the observer how an attempt ended and what comes next (`v` null: it succeeded). Called
// only when an observer is installed, so building the event's strings costs nothing otherwise.
void report_attempt(observer& obs, const origin& to, const request& req, const attempt_result& r, int attempt,
                    bool streamed, steady_clock::time_point started, const retry_verdict* v) {
  const std::string target = ::flowsdk::detail::redact_target(req.target);
  const std::string cause = ::flowsdk::detail::redact_credential_words(r.cause);
  std::string status_text;
  attempt_event e;
  e.method = boost::beast::http::to_string(req.method);
  e.target = target;
  e.host = to.host;
  e.port = to.port;
  e.tls = to.tls;
  e.attempt = attempt;
  e.status = r.error ? 0 : r.response.status;
  e.error = r.error;
  e.cause = cause;
  if (!v) {
    e.decision = attempt_event::decision_kind::succeeded;
  } else if (v->retry) {
    e.decision = attempt_event::decision_kind::will_retry;
    e.backoff = v->delay;
    if (v->why) {
      e.reason = v->why;
    } else if (r.error) {
      e.reason = detail::errc_name(r.error);
    } else {
      status_text = std::to_string(r.response.status);
      e.reason = status_text;
    }
  } else {
    e.decision = attempt_event::decision_kind::failed;
    e.reason = r.error == errc::cancelled ? "cancelled" : v->why ? v->why : "not retryable";
  }
  e.duration = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - started);
  if (!r.error) e.request_id = detail::request_id_of(r.response.headers);
  e.bytes_sent = req.body.size();
  e.bytes_received = r.response.body.size();
  e.streamed = streamed;
  e.traceparent = detail::find_header(req.headers, "traceparent");
  detail::notify(obs, e);
}

// The error for the final failed attempt.
[[noreturn]] void fail(const attempt_result& r, const request& req, int attempts, error_decoder decoder,
                       const retry_verdict& v) {
  error_details d;
  d.method = std::string(boost::beast::http::to_string(req.method));
  d.target = req.target;
  d.attempts = attempts;
  if (r.error) {
    d.cause = r.cause;
    if (v.refused_because) d.cause += std::string("; not retried: ") + v.refused_because;
    throw error(r.error, std::move(d));
  }
  if (v.refused_because) d.cause = std::string("not retried: ") + v.refused_because;
  d.http_status = r.response.status;
  d.request_id = std::string(detail::request_id_of(r.response.headers));
  d.body = r.response.body.substr(0, error_details::body_excerpt_limit);
  d.retry_after = v.retry_after;
  if (decoder) decoder(r.response, d);
  throw error(errc_from_status(r.response.status), std::move(d));
}

}  // namespace

template <bool Streamed>
asio::awaitable<transport::result_of<Streamed>> transport::with_retries(std::shared_ptr<state> st, origin to,
                                                                        request req, request_options per_call,
                                                                        error_decoder decoder) {
  const transport_options& o = st->options;
  for (auto& h : per_call.extra_headers) req.headers.push_back(std::move(h));
  for (const auto& [key, value] : per_call.extra_query) append_query(req.target, key, value);
  if (per_call.idempotency_key) req.headers.emplace_back("Idempotency-Key", *per_call.idempotency_key);
  if (per_call.trace) {
    add_trace_headers(req.headers, per_call.trace);
  } else if (o.trace_provider) {
    add_trace_headers(req.headers, provided_trace(o));
  }
  check_headers(req.headers);
  const resend_safety safety = resend_safety_of(req);  // after the key: a POST with one may be resent
  const int max_retries = per_call.max_retries.value_or(o.retry.max_retries);
  auto call_deadline = steady_clock::now() + per_call.timeout.value_or(o.timeouts.total);
  if (per_call.deadline) call_deadline = std::min(call_deadline, *per_call.deadline);
  const auto attempt_timeout = per_call.attempt_timeout.value_or(o.timeouts.attempt);

  if (steady_clock::now() >= call_deadline) {
    // A composite call whose earlier requests used up its deadline: nothing is sent.
    attempt_result expired;
    expired.error = errc::timeout;
    expired.may_have_been_sent = false;
    expired.cause = "the call's deadline passed before this request was sent";
    fail(expired, req, 0, decoder, {});
  }
  for (int attempt = 1;; ++attempt) {
    retry_verdict v;
    {
      // The attempt's result (strings, the response) ends with this block, before the sleep.
      if (per_call.budget) {
        // Every attempt spends a token; the attempt deadline starts once it has one.
        const std::error_code refused = co_await per_call.budget->acquire(call_deadline);
        if (refused) fail(budget_refusal(refused, *per_call.budget), req, attempt - 1, decoder, {});
      }
      const auto started = steady_clock::now();
      const auto attempt_deadline = std::min(call_deadline, started + attempt_timeout);
      // Awaited here rather than in a helper coroutine: one coroutine frame per attempt fewer.
      attempt_result r;
      bool aborted = false;
      try {
        if constexpr (Streamed) {
          r = co_await st->sender->open(to, req, attempt_deadline);
        } else {
          r = co_await st->sender->send(to, req, attempt_deadline);
        }
      } catch (const boost::system::system_error& e) {
        if (e.code() != asio::error::operation_aborted) throw;
        aborted = true;
      }
      if (aborted) r = cancelled_attempt();
      if (!r.error && r.response.ok()) {
        if (o.observer) report_attempt(*o.observer, to, req, r, attempt, Streamed, started, nullptr);
        if constexpr (Streamed) {
          co_return response_stream(r.response.status, std::move(r.response.headers), std::move(r.body_stream),
                                    o.timeouts.read_idle, std::string(boost::beast::http::to_string(req.method)),
                                    req.target);
        } else {
          co_return std::move(r.response);
        }
      }
      if (Streamed && !r.error && r.body_stream) co_await read_error_body(r, attempt_deadline, o.max_body_bytes);
      if (r.error != errc::cancelled) v = judge(o, r, safety, attempt, max_retries, call_deadline);
      if (o.observer) report_attempt(*o.observer, to, req, r, attempt, Streamed, started, &v);
      if (!v.retry) fail(r, req, attempt, decoder, v);
    }
    if (!co_await backoff_sleep(o, v.delay)) {
      attempt_result cancelled;
      cancelled.error = errc::cancelled;
      cancelled.cause = "the operation was cancelled while waiting to retry";
      fail(cancelled, req, attempt, decoder, v);
    }
  }
}

}  // namespace flowsdk::http
