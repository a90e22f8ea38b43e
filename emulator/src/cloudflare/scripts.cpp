#include "cloudflare/scripts.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cmath>
#include <mutex>

namespace flowsdk::emulator::detail::cf {

namespace {

double number_param(const json::value& params, std::string_view key, double fallback) {
  const auto* o = params.if_object();
  if (!o) return fallback;
  const auto it = o->find(key);
  if (it == o->end()) return fallback;
  if (it->value().is_int64()) return static_cast<double>(it->value().get_int64());
  if (it->value().is_uint64()) return static_cast<double>(it->value().get_uint64());
  if (it->value().is_double()) return it->value().get_double();
  return fallback;
}

step_def do_step(std::string name, output_fn output) {
  step_def s;
  s.kind = step_kind::do_step;
  s.name = std::move(name);
  s.output = std::move(output);
  return s;
}

output_fn constant(json::value v) {
  return [v = std::move(v)](const json::value&, const step_outputs&) { return v; };
}

// Gives every step its display name and occurrence count.
void name_steps(script& s) {
  std::map<std::pair<std::string, step_kind>, int> per_kind;
  std::map<std::string, int> total;
  for (auto& st : s.steps) {
    st.count = ++per_kind[{st.name, st.kind}];
    ++total[st.name];
  }
  std::map<std::string, int> seen;
  for (auto& st : s.steps) st.display = total[st.name] > 1 ? st.name + "-" + std::to_string(++seen[st.name]) : st.name;
}

std::shared_ptr<script> make_echo(std::string name) {
  auto s = std::make_shared<script>();
  s->name = std::move(name);
  s->steps.push_back(do_step("echo", [](const json::value& params, const step_outputs&) { return params; }));
  s->output = [](const json::value& params, const step_outputs&) { return params; };
  return s;
}

std::shared_ptr<script> make_pipeline() {
  auto s = std::make_shared<script>();
  s->name = "pipeline";
  s->steps.push_back(do_step("validate", constant(json::object{{"ok", true}})));
  step_def sleep;
  sleep.kind = step_kind::sleep;
  sleep.name = "cool-down";
  sleep.duration = [](const json::value& p) { return number_param(p, "sleep_ms", 100); };
  s->steps.push_back(std::move(sleep));
  step_def wait;
  wait.kind = step_kind::wait_event;
  wait.name = "approval";
  wait.event_type = "approval";
  wait.duration = [](const json::value& p) { return number_param(p, "timeout_ms", 5000); };
  s->steps.push_back(std::move(wait));
  auto charged = [](const step_outputs& done) -> json::value {
    const auto it = done.find("approval");
    if (it == done.end() || !it->second.is_object()) return 0;
    const auto* amount = it->second.get_object().if_contains("amount");
    return amount && amount->is_number() ? *amount : json::value(0);
  };
  s->steps.push_back(do_step("charge", [charged](const json::value&, const step_outputs& done) {
    return json::value(json::object{{"charged", charged(done)}});
  }));
  s->output = [charged](const json::value&, const step_outputs& done) {
    return json::value(json::object{{"approved", true}, {"charged", charged(done)}});
  };
  return s;
}

std::shared_ptr<script> make_flaky() {
  auto s = std::make_shared<script>();
  s->name = "flaky";
  auto st = do_step("unstable", constant(json::object{{"attempts", 3}}));
  st.retries = {3, 50, "exponential"};
  st.failing_attempts = 2;
  st.attempt_ms = 20;
  s->steps.push_back(std::move(st));
  s->output = constant(json::object{{"attempts", 3}});
  return s;
}

std::shared_ptr<script> make_failing() {
  auto s = std::make_shared<script>();
  s->name = "failing";
  auto prepare = do_step("prepare", constant(json::object{{"prepared", true}}));
  prepare.attempt_ms = 20;
  prepare.has_rollback = true;
  s->steps.push_back(std::move(prepare));
  auto explode = do_step("explode", constant(nullptr));
  explode.attempt_ms = 20;
  explode.retries = {1, 50, "constant"};
  explode.always_fails = true;
  explode.failure = {"Error", "explode failed"};
  explode.has_rollback = true;
  s->steps.push_back(std::move(explode));
  s->output = constant(nullptr);
  return s;
}

std::shared_ptr<script> make_slow() {
  auto s = std::make_shared<script>();
  s->name = "slow";
  for (int i = 1; i <= 20; ++i) {
    auto tick = do_step("tick", constant(json::object{{"tick", i}}));
    tick.attempt_ms = 50;
    tick.has_rollback = true;
    s->steps.push_back(std::move(tick));
  }
  s->output = constant(json::object{{"ticks", 20}});
  return s;
}

std::shared_ptr<script> make_sensitive() {
  auto s = std::make_shared<script>();
  s->name = "sensitive";
  auto secret = do_step("secret", constant(json::object{{"token", "s3cr3t"}}));
  secret.sensitive = true;
  s->steps.push_back(std::move(secret));
  auto blob = do_step("blob", constant(nullptr));
  blob.streaming = true;
  // Every byte value, so that a client that mangles binary (text decoding, NULs) shows it.
  for (int i = 0; i < 256; ++i) blob.stream_bytes += static_cast<char>(i);
  s->steps.push_back(std::move(blob));
  s->output = constant(json::object{{"ok", true}});
  return s;
}

const std::map<std::string, std::shared_ptr<const script>, std::less<>>& library() {
  static const auto lib = [] {
    std::map<std::string, std::shared_ptr<const script>, std::less<>> m;
    for (auto s : {make_echo("echo"), make_pipeline(), make_flaky(), make_failing(), make_slow(), make_sensitive()}) {
      name_steps(*s);
      m.emplace(s->name, std::move(s));
    }
    return m;
  }();
  return lib;
}

json::value graph_node(const step_def& st) {
  switch (st.kind) {
    case step_kind::do_step: {
      json::object retries{
          {"limit", st.retries.limit}, {"delay", st.retries.delay_ms}, {"backoff", st.retries.backoff}};
      return json::object{{"type", "step_do"},
                          {"name", st.name},
                          {"config", json::object{{"retries", std::move(retries)}, {"timeout", st.timeout}}},
                          {"nodes", json::array{}}};
    }
    case step_kind::sleep:
      return json::object{{"type", "step_sleep"},
                          {"name", st.name},
                          {"duration", static_cast<std::int64_t>(st.duration(json::object{}))}};
    case step_kind::wait_event:
      return json::object{
          {"type", "step_wait_for_event"},
          {"name", st.name},
          {"options", json::object{{"event_type", st.event_type},
                                   {"timeout", static_cast<std::int64_t>(st.duration(json::object{}))}}},
          {"payload", json::object{{"type", "unknown"}}}};
  }
  return nullptr;
}

}  // namespace

std::shared_ptr<const script> find_script(const std::string& script_name) {
  const auto& lib = library();
  if (const auto it = lib.find(script_name); it != lib.end()) return it->second;
  // An unknown script behaves like echo; one program per name, built on first use.
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const script>, std::less<>> others;
  std::lock_guard lock(mutex);
  auto& slot = others[script_name];
  if (!slot) {
    auto s = make_echo(script_name);
    name_steps(*s);
    slot = std::move(s);
  }
  return slot;
}

json::object script_graph(const script& s, const std::string& class_name) {
  json::array nodes;
  for (std::size_t i = 0; i < s.steps.size();) {
    std::size_t j = i + 1;
    while (j < s.steps.size() && s.steps[j].name == s.steps[i].name && s.steps[j].kind == s.steps[i].kind) ++j;
    if (j - i > 1)
      nodes.emplace_back(json::object{{"type", "loop"}, {"nodes", json::array{graph_node(s.steps[i])}}});
    else
      nodes.emplace_back(graph_node(s.steps[i]));
    i = j;
  }
  return json::object{{"class_name", class_name}, {"functions", json::object{}}, {"nodes", std::move(nodes)}};
}

double retry_delay(const retry_config& r, int retry) {
  if (r.backoff == "linear") return static_cast<double>(r.delay_ms) * retry;
  if (r.backoff == "exponential") return static_cast<double>(r.delay_ms) * std::pow(2.0, retry - 1);
  return static_cast<double>(r.delay_ms);
}

}  // namespace flowsdk::emulator::detail::cf
