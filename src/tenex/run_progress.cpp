// Run progress: the typed event stream, the watch that falls back to polling, wait_for_run.
#include "flowsdk/tenex/runs.hpp"

#include "requests.hpp"

#include "../http/strand_hop.hpp"
#include "../rest/poll.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <deque>
#include <exception>
#include <map>
#include <utility>
#include <variant>

namespace flowsdk::tenex {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// ---- decoding ---------------------------------------------------------------------------------

namespace detail {
namespace {

// The data object of every event kind, as the wire has it; run_event::from_sse sorts its
// members by kind (`status` is a run status in run.status and a step status in step.completed).
struct event_wire {
  std::string run_id;
  std::int64_t seq = 0;
  std::string at;
  std::optional<tenex::run> run;
  std::vector<step_run> steps;
  std::optional<std::string> status;
  std::optional<std::string> previous_status;
  std::optional<std::string> step_id;
  std::optional<std::string> type;
  std::optional<std::int64_t> attempt;
  boost::json::value delta;
  std::optional<run_error> error;
  std::optional<std::string> next_attempt_at;
  boost::json::value output;
  std::optional<std::string> branch_taken;
  std::optional<std::string> fallback_step_id;
};
// Not found by argument-dependent lookup from this namespace: the API's snake_case, as for the models.
template <class T>
constexpr json::key_style json_key_style(const T*) {
  return json::key_style::snake_case;
}
BOOST_DESCRIBE_STRUCT(event_wire, (),
                      (run_id, seq, at, run, steps, status, previous_status, step_id, type, attempt, delta, error,
                       next_attempt_at, output, branch_taken, fallback_step_id))

[[noreturn]] void throw_bad_event(const server_sent_event& e, std::string why) {
  error_details d;
  d.cause = "event \"" + e.type + "\" (id \"" + e.id + "\"): " + why;
  d.body = e.data.substr(0, error_details::body_excerpt_limit);
  throw error(errc::decode_error, std::move(d));
}

}  // namespace
}  // namespace detail

bool run_event_kind::is_known() const noexcept {
  for (const auto* k : {&snapshot, &status, &step_started, &step_progress, &step_retrying, &step_completed,
                        &step_failed, &paused, &resumed, &succeeded, &failed, &cancelled}) {
    if (*this == *k) return true;
  }
  return false;
}

run_event run_event::from_sse(const server_sent_event& e) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(e.data, ec);
  if (ec) detail::throw_bad_event(e, "not JSON: " + ec.message());
  if (!doc.is_object()) detail::throw_bad_event(e, "expected a JSON object");
  detail::event_wire w;
  try {
    json::decode(doc, w);
  } catch (const json::decode_exception& x) {
    detail::throw_bad_event(e, x.what());
  }
  run_event out;
  out.kind = run_event_kind(e.type);
  out.run_id = std::move(w.run_id);
  out.seq = w.seq;
  out.at = std::move(w.at);
  out.run = std::move(w.run);
  out.steps = std::move(w.steps);
  if (w.status) {
    if (out.kind == run_event_kind::step_completed) {
      out.step_outcome = step_status(std::move(*w.status));
    } else {
      out.status = run_status(std::move(*w.status));
    }
  }
  if (w.previous_status) out.previous_status = run_status(std::move(*w.previous_status));
  out.step_id = std::move(w.step_id);
  if (w.type) out.step_type = tenex::step_type(std::move(*w.type));
  out.attempt = w.attempt;
  out.delta = std::move(w.delta);
  out.error = std::move(w.error);
  out.next_attempt_at = std::move(w.next_attempt_at);
  out.output = std::move(w.output);
  out.branch_taken = std::move(w.branch_taken);
  out.fallback_step_id = std::move(w.fallback_step_id);
  out.data = std::move(doc.get_object());
  return out;
}

// ---- the stream ---------------------------------------------------------------------------------

namespace {

bool is_terminal_event(const server_sent_event& e) { return run_event_kind(e.type).is_terminal(); }

std::optional<run_event> decode_known(const server_sent_event& e) {
  // Forward compatibility: an event name this release does not know is skipped.
  if (!run_event_kind(e.type).is_known()) return std::nullopt;
  return run_event::from_sse(e);
}

void check_run_id(const std::string& run_id) {
  if (run_id.empty()) throw_invalid_argument("run_id must not be empty");
}

event_stream<run_event> make_events(const detail::state_ptr& st, std::string run_id, event_source_options options,
                                    request_options per_call) {
  check_run_id(run_id);
  const rest::service& api = st->api;
  if (!per_call.budget) per_call.budget = api.budget();  // a stream's openings count too
  http::request req =
      api.make_request(http::verb::get, detail::routes::run_events(std::move(run_id)).target(api.base_path()));
  event_source source(*api.transport(), api.origin(), std::move(req), &is_terminal_event, std::move(options),
                      std::move(per_call), api.hooks().error_body);
  return event_stream<run_event>(std::move(source), &decode_known);
}

}  // namespace

event_stream<run_event> runs::events(std::string run_id, event_source_options options, request_options per_call) const {
  return make_events(state_, std::move(run_id), std::move(options), std::move(per_call));
}

// ---- the watch ----------------------------------------------------------------------------------

namespace detail {

struct watch_state {
  watch_state(state_ptr st, std::string id, watch_options o)
      : client(std::move(st)),
        run_id(std::move(id)),
        options(std::move(o)),
        backoff(options.poll_initial, options.poll_max, 2.0, 0.0) {}

  state_ptr client;
  std::string run_id;
  watch_options options;

  std::optional<event_stream<run_event>> stream;
  bool polling = false;
  bool finished = false;
  std::int64_t last_seq = 0;

  // Polling: what the last poll saw, and the events made up from it not yet handed out.
  int polls = 0;
  // Doubling from poll_initial up to poll_max, no jitter: one watch per run, nothing to spread.
  rest::poll_backoff backoff;
  milliseconds poll_delay{0};
  std::optional<run_status> last_status;
  std::map<std::pair<std::string, std::int64_t>, step_status> last_steps;  // (step_id, attempt)
  std::deque<run_event> pending;
};

namespace {

// What makes a watch give up on the stream and poll instead: the server would not stream
// (not text/event-stream, a status that refuses it) or the stream kept failing. Errors about the
// request itself (credentials, an unknown run, cancellation) end the watch instead.
bool falls_back_to_polling(const error& e) {
  const std::error_code c = e.code();
  return c == errc::protocol_error || c == errc::connection_lost || c == errc::timeout || c == errc::server_error ||
         c == errc::rate_limited || c == errc::client_error || c == errc::bad_request || c == errc::connect_failed ||
         c == errc::unexpected_status;
}

run_event made_up(const watch_state& w, run_event_kind kind, std::string at) {
  run_event e;
  e.kind = std::move(kind);
  e.run_id = w.run_id;
  e.seq = w.last_seq;
  e.at = std::move(at);
  e.synthesized = true;
  return e;
}

const std::string& latest_time(const step_run& s) {
  if (s.finished_at) return *s.finished_at;
  if (s.started_at) return *s.started_at;
  static const std::string none;
  return none;
}

// The events that turn what the previous poll saw into what this one sees.
void diff(watch_state& w, const run& now, const std::vector<step_run>& steps) {
  for (const auto& s : steps) {
    auto key = std::make_pair(s.step_id, s.attempt);
    auto seen = w.last_steps.find(key);
    if (seen != w.last_steps.end() && seen->second == s.status) continue;
    const bool was_running = seen != w.last_steps.end() && seen->second == step_status::running;
    std::optional<run_event_kind> kind;
    if (s.status == step_status::running) kind = run_event_kind::step_started;
    if (s.status == step_status::retrying) kind = run_event_kind::step_retrying;
    if (s.status == step_status::succeeded) kind = run_event_kind::step_completed;
    if (s.status == step_status::failed) kind = run_event_kind::step_failed;
    w.last_steps[key] = s.status;
    if (!kind) continue;
    if (*kind == run_event_kind::step_completed && !was_running) {
      // Started and finished between two polls: both are reported, in order.
      run_event started = made_up(w, run_event_kind::step_started, s.started_at.value_or(latest_time(s)));
      started.step_id = s.step_id;
      started.step_type = s.type;
      started.attempt = s.attempt;
      w.pending.push_back(std::move(started));
    }
    run_event e = made_up(w, *kind, latest_time(s));
    e.step_id = s.step_id;
    e.attempt = s.attempt;
    if (*kind == run_event_kind::step_started) e.step_type = s.type;
    if (*kind == run_event_kind::step_completed) {
      e.step_outcome = s.status;
      e.output = s.output;
      e.branch_taken = s.branch_taken;
    }
    if (s.error) e.error = s.error;
    w.pending.push_back(std::move(e));
  }
  if (w.last_status && *w.last_status == now.status) return;
  const std::optional<run_status> previous = w.last_status;
  w.last_status = now.status;
  const std::string at = now.finished_at.value_or(now.started_at.value_or(now.created_at));
  run_event e = made_up(w, run_event_kind::status, at);
  if (now.status == run_status::succeeded) {
    e.kind = run_event_kind::succeeded;
    e.output = now.output;
  } else if (now.status == run_status::failed) {
    e.kind = run_event_kind::failed;
    e.error = now.error;
  } else if (now.status == run_status::cancelled) {
    e.kind = run_event_kind::cancelled;
  } else if (now.status == run_status::paused) {
    e.kind = run_event_kind::paused;
  } else if (previous && *previous == run_status::paused) {
    e.kind = run_event_kind::resumed;
  } else {
    e.status = now.status;
    e.previous_status = previous;
  }
  w.pending.push_back(std::move(e));
}

asio::awaitable<std::vector<step_run>> all_steps(state_ptr st, std::string run_id) {
  paginator<step_run> pages = paged<step_run>(st, routes::steps(std::move(run_id)), request_options());
  std::vector<step_run> steps;
  for (;;) {
    std::optional<page<step_run>> p = co_await pages.next_page();
    if (!p) break;
    std::move(p->items.begin(), p->items.end(), std::back_inserter(steps));
  }
  co_return steps;
}

// One poll: waits (not before the first), reads the run and its trace, queues what changed.
asio::awaitable<void> poll_once(std::shared_ptr<watch_state> w) {
  if (w->polls++ > 0)
    co_await rest::poll_sleep(w->client->api.transport(), w->poll_delay, "while waiting to poll the run");
  run now = co_await rest::call<run>(api_of(w->client), operation(http::verb::get, routes::run(w->run_id)),
                                     request_options());
  std::vector<step_run> steps = co_await all_steps(w->client, w->run_id);
  const std::size_t before = w->pending.size();
  if (w->polls == 1) {
    // The first poll replaces whatever the caller knew, as a snapshot from the server would.
    run_event snap = made_up(*w, run_event_kind::snapshot, now.created_at);
    for (const auto& s : steps) w->last_steps[{s.step_id, s.attempt}] = s.status;
    w->last_status = now.status;
    snap.steps = steps;
    const bool terminal = now.status.is_terminal();
    snap.run = now;
    w->pending.push_back(std::move(snap));
    if (terminal) {
      w->last_status.reset();
      diff(*w, now, {});
    }
  } else {
    diff(*w, now, steps);
  }
  const bool changed = w->pending.size() != before;
  if (changed || w->polls == 1) w->backoff.reset();  // from the first wait again after a change
  w->poll_delay = w->backoff.next(0.0);
}

}  // namespace

asio::awaitable<std::optional<run_event>> next_event(std::shared_ptr<watch_state> w) {
  for (;;) {
    if (!w->pending.empty()) {
      run_event e = std::move(w->pending.front());
      w->pending.pop_front();
      if (e.is_terminal()) {
        w->finished = true;
        w->pending.clear();
      }
      co_return e;
    }
    if (w->finished) co_return std::nullopt;
    if (w->polling) {
      co_await poll_once(w);
      continue;
    }
    if (!w->stream) {
      // One attempt per opening: the source's own reconnections are the retries, and a server
      // that refuses to stream is soon polled instead.
      request_options once;
      once.max_retries = 0;
      w->stream.emplace(make_events(w->client, w->run_id, w->options.stream, std::move(once)));
    }
    std::optional<run_event> e;
    bool fall_back = false;
    try {
      e = co_await w->stream->next();
    } catch (const error& x) {
      if (!falls_back_to_polling(x)) {
        w->finished = true;
        throw;
      }
      fall_back = true;
    }
    if (fall_back) {
      w->stream.reset();
      w->polling = true;
      continue;
    }
    if (!e) {
      w->finished = true;  // ended by the server (204) or closed
      co_return std::nullopt;
    }
    // A server that sends an event twice (or replays more than asked) is not believed twice.
    if (e->kind != run_event_kind::snapshot && e->seq <= w->last_seq) continue;
    w->last_seq = std::max(w->last_seq, e->seq);
    if (e->is_terminal()) {
      w->finished = true;
      w->stream.reset();  // the server closes after it; no need to read the close
    }
    co_return e;
  }
}

}  // namespace detail

namespace {
asio::awaitable<std::optional<run_event>> nothing() { co_return std::nullopt; }
}  // namespace

asio::awaitable<std::optional<run_event>> run_watch::next() {
  if (!state_) return nothing();
  std::shared_ptr<detail::watch_state> w = state_;
  return detail::next_event(std::move(w));
}

const std::string& run_watch::run_id() const noexcept {
  static const std::string none;
  return state_ ? state_->run_id : none;
}
bool run_watch::polling() const noexcept { return state_ && state_->polling; }
std::int64_t run_watch::last_seq() const noexcept { return state_ ? state_->last_seq : 0; }

void run_watch::close() noexcept {
  if (!state_) return;
  state_->finished = true;
  state_->pending.clear();
  if (state_->stream) state_->stream->source().close();
}

namespace {

run_watch make_watch(detail::state_ptr st, std::string run_id, watch_options options) {
  check_run_id(run_id);
  auto w = std::make_shared<detail::watch_state>(std::move(st), std::move(run_id), std::move(options));
  w->polling = !w->options.use_stream;
  if (!w->options.stream.last_event_id.empty()) {
    // Resuming: what came before that id was handed out by an earlier watch.
    const std::string& id = w->options.stream.last_event_id;
    std::int64_t seq = 0;
    if (std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }) && id.size() < 18)
      seq = std::stoll(id);
    w->last_seq = seq;
  }
  return run_watch(std::move(w));
}

asio::awaitable<run_watch> do_trigger_and_watch(runs handle, detail::state_ptr st, std::string workflow_id,
                                                run_request request, watch_options options, request_options per_call) {
  run started = co_await handle.trigger(std::move(workflow_id), std::move(request), std::move(per_call));
  co_return make_watch(std::move(st), std::move(started.id), std::move(options));
}

// What a wait has seen of the run, for its timeout error.
struct seen_so_far {
  std::optional<run_status> status;
  std::string last_event;
  int events = 0;

  void note(const run_event& e) {
    ++events;
    last_event = e.kind.value();
    if (e.run) status = e.run->status;
    if (e.status) status = e.status;
    if (e.kind == run_event_kind::paused) status = run_status::paused;
    if (e.kind == run_event_kind::resumed) status = run_status::running;
  }
  std::optional<std::string> state() const {
    if (events == 0) return std::nullopt;
    return (status ? status->value() + ", " : std::string()) + "last event " + last_event;
  }
};

// Reads the watch to its end. A failure is returned, not thrown: `||` waits for one side to
// succeed, so a thrown failure would be held until the timer (docs/coroutine-hazards.md, 2).
asio::awaitable<std::exception_ptr> drain(run_watch w, std::shared_ptr<seen_so_far> seen) {
  std::exception_ptr failed;
  try {
    for (;;) {
      std::optional<run_event> e = co_await w.next();
      if (!e) break;
      seen->note(*e);
    }
  } catch (...) {
    failed = std::current_exception();
  }
  co_return failed;
}

asio::awaitable<bool> sleep_for(milliseconds d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(asio::use_awaitable);
  co_return true;
}

// On a strand of its own, so that the watch and its timer never run at once on two threads.
asio::awaitable<void> watch_until(run_watch w, milliseconds timeout, std::string target) {
  using namespace asio::experimental::awaitable_operators;
  auto seen = std::make_shared<seen_so_far>();
  auto raced = drain(w, seen) || sleep_for(timeout);
  std::variant<std::exception_ptr, bool> winner = co_await std::move(raced);
  if (winner.index() == 0) {
    if (std::exception_ptr failed = std::get<0>(winner)) std::rethrow_exception(failed);
  } else {
    const rest::poll_subject subject("run \"" + w.run_id() + "\"", "end", "GET", std::move(target));
    rest::throw_wait_timeout(subject, timeout, seen->state(), rest::count_of(seen->events, "event"));
  }
}

asio::awaitable<run> do_wait_for_run(detail::state_ptr st, std::string run_id, milliseconds timeout,
                                     watch_options options) {
  const auto started = std::chrono::steady_clock::now();
  run_watch w = make_watch(st, run_id, std::move(options));
  auto strand = asio::make_strand(co_await asio::this_coro::executor);
  co_await http::detail::run_on(strand,
                                watch_until(w, timeout, detail::routes::run(run_id).target(st->api.base_path())));
  request_options last;
  last.deadline = started + timeout;
  co_return co_await rest::call<run>(detail::api_of(st),
                                     detail::operation(http::verb::get, detail::routes::run(run_id)), last);
}

}  // namespace

run_watch runs::watch(std::string run_id, watch_options options) const {
  return make_watch(state_, std::move(run_id), std::move(options));
}

asio::awaitable<run_watch> runs::trigger_and_watch(std::string workflow_id, run_request request, watch_options options,
                                                   request_options per_call) const {
  return do_trigger_and_watch(*this, state_, std::move(workflow_id), std::move(request), std::move(options),
                              std::move(per_call));
}

asio::awaitable<run> runs::wait_for_run(std::string run_id, milliseconds timeout, watch_options options) const {
  check_run_id(run_id);
  return do_wait_for_run(state_, std::move(run_id), timeout, std::move(options));
}

}  // namespace flowsdk::tenex
