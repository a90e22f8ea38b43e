#include "cloudflare/state.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace flowsdk::emulator::detail::cf {

json::object failure_body(int code, std::string_view message, const std::vector<std::string>& messages) {
  json::array msgs;
  for (const auto& m : messages) msgs.emplace_back(json::string(m));
  return json::object{{"success", false},
                      {"errors", json::array{json::object{{"code", code}, {"message", message}}}},
                      {"messages", std::move(msgs)},
                      {"result", nullptr}};
}

api_error cf_error(http::status status, int code, std::string_view message) {
  return api_error(status, failure_body(code, message));
}

api_error bad_request(const std::string& detail) {
  return cf_error(http::status::bad_request, code::bad_request, "workflows.api.error.bad_request: " + detail);
}

json::object retention::to_json() const {
  json::object o;
  if (error_retention) o["error_retention"] = *error_retention;
  if (success_retention) o["success_retention"] = *success_retention;
  return o;
}

namespace {

constexpr std::pair<status, std::string_view> status_names[] = {
    {status::queued, "queued"},
    {status::running, "running"},
    {status::paused, "paused"},
    {status::errored, "errored"},
    {status::terminated, "terminated"},
    {status::complete, "complete"},
    {status::waiting_for_pause, "waitingForPause"},
    {status::waiting, "waiting"},
    {status::rolling_back, "rollingBack"},
};

json::value ts(epoch_ms t) { return json::value(format_iso8601(t)); }
json::value ts(const std::optional<epoch_ms>& t) { return t ? ts(*t) : json::value(nullptr); }
json::value opt_bool(const std::optional<bool>& b) { return b ? json::value(*b) : json::value(nullptr); }
json::value err(const std::optional<error_info>& e) {
  if (!e) return nullptr;
  return json::object{{"name", e->name}, {"message", e->message}};
}

}  // namespace

std::string_view to_string(status s) {
  for (const auto& [v, name] : status_names)
    if (v == s) return name;
  return "unknown";
}

std::optional<status> parse_status(std::string_view s) {
  for (const auto& [v, name] : status_names)
    if (name == s) return v;
  return std::nullopt;
}

bool is_terminal(status s) { return s == status::complete || s == status::errored || s == status::terminated; }

status instance::current_status() const {
  if (ph == phase::done) return terminal;
  if (pause == pause_state::paused) return status::paused;
  if (pause == pause_state::requested) return status::waiting_for_pause;
  switch (ph) {
    case phase::ready:
      return status::queued;
    case phase::sleeping:
    case phase::waiting_event:
      return status::waiting;
    case phase::rolling_back:
      return status::rolling_back;
    default:
      return status::running;
  }
}

std::optional<epoch_ms> parse_duration(const json::value& v) {
  if (v.is_int64()) return v.get_int64() >= 0 ? std::optional<epoch_ms>(v.get_int64()) : std::nullopt;
  if (v.is_uint64())
    return v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX / 2)
               ? std::optional<epoch_ms>(static_cast<epoch_ms>(v.get_uint64()))
               : std::nullopt;
  if (v.is_double()) {
    const double d = v.get_double();
    if (!(d >= 0) || d > 1e15) return std::nullopt;
    return static_cast<epoch_ms>(std::llround(d));
  }
  if (!v.is_string()) return std::nullopt;
  const std::string s(v.get_string());
  const char* p = s.c_str();
  while (*p == ' ') ++p;
  if (!std::isdigit(static_cast<unsigned char>(*p))) return std::nullopt;
  char* end = nullptr;
  const double n = std::strtod(p, &end);
  if (end == p || !(n >= 0) || n > 1e12) return std::nullopt;
  std::string unit;
  for (const char* q = end; *q; ++q)
    if (*q != ' ') unit += static_cast<char>(std::tolower(static_cast<unsigned char>(*q)));
  if (unit.size() > 1 && unit.back() == 's' && unit != "ms") unit.pop_back();  // plural
  static const std::pair<std::string_view, double> units[] = {
      {"", 1},
      {"ms", 1},
      {"millisecond", 1},
      {"second", 1000},
      {"sec", 1000},
      {"minute", 60'000},
      {"min", 60'000},
      {"hour", 3'600'000},
      {"day", 86'400'000},
      {"week", 604'800'000},
      {"month", 2'592'000'000.0},
      {"year", 31'536'000'000.0},
  };
  for (const auto& [name, ms] : units)
    if (unit == name) return static_cast<epoch_ms>(std::llround(n * ms));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------

cf_state::cf_state(engine_options options) : options_(options), rng_(options.random_seed ^ 0xc10df1a2eULL) {}

epoch_ms cf_state::scaled(double script_ms) const {
  const double v = script_ms * options_.time_scale;
  return v <= 0 ? 0 : static_cast<epoch_ms>(std::llround(v));
}

std::string cf_state::uuid() {
  std::uniform_int_distribution<unsigned> byte(0, 255);
  unsigned char b[16];
  for (auto& x : b) x = static_cast<unsigned char>(byte(rng_));
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scheduling

void cf_state::run_due(epoch_ms now) {
  while (!agenda_.empty() && agenda_.begin()->first <= now) {
    const auto serial = agenda_.begin()->second;
    agenda_.erase(agenda_.begin());
    const auto it = targets_.find(serial);
    if (it == targets_.end()) continue;
    if (auto* i = it->second.inst) {
      i->agenda_key.reset();
      advance(*i, now);
    } else {
      run_job(*it->second.wf, now);
    }
  }
  while (!expiry_.empty() && expiry_.begin()->first <= now) {
    const auto serial = expiry_.begin()->second;
    expiry_.erase(expiry_.begin());
    const auto it = targets_.find(serial);
    if (it == targets_.end() || !it->second.inst) continue;
    it->second.inst->expires_at.reset();
    erase_instance(*it->second.wf, *it->second.inst);
  }
}

std::optional<epoch_ms> cf_state::next_due() const {
  std::optional<epoch_ms> t;
  if (!agenda_.empty()) t = agenda_.begin()->first;
  if (!expiry_.empty() && (!t || expiry_.begin()->first < *t)) t = expiry_.begin()->first;
  return t;
}

void cf_state::sync_agenda(instance& i) {
  if (i.agenda_key == i.due) return;
  if (i.agenda_key) agenda_.erase({*i.agenda_key, i.serial});
  i.agenda_key = i.due;
  if (i.due) agenda_.emplace(*i.due, i.serial);
}

void cf_state::sync_expiry(instance& i) {
  std::optional<epoch_ms> at;
  if (i.ph == instance::phase::done && i.end) {
    const bool ok = i.terminal == status::complete;
    auto pick = [&](const retention& r) { return ok ? r.success_retention : r.error_retention; };
    auto keep = pick(i.keep);
    if (!keep) keep = pick(i.wf->default_retention);
    if (!keep) keep = pick(i.wf->acct->settings);
    if (keep) at = *i.end + *keep;
  }
  if (at == i.expires_at) return;
  if (i.expires_at) expiry_.erase({*i.expires_at, i.serial});
  i.expires_at = at;
  if (at) expiry_.emplace(*at, i.serial);
}

void cf_state::erase_instance(workflow& w, instance& i) {
  if (i.agenda_key) agenda_.erase({*i.agenda_key, i.serial});
  if (i.expires_at) expiry_.erase({*i.expires_at, i.serial});
  targets_.erase(i.serial);
  w.by_created.erase({i.created, i.id});
  const std::string id = i.id;  // a copy: erase destroys i
  w.instances.erase(id);
}

// ---------------------------------------------------------------------------------------------
// The engine

void cf_state::advance(instance& i, epoch_ms now) {
  using ph = instance::phase;
  if (i.pause == instance::pause_state::requested) maybe_pause(i, i.pause_requested_at);
  while (i.ph != ph::done && i.pause != instance::pause_state::paused && i.due && *i.due <= now) {
    const epoch_ms t = *i.due;
    switch (i.ph) {
      case ph::ready:
        if (i.on_resume) {
          i.ph = i.on_resume->ph;
          i.due = i.on_resume->due;
          i.on_resume.reset();
        } else {
          if (!i.start) i.start = t;
          begin_step(i, t);
        }
        break;
      case ph::next:
        begin_step(i, t);
        break;
      case ph::attempt:
        finish_attempt(i, t);
        break;
      case ph::backoff:
        start_attempt(i, t);
        break;
      case ph::sleeping: {
        auto& s = i.steps.back();
        s.finished = true;
        s.end = t;
        ++i.pc;
        i.ph = ph::next;
        i.due = t;
        break;
      }
      case ph::waiting_event: {
        auto& s = i.steps.back();
        const auto& def = i.program->steps[s.def];
        s.end = t;
        s.error =
            error_info{"WorkflowTimeoutError", "waitForEvent '" + def.name +
                                                   "' timed out waiting for an event of type '" + def.event_type + "'"};
        i.error = s.error;
        finish(i, status::errored, t);
        break;
      }
      case ph::rolling_back: {
        auto& s = i.steps.back();
        s.end = t;
        s.success = true;
        s.attempts.back().end = t;
        s.attempts.back().success = true;
        i.rollback_pending.erase(i.rollback_pending.begin());
        start_rollback(i, t);
        break;
      }
      case ph::done:
        break;
    }
    i.modified = t;
    maybe_pause(i, t);
  }
  sync_agenda(i);
}

// A pause takes effect at a step boundary or while nothing executes (sleep, wait, retry backoff).
void cf_state::maybe_pause(instance& i, epoch_ms t) {
  using ph = instance::phase;
  if (i.pause != instance::pause_state::requested) return;
  if (i.ph != ph::next && i.ph != ph::backoff && i.ph != ph::sleeping && i.ph != ph::waiting_event) return;
  i.on_resume = instance::saved{i.ph, i.due};
  i.due.reset();
  i.pause = instance::pause_state::paused;
  i.paused_at = t;
  i.modified = std::max(i.modified, t);
}

step_outputs cf_state::outputs(const instance& i) const {
  step_outputs out;
  for (const auto& s : i.steps)
    if ((s.type == step_rec::kind::step || s.type == step_rec::kind::wait_event) && s.output) out[s.name] = *s.output;
  return out;
}

void cf_state::begin_step(instance& i, epoch_ms t) {
  const auto& prog = *i.program;
  if (i.pc >= prog.steps.size()) {
    i.output = prog.output(i.params, outputs(i));
    finish(i, status::complete, t);
    return;
  }
  if (i.max_steps) {
    const auto taken = std::count_if(i.steps.begin(), i.steps.end(), [](const step_rec& s) {
      return s.type != step_rec::kind::rollback && s.type != step_rec::kind::termination;
    });
    if (taken >= *i.max_steps) {
      i.error = error_info{"Error", "workflows.api.error.step_limit_exceeded: the version allows " +
                                        std::to_string(*i.max_steps) + " steps"};
      finish(i, status::errored, t);
      return;
    }
  }
  const auto& def = prog.steps[i.pc];
  step_rec s;
  s.def = i.pc;
  s.name = def.display;
  s.start = t;
  switch (def.kind) {
    case step_kind::do_step:
      s.type = step_rec::kind::step;
      i.steps.push_back(std::move(s));
      start_attempt(i, t);
      return;
    case step_kind::sleep: {
      const auto d = scaled(def.duration(i.params));
      s.type = step_rec::kind::sleep;
      s.end = t + d;
      i.steps.push_back(std::move(s));
      i.ph = instance::phase::sleeping;
      i.due = t + d;
      return;
    }
    case step_kind::wait_event: {
      const auto d = scaled(def.duration(i.params));
      s.type = step_rec::kind::wait_event;
      s.end = t + d;
      i.steps.push_back(std::move(s));
      auto& queue = i.events[def.event_type];
      if (!queue.empty()) {
        auto payload = std::move(queue.front());
        queue.pop_front();
        consume_event(i, i.steps.back(), std::move(payload), t);
      } else {
        i.ph = instance::phase::waiting_event;
        i.due = t + d;
      }
      return;
    }
  }
}

void cf_state::consume_event(instance& i, step_rec& s, json::value payload, epoch_ms t) {
  s.finished = true;
  s.end = t;
  s.output = std::move(payload);
  ++i.pc;
  i.ph = instance::phase::next;
  i.due = t;
}

void cf_state::start_attempt(instance& i, epoch_ms t) {
  auto& s = i.steps.back();
  s.attempts.push_back(attempt_rec{t, std::nullopt, std::nullopt, std::nullopt});
  i.ph = instance::phase::attempt;
  i.due = t + scaled(i.program->steps[s.def].attempt_ms);
}

void cf_state::finish_attempt(instance& i, epoch_ms t) {
  auto& s = i.steps.back();
  auto& a = s.attempts.back();
  const auto& def = i.program->steps[s.def];
  const int n = static_cast<int>(s.attempts.size());
  a.end = t;
  if (!def.always_fails && n > def.failing_attempts) {
    a.success = true;
    s.output = def.streaming ? json::value(nullptr) : def.output(i.params, outputs(i));
    s.success = true;
    s.end = t;
    ++i.pc;
    i.ph = instance::phase::next;
    i.due = t;
    return;
  }
  a.success = false;
  a.error = def.failure;
  if (n < 1 + def.retries.limit) {
    i.ph = instance::phase::backoff;
    i.due = t + scaled(retry_delay(def.retries, n));
    return;
  }
  s.success = false;
  s.end = t;
  i.error = def.failure;
  finish(i, status::errored, t);
}

// Runs the next rollback handler of `rollback_pending`, or terminates when none is left.
void cf_state::start_rollback(instance& i, epoch_ms t) {
  if (i.rollback_pending.empty()) {
    i.rollback = json::object{{"outcome", "complete"}, {"error", nullptr}};
    finish(i, status::terminated, t);
    return;
  }
  const auto& def = i.program->steps[i.rollback_pending.front()];
  step_rec r;
  r.type = step_rec::kind::rollback;
  r.def = i.rollback_pending.front();
  r.name = def.display;
  r.start = t;
  r.attempts.push_back(attempt_rec{t, std::nullopt, std::nullopt, std::nullopt});
  i.steps.push_back(std::move(r));
  i.ph = instance::phase::rolling_back;
  i.due = t + scaled(def.rollback_ms);
}

void cf_state::finish(instance& i, status s, epoch_ms t) {
  i.ph = instance::phase::done;
  i.due.reset();
  i.terminal = s;
  i.end = t;
  if (!i.start) i.start = t;
  i.modified = t;
  i.success = s == status::complete;
  i.pause = instance::pause_state::none;
  i.on_resume.reset();
  i.rollback_pending.clear();
  if (s == status::terminated) {
    step_rec term;
    term.type = step_rec::kind::termination;
    term.start = t;
    i.steps.push_back(std::move(term));
  }
  sync_expiry(i);
}

// ---------------------------------------------------------------------------------------------
// Status changes and events

status cf_state::pause(instance& i, epoch_ms now) {
  const auto st = i.current_status();
  if (st == status::running || st == status::waiting) {
    i.pause = instance::pause_state::requested;
    i.pause_requested_at = now;
    i.modified = now;
    advance(i, now);
  }
  return i.current_status();
}

status cf_state::resume(instance& i, epoch_ms now) {
  if (i.pause == instance::pause_state::requested) {
    i.pause = instance::pause_state::none;
    i.modified = now;
  } else if (i.pause == instance::pause_state::paused) {
    const auto delay = scaled(i.program->start_delay_ms);
    const auto shift = now - i.paused_at + delay;
    if (i.on_resume) {
      if (i.on_resume->due) *i.on_resume->due += shift;
      // The visible end of an unfinished sleep or wait moves with its timer.
      if ((i.on_resume->ph == instance::phase::sleeping || i.on_resume->ph == instance::phase::waiting_event) &&
          !i.steps.empty() && i.steps.back().end)
        *i.steps.back().end += shift;
    }
    i.pause = instance::pause_state::none;
    i.ph = instance::phase::ready;
    i.due = now + delay;
    i.modified = now;
    sync_agenda(i);
  }
  return i.current_status();
}

status cf_state::terminate(instance& i, bool rollback, epoch_ms now) {
  if (i.ph == instance::phase::done)
    throw cf_error(http::status::bad_request, code::cannot_terminate,
                   "workflows.api.error.instance.cannot_terminate: cannot terminate an instance in a finite state (" +
                       std::string(to_string(i.terminal)) + ")");
  if (i.ph == instance::phase::rolling_back) {
    if (!rollback) finish(i, status::terminated, now);
  } else {
    i.pause = instance::pause_state::none;
    i.on_resume.reset();
    if (rollback) {
      i.rollback_pending.clear();
      for (auto it = i.steps.rbegin(); it != i.steps.rend(); ++it)
        if (it->type == step_rec::kind::step && it->success == true && i.program->steps[it->def].has_rollback)
          i.rollback_pending.push_back(it->def);
      start_rollback(i, now);
    } else {
      finish(i, status::terminated, now);
    }
  }
  i.modified = now;
  sync_agenda(i);
  return i.current_status();
}

status cf_state::restart(instance& i, const std::optional<restart_from>& from, epoch_ms now) {
  if (i.ph == instance::phase::rolling_back)
    throw cf_error(http::status::conflict, code::not_restartable,
                   "workflows.api.error.instance.not_restartable: Instance not in a restartable state.");
  std::size_t keep = 0, pc = 0;
  if (from) {
    const auto want = from->kind == step_kind::do_step ? step_rec::kind::step
                      : from->kind == step_kind::sleep ? step_rec::kind::sleep
                                                       : step_rec::kind::wait_event;
    bool found = false;
    for (std::size_t j = 0; j < i.steps.size() && !found; ++j) {
      const auto& s = i.steps[j];
      if (s.type != want) continue;
      const auto& def = i.program->steps[s.def];
      if (s.name == from->name || (def.name == from->name && def.count == from->count)) {
        keep = j;
        pc = s.def;
        found = true;
      }
    }
    if (!found)
      throw cf_error(http::status::not_found, code::step_not_found,
                     "workflows.api.error.step.not_found: no step '" + from->name + "' (count " +
                         std::to_string(from->count) + ") to restart from");
  }
  i.steps.resize(keep);
  i.pc = pc;
  i.ph = instance::phase::ready;
  i.due = now + scaled(i.program->start_delay_ms);
  i.pause = instance::pause_state::none;
  i.on_resume.reset();
  i.rollback_pending.clear();
  i.terminal = status::queued;
  i.output = nullptr;
  i.error.reset();
  i.success.reset();
  i.rollback.reset();
  i.start.reset();
  i.end.reset();
  i.queued = now;
  i.modified = now;
  sync_expiry(i);
  sync_agenda(i);
  return i.current_status();
}

void cf_state::send_event(instance& i, const std::string& type, json::value payload, epoch_ms now) {
  if (i.ph == instance::phase::done)
    throw cf_error(http::status::bad_request, code::instance_finished,
                   "workflows.api.error.instance.finished: the instance is " + std::string(to_string(i.terminal)) +
                       " and takes no more events");
  i.modified = now;
  if (i.ph == instance::phase::waiting_event && i.pause == instance::pause_state::none &&
      i.program->steps[i.pc].event_type == type) {
    consume_event(i, i.steps.back(), std::move(payload), now);
    advance(i, now);
  } else {
    i.events[type].push_back(std::move(payload));
  }
  sync_agenda(i);
}

// ---------------------------------------------------------------------------------------------
// Accounts, workflows, instances

account& cf_state::get_account(const std::string& id, epoch_ms now) {
  auto it = accounts_.find(id);
  if (it != accounts_.end()) return it->second;
  auto& a = accounts_[id];
  a.id = id;
  if (options_.seed) seed(a, now);
  return a;
}

workflow& cf_state::get_workflow(account& a, const std::string& name) {
  const auto it = a.workflows.find(name);
  if (it == a.workflows.end())
    throw cf_error(http::status::not_found, code::workflow_not_found, "workflows.api.error.workflow.not_found");
  return *it->second;
}

instance& cf_state::get_instance(workflow& w, const std::string& id) {
  const auto it = w.instances.find(id);
  if (it == w.instances.end())
    throw cf_error(http::status::not_found, code::instance_not_found, "workflows.api.error.instance.not_found");
  return *it->second;
}

const version& cf_state::get_version(const workflow& w, const std::string& id) const {
  for (const auto& v : w.versions)
    if (v.id == id) return v;
  throw cf_error(http::status::not_found, code::version_not_found, "workflows.api.error.version.not_found");
}

workflow& cf_state::put_workflow(account& a, const std::string& name, std::string class_name, std::string script_name,
                                 std::optional<retention> default_retention, std::optional<int> max_steps,
                                 std::optional<std::vector<std::string>> schedules, epoch_ms now) {
  auto& slot = a.workflows[name];
  if (!slot) {
    slot = std::make_unique<workflow>();
    slot->serial = next_serial_++;
    slot->acct = &a;
    slot->id = uuid();
    slot->name = name;
    slot->created = now;
    targets_[slot->serial] = target{slot.get(), nullptr};
  }
  auto& w = *slot;
  w.class_name = std::move(class_name);
  w.script_name = std::move(script_name);
  if (default_retention) w.default_retention = *default_retention;
  w.max_steps = max_steps;
  if (schedules) w.schedules = std::move(*schedules);
  w.modified = now;
  version v;
  v.id = uuid();
  v.class_name = w.class_name;
  v.script_name = w.script_name;
  v.created = now;
  v.max_steps = w.max_steps;
  v.default_retention = w.default_retention;
  w.versions.push_back(std::move(v));
  return w;
}

void cf_state::delete_workflow(account& a, const std::string& name) {
  auto& w = get_workflow(a, name);
  while (!w.instances.empty()) erase_instance(w, *w.instances.begin()->second);
  if (w.job_due) agenda_.erase({*w.job_due, w.serial});
  targets_.erase(w.serial);
  a.workflows.erase(name);
}

std::vector<instance*> cf_state::create_instances(workflow& w, std::vector<create_args> args, epoch_ms now) {
  std::set<std::string, std::less<>> ids;
  for (auto& a : args) {
    if (!a.id) a.id = uuid();
    if (w.instances.count(*a.id) || !ids.insert(*a.id).second)
      throw cf_error(http::status::conflict, code::instance_exists,
                     "workflows.api.error.instance.already_exists: an instance with id '" + *a.id + "' exists");
  }
  const auto& v = w.versions.back();
  auto program = find_script(v.script_name);
  std::vector<instance*> out;
  out.reserve(args.size());
  for (auto& a : args) {
    auto inst = std::make_unique<instance>();
    auto& i = *inst;
    i.serial = next_serial_++;
    i.id = std::move(*a.id);
    i.wf = &w;
    i.version_id = v.id;
    i.program = program;
    i.max_steps = v.max_steps;
    i.params = std::move(a.params);
    i.keep = a.keep;
    i.created = i.modified = i.queued = now;
    i.ph = instance::phase::ready;
    i.due = now + scaled(program->start_delay_ms);
    targets_[i.serial] = target{&w, &i};
    w.by_created.emplace(now, i.id);
    sync_agenda(i);
    out.push_back(&i);
    w.instances.emplace(i.id, std::move(inst));
  }
  if (!args.empty()) w.triggered = now;
  return out;
}

void cf_state::delete_instance(workflow& w, const std::string& id) { erase_instance(w, get_instance(w, id)); }

std::optional<std::size_t> cf_state::start_terminate_job(workflow& w, std::vector<std::string> ids, epoch_ms now) {
  if (w.job_running) return std::nullopt;
  std::size_t n = 0;
  for (const auto& id : ids) {
    const auto it = w.instances.find(id);
    if (it != w.instances.end() && it->second->ph != instance::phase::done) ++n;
  }
  w.job_running = true;
  w.job_due = now + scaled(100.0 + 10.0 * static_cast<double>(ids.size()));
  w.job_ids = std::move(ids);
  agenda_.emplace(*w.job_due, w.serial);
  return n;
}

void cf_state::run_job(workflow& w, epoch_ms now) {
  for (const auto& id : w.job_ids) {
    const auto it = w.instances.find(id);
    if (it == w.instances.end()) continue;
    auto& i = *it->second;
    advance(i, now);
    if (i.ph != instance::phase::done) terminate(i, false, now);
  }
  w.job_running = false;
  w.job_due.reset();
  w.job_ids.clear();
}

void cf_state::seed(account& a, epoch_ms now) {
  auto& w = put_workflow(a, std::string(seed_workflow), "EchoWorkflow", "echo", std::nullopt, std::nullopt,
                         std::nullopt, now - 120'000);
  w.versions.back().created = now - 120'000;
  for (int k = 1; k <= seed_instance_count; ++k) {
    create_args c;
    c.id = seed_instance_id(k);
    c.params = json::object{{"n", k}, {"message", "hello from seed instance " + std::to_string(k)}};
    std::vector<create_args> one;
    one.push_back(std::move(c));
    auto created = create_instances(w, std::move(one), now - 60'000 + k * 1000);
    advance(*created.front(), now);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

json::object cf_state::workflow_json(const workflow& w, epoch_ms now) const {
  json::object counts;
  std::size_t n[9] = {};
  for (const auto& [id, i] : w.instances) ++n[static_cast<int>(i->current_status())];
  for (const auto& [v, name] : status_names) counts[name] = n[static_cast<int>(v)];
  json::object o{{"id", w.id},
                 {"name", w.name},
                 {"class_name", w.class_name},
                 {"script_name", w.script_name},
                 {"created_on", ts(w.created)},
                 {"modified_on", ts(w.modified)},
                 {"triggered_on", ts(w.triggered)},
                 {"instances", std::move(counts)}};
  if (!w.schedules.empty()) {
    json::array s;
    // No cron evaluation: next_instance is the next whole minute.
    const auto next = (now / 60'000 + 1) * 60'000;
    for (const auto& cron : w.schedules) s.emplace_back(json::object{{"cron", cron}, {"next_instance", ts(next)}});
    o["schedules"] = std::move(s);
  }
  return o;
}

json::object cf_state::put_result_json(const workflow& w) const {
  return json::object{{"id", w.id},
                      {"name", w.name},
                      {"class_name", w.class_name},
                      {"script_name", w.script_name},
                      {"created_on", ts(w.created)},
                      {"modified_on", ts(w.modified)},
                      {"triggered_on", ts(w.triggered)},
                      {"version_id", w.versions.back().id},
                      {"is_deleted", 0},
                      {"terminator_running", w.job_running ? 1 : 0}};
}

json::object cf_state::version_json(const workflow& w, const version& v) const {
  json::object o{{"id", v.id},
                 {"workflow_id", w.id},
                 {"class_name", v.class_name},
                 {"created_on", ts(v.created)},
                 {"modified_on", ts(v.created)},
                 {"has_dag", false},
                 {"language", "javascript"}};
  if (v.max_steps) o["limits"] = json::object{{"steps", *v.max_steps}};
  if (v.default_retention.error_retention || v.default_retention.success_retention)
    o["default_retention"] = v.default_retention.to_json();
  return o;
}

json::object cf_state::instance_created_json(const instance& i) const {
  return json::object{{"id", i.id},
                      {"status", to_string(i.current_status())},
                      {"version_id", i.version_id},
                      {"workflow_id", i.wf->id},
                      {"trigger_source", i.trigger_source}};
}

json::object cf_state::instance_summary_json(const instance& i) const {
  auto o = instance_created_json(i);
  o["created_on"] = ts(i.created);
  o["modified_on"] = ts(i.modified);
  o["started_on"] = ts(i.start);
  o["ended_on"] = ts(i.end);
  return o;
}

json::object cf_state::step_json(const instance& i, const step_rec& s) {
  const step_def* def = s.type == step_rec::kind::termination ? nullptr : &i.program->steps[s.def];
  switch (s.type) {
    case step_rec::kind::step:
    case step_rec::kind::rollback: {
      json::array attempts;
      for (const auto& a : s.attempts)
        attempts.emplace_back(json::object{
            {"start", ts(a.start)}, {"end", ts(a.end)}, {"success", opt_bool(a.success)}, {"error", err(a.error)}});
      json::object config{{"retries", json::object{{"limit", def->retries.limit},
                                                   {"delay", def->retries.delay_ms},
                                                   {"backoff", def->retries.backoff}}},
                          {"timeout", def->timeout}};
      if (def->sensitive) config["sensitive"] = "output";
      json::value output = nullptr;
      if (s.output && !s.output->is_null()) output = def->sensitive ? json::value("[REDACTED]") : *s.output;
      return json::object{{"type", s.type == step_rec::kind::step ? "step" : "rollback"},
                          {"name", s.name},
                          {"start", ts(s.start)},
                          {"end", ts(s.end)},
                          {"success", opt_bool(s.success)},
                          {"output", std::move(output)},
                          {"attempts", std::move(attempts)},
                          {"config", std::move(config)}};
    }
    case step_rec::kind::sleep:
      return json::object{{"type", "sleep"},  {"name", s.name},         {"start", ts(s.start)},
                          {"end", ts(s.end)}, {"finished", s.finished}, {"error", err(s.error)}};
    case step_rec::kind::wait_event: {
      json::object o{
          {"type", "waitForEvent"}, {"name", s.name},        {"start", ts(s.start)},         {"end", ts(s.end)},
          {"finished", s.finished}, {"error", err(s.error)}, {"event_type", def->event_type}};
      if (s.output) o["output"] = *s.output;
      return o;
    }
    case step_rec::kind::termination:
      return json::object{{"type", "termination"}, {"trigger", json::object{{"source", "api"}}}};
  }
  return {};
}

json::object cf_state::instance_details_json(const instance& i, bool simple, bool desc) const {
  json::array steps;
  if (!simple) {
    steps.reserve(i.steps.size());
    for (const auto& s : i.steps) steps.emplace_back(step_json(i, s));
    if (desc) std::reverse(steps.begin(), steps.end());
  }
  return json::object{
      {"status", to_string(i.current_status())},
      {"params", i.params},
      {"trigger", json::object{{"source", i.trigger_source}}},
      {"versionId", i.version_id},
      {"queued", ts(i.queued)},
      {"start", ts(i.start)},
      {"end", ts(i.end)},
      {"success", opt_bool(i.success)},
      {"error", err(i.error)},
      {"output", i.ph == instance::phase::done && i.terminal == status::complete ? i.output : json::value(nullptr)},
      {"step_count", i.steps.size()},
      {"steps", std::move(steps)},
      {"rollback", i.rollback ? json::value(*i.rollback) : json::value(nullptr)}};
}

}  // namespace flowsdk::emulator::detail::cf
