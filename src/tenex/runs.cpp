// Runs and their per-step trace: triggering, listing, reading, pausing, resuming, cancelling.
// The progress stream is in run_progress.cpp.
#include "flowsdk/tenex/runs.hpp"

#include "requests.hpp"

#include <cstdio>
#include <ctime>

namespace flowsdk::tenex {

namespace asio = boost::asio;
using detail::api_of;
using detail::paged;
using detail::route;
using detail::state_ptr;
using http::verb;

bool run_status::is_terminal() const noexcept { return *this == succeeded || *this == failed || *this == cancelled; }

std::string list_runs_params::timestamp(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto whole = floor<seconds>(t);
  const auto micros = duration_cast<microseconds>(t - whole).count();
  const std::time_t tt = system_clock::to_time_t(whole);
  std::tm utc{};
  gmtime_r(&tt, &utc);
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out(buf, n);
  if (micros != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
    std::string fraction(buf);
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  out += 'Z';
  return out;
}

namespace {

boost::json::value run_body(const run_request& r) {
  boost::json::object o;
  o.emplace("input", r.input);
  if (r.version) o.emplace("version", *r.version);
  return o;
}

// Pause, resume and cancel: a repeat is harmless (the same state, or a 409), so they are
// declared idempotent and the transport retries them like a GET.
rest::operation run_action(route r) {
  return std::move(rest::operation(verb::post, std::move(r))).declare(http::idempotency::idempotent);
}

asio::awaitable<run> do_resume(state_ptr st, std::string run_id, request_options options) {
  options = rest::whole_call(st->api, std::move(options));  // the read-back shares the deadline
  try {
    co_return co_await rest::call<run>(api_of(st), run_action(detail::routes::resume_run(run_id)), options);
  } catch (const error& e) {
    // A 409 on a retry may answer a replay of an attempt that did resume the run; on the first
    // attempt it is the caller's mistake.
    if (e.code() != errc::conflict || e.details().attempts < 2 || e.details().vendor_code != "invalid_run_state") throw;
  }
  run now = co_await rest::call<run>(api_of(st), rest::operation(verb::get, detail::routes::run(run_id)), options);
  if (now.status == run_status::paused) {
    error_details d;
    d.method = "POST";
    d.target = detail::routes::resume_run(run_id).target(st->api.base_path());
    d.cause = "the run is still paused after a resume that was retried and refused with invalid_run_state";
    d.vendor_code = "invalid_run_state";
    throw error(errc::conflict, std::move(d));
  }
  co_return now;
}

}  // namespace

asio::awaitable<run> runs::trigger(std::string workflow_id, run_request request, request_options options) const {
  return rest::call<run>(
      api_of(state_),
      rest::operation(verb::post, detail::routes::workflow_runs(std::move(workflow_id))).with_body(run_body(request)),
      detail::with_idempotency_key(std::move(options)));
}

paginator<run> runs::list(list_runs_params params, request_options options) const {
  route r = detail::routes::runs();
  r.query_if("workflow_id", params.workflow_id);
  for (const auto& s : params.statuses) r.query("status", s.value());
  if (params.trigger_type) r.query("trigger_type", params.trigger_type->value());
  r.query_if("trigger_id", params.trigger_id);
  r.query_if("created_after", params.created_after).query_if("created_before", params.created_before);
  detail::add_limit(r, params.limit);
  return paged<run>(state_, std::move(r), std::move(options));
}

asio::awaitable<run> runs::get(std::string run_id, request_options options) const {
  return rest::call<run>(api_of(state_), rest::operation(verb::get, detail::routes::run(std::move(run_id))),
                         std::move(options));
}

asio::awaitable<run> runs::pause(std::string run_id, request_options options) const {
  return rest::call<run>(api_of(state_), run_action(detail::routes::pause_run(std::move(run_id))), std::move(options));
}

asio::awaitable<run> runs::resume(std::string run_id, request_options options) const {
  return do_resume(state_, std::move(run_id), std::move(options));
}

asio::awaitable<run> runs::cancel(std::string run_id, request_options options) const {
  return rest::call<run>(api_of(state_), run_action(detail::routes::cancel_run(std::move(run_id))), std::move(options));
}

paginator<step_run> runs::steps(std::string run_id, std::optional<int> limit, request_options options) const {
  route r = detail::routes::steps(std::move(run_id));
  detail::add_limit(r, limit);
  return paged<step_run>(state_, std::move(r), std::move(options));
}

asio::awaitable<step_run> runs::step(std::string run_id, std::string step_id, std::optional<int> attempt,
                                     request_options options) const {
  if (attempt && *attempt < 1) throw_invalid_argument("step attempts count from 1, not " + std::to_string(*attempt));
  route r = detail::routes::step(std::move(run_id), std::move(step_id));
  r.query_if("attempt", attempt);
  return rest::call<step_run>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

}  // namespace flowsdk::tenex
