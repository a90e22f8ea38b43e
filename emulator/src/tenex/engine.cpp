// The 10ex run engine: graph execution on the server's scheduler (docs/emulator.md, "10ex
// execution"). A run is a cursor (the step in flight or next, its attempt and phase) moved by
// wake-ups at the times the phase ends; every move appends to the run's event log and step trace.

#include "tenex/routes.hpp"
#include "tenex/schedule.hpp"
#include "tenex/schema.hpp"

#include <algorithm>
#include <cmath>

namespace flowsdk::emulator::detail {

using namespace tenex;
using phase = run_cursor::phase;

namespace {

// `v` with every string that is a `$.` path replaced by its value in `ctx`.
json::value resolve_values(const json::value& v, const json::value& ctx) {
  if (v.is_string()) return is_path(v.get_string()) ? resolve_path(ctx, v.get_string()) : v;
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.get_array()) out.push_back(resolve_values(e, ctx));
    return out;
  }
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, e] : v.get_object()) out[k] = resolve_values(e, ctx);
    return out;
  }
  return v;
}

const json::object& emulator_config(const step_def& s) {
  static const json::object none;
  const auto* e = s.config.if_contains("emulator");
  return e && e->is_object() ? e->get_object() : none;
}

std::optional<long long> config_int(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return static_cast<long long>(v->to_number<double>());
}

bool config_flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

epoch_ms seconds_ms(const json::value* v) {
  return v && v->is_number() ? static_cast<epoch_ms>(std::llround(v->to_number<double>() * 1000)) : 0;
}

// The step after `id` on its only outgoing edge; empty when the path ends there.
std::string next_of(const graph& g, const std::string& id) {
  const auto out = g.out_of(id);
  return out.empty() ? std::string() : out.front()->to;
}

}  // namespace

json::value tenex_routes::run_context(const run_rec& r) const {
  json::object steps;
  for (const auto& [id, out] : r.outputs) steps[id] = json::object{{"output", out}};
  return json::object{{"input", r.input}, {"steps", std::move(steps)}};
}

tenex::run_rec& tenex_routes::start_run(workspace& ws, const workflow_rec& w, const version_rec& v, json::value input,
                                        json::object trigger, epoch_ms now) {
  const auto id = new_id("run_");
  auto& r = ws.runs[id];
  r.id = id;
  r.workflow_id = w.id;
  r.version = v.number;
  r.trigger = std::move(trigger);
  r.input = std::move(input);
  r.created_at = now;
  r.g = v.g;
  const auto* first = r.g.entry();
  r.cursor.step_id = first ? first->id : std::string();
  schedule(ws, r, now + options_.queue_delay.count());
  return r;
}

void tenex_routes::emit(workspace&, run_rec& r, std::string type, json::object fields, epoch_ms at) {
  run_event e;
  e.seq = static_cast<long long>(r.events.size()) + 1;
  e.type = std::move(type);
  e.data = json::object{{"run_id", r.id}, {"seq", e.seq}, {"at", format_iso8601(at)}};
  for (auto& [k, v] : fields) e.data[k] = std::move(v);
  r.events.push_back(std::move(e));
}

void tenex_routes::set_status(workspace& ws, run_rec& r, const std::string& status, epoch_ms at) {
  if (r.status == status) return;
  json::object f{{"status", status}, {"previous_status", r.status}};
  r.status = status;
  emit(ws, r, "run.status", std::move(f), at);
}

void tenex_routes::schedule(workspace& ws, run_rec& r, epoch_ms when) {
  const auto token = ++r.cursor.token;
  if (stopped_) return;
  clock_->at(when,
             [self = shared_from_this(), ws = ws.id, id = r.id, token, when] { self->wake(ws, id, token, when); });
}

void tenex_routes::wake(const std::string& ws_id, const std::string& run_id, std::uint64_t token, epoch_ms when) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  const auto w = workspaces_.find(ws_id);
  if (w == workspaces_.end()) return;
  const auto r = w->second.runs.find(run_id);
  if (r == w->second.runs.end() || r->second.cursor.token != token) return;
  play(w->second, r->second, when);
}

void tenex_routes::play(workspace& ws, run_rec& r, epoch_ms t) {
  auto& cur = r.cursor;
  if (r.terminal() || r.status == "paused") return;
  if (r.status == "queued") {
    if (!r.started) {
      r.started = true;
      r.started_at = t;
      set_status(ws, r, "running", t);
      notify_webhooks(ws, r, "flow.run.started", t);
    } else if (cur.resumed_wait) {
      // Back into the wait that the pause interrupted, with the time it had left.
      cur.resumed_wait = false;
      set_status(ws, r, "waiting", t);
      if (cur.what == phase::delay_wait) {
        cur.due = t + cur.remaining;
        schedule(ws, r, cur.due);
      } else if (cur.remaining >= 0) {
        cur.timeout = t + cur.remaining;
        schedule(ws, r, *cur.timeout);
      }
      return;
    } else {
      set_status(ws, r, "running", t);
    }
    if (cur.step_id.empty()) return finish_run(ws, r, "succeeded", t);
    return begin_step(ws, r, cur.step_id, cur.attempt, t);
  }
  if (r.status == "cancelling" && cur.what != phase::in_step) return finish_run(ws, r, "cancelled", t);
  switch (cur.what) {
    case phase::in_step: {
      const auto& s = *r.g.find(cur.step_id);
      const auto n =
          config_int(emulator_config(s), "progress").value_or(s.type == "agent" ? options_.agent_progress_events : 0);
      if (t < cur.due && r.status != "cancelling" && cur.progress_sent < n) {
        ++cur.progress_sent;
        emit(ws, r, "step.progress",
             json::object{{"step_id", s.id},
                          {"attempt", cur.attempt},
                          {"delta", "chunk " + std::to_string(cur.progress_sent) + "/" + std::to_string(n)}},
             t);
        const auto start = r.steps[cur.record].started_at.value_or(t);
        const epoch_ms next = start + (cur.due - start) * (cur.progress_sent + 1) / (n + 1);
        return schedule(ws, r, cur.progress_sent < n ? std::max(next, t) : cur.due);
      }
      if (t < cur.due) return schedule(ws, r, cur.due);
      if (r.status == "cancelling") return finish_run(ws, r, "cancelled", t);
      return finish_attempt(ws, r, t);
    }
    case phase::retry_wait:
      if (r.status == "pausing") {  // the failed attempt ended the in-flight step
        cur.what = phase::idle;
        ++cur.token;
        r.status = "paused";
        r.current_step_id = nullptr;
        return emit(ws, r, "run.paused", {}, t);
      }
      return begin_step(ws, r, cur.step_id, cur.attempt, t);
    case phase::delay_wait: {
      auto& rec = r.steps[cur.record];
      rec.status = "succeeded";
      rec.finished_at = t;
      rec.output = json::object{};
      r.outputs[rec.step_id] = rec.output;
      r.last_output = rec.output;
      emit(ws, r, "step.completed",
           json::object{{"step_id", rec.step_id}, {"status", "succeeded"}, {"output", rec.output}}, t);
      set_status(ws, r, "running", t);
      return after_step(ws, r, next_of(r.g, rec.step_id), t);
    }
    case phase::event_wait:  // the timeout
      set_status(ws, r, "running", t);
      return fail_attempt(
          ws, r,
          json::object{{"code", "wait_timeout"},
                       {"message", "no " + std::string(r.g.find(cur.step_id)->config.at("event_type").get_string()) +
                                       " event arrived before the timeout"}},
          t);
    case phase::idle:
    case phase::hang:
      return;
  }
}

void tenex_routes::begin_step(workspace& ws, run_rec& r, const std::string& step_id, int attempt, epoch_ms t) {
  auto& cur = r.cursor;
  const auto* s = r.g.find(step_id);
  cur.step_id = step_id;
  cur.attempt = attempt;
  cur.progress_sent = 0;
  cur.timeout.reset();
  r.current_step_id = json::string(step_id);
  const auto ctx = run_context(r);
  step_run_rec rec;
  rec.step_id = step_id;
  rec.type = s->type;
  rec.status = "running";
  rec.attempt = attempt;
  rec.started_at = t;
  if (s->type == "agent") {
    const auto* m = s->config.if_contains("input_mapping");
    rec.input = m && m->is_object() ? resolve_values(*m, ctx) : r.input;
    rec.agent_run_id = json::string(new_id("agr_"));
  } else if (s->type == "connector_action") {
    const auto* p = s->config.if_contains("params");
    rec.input = p ? resolve_values(*p, ctx) : json::value(json::object{});
  }
  r.steps.push_back(std::move(rec));
  cur.record = r.steps.size() - 1;
  emit(ws, r, "step.started", json::object{{"step_id", step_id}, {"type", s->type}, {"attempt", attempt}}, t);

  const auto& emu = emulator_config(*s);
  if (s->type == "branch") {
    const edge_def* chosen = nullptr;
    const edge_def* fallback = nullptr;
    for (const auto* e : r.g.out_of(step_id)) {
      if (!e->parsed)
        fallback = fallback ? fallback : e;
      else if (!chosen && e->parsed->evaluate(ctx))
        chosen = e;
    }
    if (!chosen) chosen = fallback;
    auto& b = r.steps[cur.record];
    b.status = "succeeded";
    b.finished_at = t;
    b.branch_taken = chosen ? json::value(json::string(chosen->to)) : json::value(nullptr);
    b.output = json::object{{"branch_taken", b.branch_taken}};
    r.outputs[step_id] = b.output;
    r.last_output = b.output;
    emit(ws, r, "step.completed",
         json::object{
             {"step_id", step_id}, {"status", "succeeded"}, {"output", b.output}, {"branch_taken", b.branch_taken}},
         t);
    return after_step(ws, r, chosen ? chosen->to : std::string(), t);
  }
  if (s->type == "wait") {
    r.steps[cur.record].status = "waiting";
    set_status(ws, r, "waiting", t);
    if (s->config.at("mode") == json::value("delay")) {
      cur.what = phase::delay_wait;
      cur.due = t + seconds_ms(s->config.if_contains("duration_seconds"));
      return schedule(ws, r, cur.due);
    }
    cur.what = phase::event_wait;
    if (const auto* to = s->config.if_contains("timeout_seconds"); to && to->is_number()) {
      cur.timeout = t + seconds_ms(to);
      schedule(ws, r, *cur.timeout);
    } else {
      ++cur.token;  // nothing but an event moves it on
    }
    return;
  }
  if (config_flag(emu, "hang")) {
    cur.what = phase::hang;
    ++cur.token;
    return;
  }
  const auto fallback_ms = s->type == "agent" ? options_.agent_duration : options_.connector_duration;
  cur.what = phase::in_step;
  cur.due = t + config_int(emu, "duration_ms").value_or(fallback_ms.count());
  const auto n = config_int(emu, "progress").value_or(s->type == "agent" ? options_.agent_progress_events : 0);
  schedule(ws, r, n > 0 ? t + (cur.due - t) / (n + 1) : cur.due);
}

void tenex_routes::finish_attempt(workspace& ws, run_rec& r, epoch_ms t) {
  auto& cur = r.cursor;
  const auto& s = *r.g.find(cur.step_id);
  const auto& emu = emulator_config(s);
  const bool fails = config_flag(emu, "fail") || cur.attempt <= config_int(emu, "fail_attempts").value_or(0);
  if (fails) {
    const auto* code = emu.if_contains("error_code");
    return fail_attempt(ws, r,
                        json::object{{"code", code && code->is_string() ? *code : json::value("step_failed")},
                                     {"message", "injected failure on attempt " + std::to_string(cur.attempt)}},
                        t);
  }
  auto& rec = r.steps[cur.record];
  json::value output = rec.input;
  if (const auto* o = s.config.if_contains("output"); o && s.type == "agent")
    output = resolve_values(*o, run_context(r));
  rec.status = "succeeded";
  rec.finished_at = t;
  rec.output = output;
  r.outputs[s.id] = output;
  r.last_output = output;
  emit(ws, r, "step.completed", json::object{{"step_id", s.id}, {"status", "succeeded"}, {"output", output}}, t);
  after_step(ws, r, next_of(r.g, s.id), t);
}

void tenex_routes::fail_attempt(workspace& ws, run_rec& r, json::object error, epoch_ms t) {
  auto& cur = r.cursor;
  const auto& s = *r.g.find(cur.step_id);
  auto& rec = r.steps[cur.record];
  rec.status = "failed";
  rec.finished_at = t;
  rec.error = error;
  long long max_attempts = 1;
  epoch_ms delay = 1000;
  bool exponential = false;
  if (s.retry.is_object()) {
    const auto& ro = s.retry.get_object();
    max_attempts = config_int(ro, "max_attempts").value_or(1);
    if (const auto* d = ro.if_contains("delay_seconds"); d && d->is_number()) delay = seconds_ms(d);
    exponential = ro.if_contains("backoff") && ro.at("backoff") == json::value("exponential");
  }
  if (cur.attempt < max_attempts) {
    if (exponential) delay *= epoch_ms{1} << std::min(cur.attempt - 1, 20);
    const auto next_at = t + delay;
    emit(ws, r, "step.retrying",
         json::object{{"step_id", s.id},
                      {"attempt", cur.attempt},
                      {"error", error},
                      {"next_attempt_at", format_iso8601(next_at)}},
         t);
    if (r.status == "cancelling") return finish_run(ws, r, "cancelled", t);
    cur.attempt += 1;
    cur.what = phase::retry_wait;
    cur.due = next_at;
    if (r.status == "pausing") {
      // The attempt was the in-flight step: pause at its end; resume starts the next attempt.
      cur.what = phase::idle;
      ++cur.token;
      r.status = "paused";
      r.current_step_id = nullptr;
      emit(ws, r, "run.paused", {}, t);
      return;
    }
    return schedule(ws, r, next_at);
  }
  json::object fields{{"step_id", s.id}, {"attempt", cur.attempt}, {"error", error}};
  if (!s.fallback_step_id.empty()) fields["fallback_step_id"] = s.fallback_step_id;
  emit(ws, r, "step.failed", std::move(fields), t);
  if (!s.fallback_step_id.empty()) return after_step(ws, r, s.fallback_step_id, t);
  error["step_id"] = s.id;
  r.error = std::move(error);
  finish_run(ws, r, "failed", t);
}

void tenex_routes::after_step(workspace& ws, run_rec& r, const std::string& next, epoch_ms t) {
  auto& cur = r.cursor;
  if (r.status == "cancelling") return finish_run(ws, r, "cancelled", t);
  if (next.empty()) return finish_run(ws, r, "succeeded", t);
  if (r.status == "pausing") {
    cur.what = phase::idle;
    cur.step_id = next;
    cur.attempt = 1;
    ++cur.token;
    r.status = "paused";
    r.current_step_id = nullptr;
    emit(ws, r, "run.paused", {}, t);
    return;
  }
  begin_step(ws, r, next, 1, t);
}

void tenex_routes::finish_run(workspace& ws, run_rec& r, const std::string& status, epoch_ms t) {
  ++r.cursor.token;
  r.cursor.what = phase::idle;
  r.status = status;
  r.finished_at = t;
  r.current_step_id = nullptr;
  for (auto& rec : r.steps)
    if (rec.status == "running" || rec.status == "waiting") {
      rec.status = "cancelled";
      rec.finished_at = t;
    }
  for (const auto& s : r.g.steps) {
    const bool reached =
        std::any_of(r.steps.begin(), r.steps.end(), [&](const step_run_rec& x) { return x.step_id == s.id; });
    if (reached) continue;
    step_run_rec skipped;
    skipped.step_id = s.id;
    skipped.type = s.type;
    skipped.status = "skipped";
    r.steps.push_back(std::move(skipped));
  }
  if (status == "succeeded") {
    r.output = r.last_output;
    emit(ws, r, "run.succeeded", json::object{{"output", r.output}}, t);
  } else if (status == "failed") {
    emit(ws, r, "run.failed", json::object{{"error", r.error}}, t);
  } else {
    emit(ws, r, "run.cancelled", {}, t);
  }
  notify_webhooks(ws, r, "flow.run." + status, t);
}

int tenex_routes::wake_waiters(workspace& ws, const std::string& event_type, const json::object& event, epoch_ms now) {
  int woken = 0;
  for (auto& [id, r] : ws.runs) {
    if (r.status != "waiting" || r.cursor.what != phase::event_wait) continue;
    const auto& s = *r.g.find(r.cursor.step_id);
    if (!(s.config.at("event_type") == json::value(event_type))) continue;
    ++woken;
    auto& rec = r.steps[r.cursor.record];
    rec.status = "succeeded";
    rec.finished_at = now;
    rec.output = event;
    r.outputs[s.id] = event;
    r.last_output = event;
    ++r.cursor.token;  // the timeout no longer applies
    emit(ws, r, "step.completed", json::object{{"step_id", s.id}, {"status", "succeeded"}, {"output", event}}, now);
    set_status(ws, r, "running", now);
    after_step(ws, r, next_of(r.g, s.id), now);
  }
  return woken;
}

void tenex_routes::pause(workspace& ws, run_rec& r, epoch_ms now) {
  auto& cur = r.cursor;
  if (r.status == "running") return set_status(ws, r, "pausing", now);
  if (r.status == "waiting") {
    cur.resumed_wait = true;
    cur.remaining = cur.what == phase::delay_wait ? std::max<epoch_ms>(0, cur.due - now)
                    : cur.timeout                 ? std::max<epoch_ms>(0, *cur.timeout - now)
                                                  : -1;
  }
  ++cur.token;  // no wake-up while paused
  r.status = "paused";
  emit(ws, r, "run.paused", {}, now);
}

void tenex_routes::resume(workspace& ws, run_rec& r, epoch_ms now) {
  r.status = "queued";
  emit(ws, r, "run.resumed", {}, now);
  schedule(ws, r, now + options_.queue_delay.count());
}

void tenex_routes::cancel(workspace& ws, run_rec& r, epoch_ms now) {
  if (r.status == "queued" || r.status == "paused") return finish_run(ws, r, "cancelled", now);
  set_status(ws, r, "cancelling", now);
  // An agent or connector attempt ends first; a wait, a hang or a retry delay is stopped at once.
  if (r.cursor.what != phase::in_step) schedule(ws, r, now);
}

// Schedule triggers fire on the emulator clock at each cron match.
void tenex_routes::arm_schedule(workspace& ws, trigger_rec& t, epoch_ms after) {
  const auto token = ++t.token;
  if (stopped_ || !t.enabled || t.source != "schedule" || t.target_type != "workflow" || !t.cron.is_string()) return;
  const auto c = cron::parse(t.cron.get_string());
  const auto when = c ? c->next_after(after) : std::nullopt;
  if (!when) return;
  clock_->at(*when, [self = shared_from_this(), ws = ws.id, id = t.id, token, at = *when] {
    self->fire_schedule(ws, id, token, at);
  });
}

void tenex_routes::fire_schedule(const std::string& ws_id, const std::string& trigger_id, std::uint64_t token,
                                 epoch_ms when) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  const auto w = workspaces_.find(ws_id);
  if (w == workspaces_.end()) return;
  auto& ws = w->second;
  const auto it = ws.triggers.find(trigger_id);
  if (it == ws.triggers.end() || it->second.token != token) return;
  auto& t = it->second;
  const auto wf =
      t.workflow_id.is_string() ? ws.workflows.find(std::string(t.workflow_id.get_string())) : ws.workflows.end();
  if (wf != ws.workflows.end() && wf->second.status == "active" && wf->second.active_version) {
    const auto& v = *wf->second.find_version(*wf->second.active_version);
    const std::string event_id = "evt_" + new_id("");
    const json::object event{
        {"id", event_id}, {"type", "schedule.tick"}, {"data", json::object{{"scheduled_at", format_iso8601(when)}}}};
    auto input = mapped_input(t, event);
    json::array errors;
    validate_schema(v.input_schema, input, json::array{"body", "input"}, errors);
    if (errors.empty())
      start_run(
          ws, wf->second, v, std::move(input),
          json::object{{"type", "schedule"}, {"source", "schedule"}, {"trigger_id", t.id}, {"event_id", event_id}},
          when);
  }
  arm_schedule(ws, t, when);
}

}  // namespace flowsdk::emulator::detail
