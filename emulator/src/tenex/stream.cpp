// GET /runs/{id}/events: the run's event log as WHATWG server-sent events (docs/emulator.md,
// "10ex event stream"). The stream polls the log every few milliseconds of real time; the
// keepalive interval is real time too.

#include "tenex/routes.hpp"

#include <boost/json/serialize.hpp>

#include <deque>

namespace flowsdk::emulator::detail {

using namespace tenex;

namespace {

constexpr std::chrono::milliseconds poll_interval{5};

std::string frame(long long id, std::string_view type, const json::object& data, std::string_view eol) {
  return "id: " + std::to_string(id) + std::string(eol) + "event: " + std::string(type) + std::string(eol) +
         "data: " + json::serialize(data) + std::string(eol) + std::string(eol);
}

// Where to cut a frame into three pieces: inside the first line end ("\r|\n" with CRLF), and
// inside the first multi-byte UTF-8 sequence, else two thirds in.
std::pair<std::size_t, std::size_t> cut_points(const std::string& f) {
  std::size_t a = f.size() / 7 + 1;
  if (const auto cr = f.find('\r'); cr != std::string::npos) a = cr + 1;
  std::size_t b = f.size() * 2 / 3;
  for (std::size_t k = a + 1; k + 1 < f.size(); ++k)
    if ((static_cast<unsigned char>(f[k]) & 0xC0) == 0xC0) {  // a lead byte: cut after it
      b = k + 1;
      break;
    }
  if (b <= a) b = a + 1;
  return {a, std::min(b, f.size() - 1)};
}

}  // namespace

void tenex_routes::serve_events(context& c, const std::string& run_id) {
  const auto& r = find_run(c, run_id);
  std::optional<long long> after;
  if (const auto a = c.query.get("after")) {
    after = parse_integer(*a);
    if (!after || *after < 0)
      throw validation_error(json::array{"query", "after"}, "Input should be an integer >= 0", "greater_than_equal");
  }
  if (const auto h = c.req.find("last-event-id"); h != c.req.end()) {  // takes precedence over ?after=
    after = parse_integer(h->value());
    if (!after || *after < 0)
      throw validation_error(json::array{"header", "last-event-id"}, "Last-Event-ID must be an integer >= 0");
  }
  switch (options_.stream_mode) {
    case tenex_stream_mode::stream:
      break;
    case tenex_stream_mode::refuse_json:
      return set_json(c.out.response, http::status::ok, to_json(r));
    case tenex_stream_mode::refuse_406:
      throw app_error(http::status::not_acceptable, "not_acceptable", "Event streaming is not available");
    case tenex_stream_mode::refuse_503:
      throw app_error(http::status::service_unavailable, "upstream_unavailable", "Event streaming is not available");
  }
  const auto last = static_cast<long long>(r.events.size());
  if (after && r.terminal() && *after >= last) return set_empty(c.out.response, http::status::no_content);

  c.out.response.result(http::status::ok);
  c.out.response.set(http::field::content_type, "text/event-stream; charset=utf-8");
  c.out.response.set(http::field::cache_control, "no-cache");
  c.out.response.set(http::field::connection, "keep-alive");
  c.out.response.set("x-accel-buffering", "no");

  struct cursor {
    long long next_seq = 1;
    bool preamble = true;
    bool snapshot = false;
    int sent = 0;                    // events sent on this connection
    std::deque<std::string> pieces;  // the rest of a split frame
    bool end_after_pieces = false;
    std::chrono::steady_clock::time_point last_write = std::chrono::steady_clock::now();
  };
  auto cur = std::make_shared<cursor>();
  cur->snapshot = !after;
  // Events older than the retained window cannot be replayed: the client gets a snapshot instead.
  if (after && options_.stream_retained_events > 0 && *after < last - options_.stream_retained_events)
    cur->snapshot = true;
  cur->next_seq = after ? *after + 1 : 1;
  std::weak_ptr<tenex_routes> weak = shared_from_this();
  const std::string ws_id = c.ws->id;
  c.out.stream = [weak, cur, ws_id, run_id, keepalive = options_.keepalive_interval,
                  drop_after = options_.stream_drop_after, split = options_.stream_split_frames,
                  eol = std::string(options_.stream_crlf ? "\r\n" : "\n")]() -> stream_step {
    stream_step step;
    const auto now = std::chrono::steady_clock::now();
    if (cur->preamble) {
      cur->preamble = false;
      cur->last_write = now;
      step.data = "retry: 3000" + eol + eol;
      return step;
    }
    if (!cur->pieces.empty()) {
      step.delay = std::chrono::milliseconds(2);  // the pieces arrive apart
      step.data = std::move(cur->pieces.front());
      cur->pieces.pop_front();
      if (cur->pieces.empty() && cur->end_after_pieces) step.next = stream_step::then::end;
      cur->last_write = now;
      return step;
    }
    if (drop_after > 0 && cur->sent >= drop_after) {
      step.next = stream_step::then::drop;
      return step;
    }
    const auto self = weak.lock();
    if (!self) {
      step.next = stream_step::then::drop;
      return step;
    }
    std::string out;
    bool terminal = false;
    {
      std::lock_guard lock(self->mutex_);
      const run_rec* found = nullptr;
      if (const auto w = self->workspaces_.find(ws_id); w != self->workspaces_.end())
        if (const auto it = w->second.runs.find(run_id); it != w->second.runs.end()) found = &it->second;
      if (!found || self->stopped_) {
        step.next = stream_step::then::drop;
        return step;
      }
      const auto& run = *found;
      const auto count = static_cast<long long>(run.events.size());
      if (cur->snapshot) {
        // A terminal run's snapshot reflects everything but the terminal event, which follows it.
        cur->snapshot = false;
        const long long id = run.terminal() ? count - 1 : count;
        json::array steps;
        for (const auto& s : run.steps) steps.push_back(to_json(s));
        json::object data{{"run_id", run.id},
                          {"seq", id},
                          {"at", format_iso8601(self->clock_->now())},
                          {"run", to_json(run)},
                          {"steps", std::move(steps)}};
        out = frame(id, "run.snapshot", data, eol);
        cur->next_seq = id + 1;
      } else if (cur->next_seq <= count) {
        const auto& e = run.events[static_cast<std::size_t>(cur->next_seq - 1)];
        out = frame(e.seq, e.type, e.data, eol);
        terminal = e.type == "run.succeeded" || e.type == "run.failed" || e.type == "run.cancelled";
        ++cur->next_seq;
      }
    }
    if (out.empty()) {
      if (now - cur->last_write >= keepalive) {
        cur->last_write = now;
        step.data = ": keepalive" + eol + eol;
      } else {
        step.delay = poll_interval;
      }
      return step;
    }
    ++cur->sent;
    cur->last_write = now;
    if (split && out.size() >= 3) {
      const auto [a, b] = cut_points(out);
      cur->pieces.push_back(out.substr(a, b - a));
      cur->pieces.push_back(out.substr(b));
      cur->end_after_pieces = terminal;
      out.resize(a);
      terminal = false;
    }
    step.data = std::move(out);
    if (terminal) step.next = stream_step::then::end;
    return step;
  };
}

}  // namespace flowsdk::emulator::detail
