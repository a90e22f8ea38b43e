// graph_builder: the typed step configs of docs/tenex.md ("Step config") and the checks that
// need no server.
#include "flowsdk/tenex/graph_builder.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/json.hpp"

#include <set>
#include <utility>

namespace flowsdk::tenex {

using boost::json::object;

namespace {
[[noreturn]] void fail(std::string what) { throw_invalid_argument("graph_builder: " + what); }
}  // namespace

graph_builder::graph_builder(tenex::graph from) : graph_(std::move(from)) {}

graph_builder graph_builder::from_json(const boost::json::value& graph) {
  graph_builder b;
  if (!graph.is_object()) {
    b.problem("a graph is a JSON object {steps, edges}");
    return b;
  }
  try {
    b.graph_ = json::decode_as<tenex::graph>(graph);
  } catch (const json::decode_exception& e) {
    b.problem(std::string("the graph JSON does not fit {steps, edges}: ") + e.what());
  }
  return b;
}

graph_builder& graph_builder::add(std::string id, std::string name, step_type type, object config) {
  graph_step s;
  s.id = std::move(id);
  s.type = std::move(type);
  s.name = std::move(name);
  s.config = std::move(config);
  return step(std::move(s));
}

graph_builder& graph_builder::agent_step(std::string id, std::string name, std::string crew_id, object input_mapping) {
  if (crew_id.empty()) problem("agent step \"" + id + "\" has no crew_id");
  object config{{"crew_id", std::move(crew_id)}};
  if (!input_mapping.empty()) config.emplace("input_mapping", std::move(input_mapping));
  return add(std::move(id), std::move(name), step_type::agent, std::move(config));
}

graph_builder& graph_builder::connector_action(std::string id, std::string name, std::string connector,
                                               std::string action, object params) {
  if (connector.empty() || action.empty()) problem("connector action \"" + id + "\" needs a connector and an action");
  object config{{"connector", std::move(connector)}, {"action", std::move(action)}, {"params", std::move(params)}};
  return add(std::move(id), std::move(name), step_type::connector_action, std::move(config));
}

graph_builder& graph_builder::wait_delay(std::string id, std::string name, std::int64_t seconds) {
  if (seconds < 0) problem("wait step \"" + id + "\" has a negative delay");
  object config{{"mode", "delay"}, {"duration_seconds", seconds}};
  return add(std::move(id), std::move(name), step_type::wait, std::move(config));
}

graph_builder& graph_builder::wait_event(std::string id, std::string name, std::string event_type,
                                         std::optional<std::int64_t> timeout_seconds) {
  if (event_type.empty()) problem("wait step \"" + id + "\" has no event_type");
  if (timeout_seconds && *timeout_seconds < 0) problem("wait step \"" + id + "\" has a negative timeout");
  object config{{"mode", "event"}, {"event_type", std::move(event_type)}};
  if (timeout_seconds) config.emplace("timeout_seconds", *timeout_seconds);
  return add(std::move(id), std::move(name), step_type::wait, std::move(config));
}

graph_builder& graph_builder::branch(std::string id, std::string name) {
  return add(std::move(id), std::move(name), step_type::branch, object());
}

graph_builder& graph_builder::step(graph_step s) {
  graph_.steps.push_back(std::move(s));
  return *this;
}

graph_builder& graph_builder::step(const object& s) {
  try {
    graph_.steps.push_back(json::decode_as<graph_step>(s));
  } catch (const json::decode_exception& e) {
    problem(std::string("a raw step does not fit {id, type, name, config}: ") + e.what());
  }
  return *this;
}

graph_builder& graph_builder::edge(std::string from, std::string to, std::optional<std::string> condition) {
  graph_edge e;
  e.from = std::move(from);
  e.to = std::move(to);
  e.condition = std::move(condition);
  graph_.edges.push_back(std::move(e));
  return *this;
}

graph_builder& graph_builder::retry(std::string step_id, step_retry policy) {
  if (policy.max_attempts < 1) problem("the retry of \"" + step_id + "\" needs max_attempts >= 1");
  if (policy.delay_seconds && *policy.delay_seconds < 0)
    problem("the retry of \"" + step_id + "\" has a negative delay");
  settings_.push_back({std::move(step_id), std::move(policy), std::nullopt});
  return *this;
}

graph_builder& graph_builder::fallback(std::string step_id, std::string fallback_step_id) {
  settings_.push_back({std::move(step_id), std::nullopt, std::move(fallback_step_id)});
  return *this;
}

void graph_builder::problem(std::string what) {
  if (first_problem_.empty()) first_problem_ = std::move(what);  // the first is the one to fix first
}

tenex::graph graph_builder::build() const {
  if (!first_problem_.empty()) fail(first_problem_);
  tenex::graph g = graph_;

  std::set<std::string, std::less<>> ids;
  for (const auto& s : g.steps) {
    if (s.id.empty()) fail("a step (\"" + s.name + "\") has an empty id");
    if (s.id == start) fail("\"start\" is the entry of the graph, not a step id");
    if (!ids.insert(s.id).second) fail("two steps have the id \"" + s.id + "\"");
    if (s.type.empty()) fail("step \"" + s.id + "\" has no type");
  }
  auto find = [&](const std::string& id) -> graph_step* {
    for (auto& s : g.steps) {
      if (s.id == id) return &s;
    }
    return nullptr;
  };
  for (const auto& set : settings_) {
    graph_step* s = find(set.step_id);
    if (!s)
      fail("a " + std::string(set.retry ? "retry" : "fallback") + " is set for the unknown step \"" + set.step_id +
           "\"");
    if (set.retry) s->retry = set.retry;
    if (set.fallback) s->fallback_step_id = set.fallback;
  }
  for (const auto& s : g.steps) {
    if (s.retry && s.retry->max_attempts < 1) fail("the retry of \"" + s.id + "\" needs max_attempts >= 1");
    if (!s.fallback_step_id) continue;
    if (*s.fallback_step_id == s.id) fail("step \"" + s.id + "\" falls back to itself");
    if (!ids.count(*s.fallback_step_id)) {
      fail("step \"" + s.id + "\" falls back to the unknown step \"" + *s.fallback_step_id + "\"");
    }
  }
  for (const auto& e : g.edges) {
    const std::string what = "the edge " + e.from + " -> " + e.to;
    if (e.from.empty() || e.to.empty()) fail(what + " lacks an end");
    if (e.from != start && !ids.count(e.from)) fail(what + " starts at an unknown step");
    if (e.to == start) fail(what + " leads back to start");
    if (!ids.count(e.to)) fail(what + " leads to an unknown step");
  }
  return g;
}

}  // namespace flowsdk::tenex
