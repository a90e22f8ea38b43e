// The 10ex seed fixture: three templates, and in every workspace an active workflow made from
// "lead-to-sequence" whose graph uses all four step kinds.

#include "tenex/routes.hpp"

#include <boost/json/parse.hpp>

namespace flowsdk::emulator::detail {

using namespace tenex;

namespace {

// agent (score) -> branch (route) -> connector action (enroll) | wait (nurture)
constexpr std::string_view lead_to_sequence_graph = R"({
  "steps": [
    {"id": "score", "type": "agent", "name": "Score the lead",
     "config": {"crew_id": "crew_lead_scorer", "input_mapping": {"lead_id": "$.input.lead_id"},
                "output": {"lead_id": "$.input.lead_id", "score": 87}}},
    {"id": "route", "type": "branch", "name": "Hot or not", "config": {}},
    {"id": "enroll", "type": "connector_action", "name": "Enroll in the sequence",
     "config": {"connector": "crm", "action": "add_to_sequence",
                "params": {"lead_id": "$.input.lead_id", "sequence_id": "{{inputs.sequence_id}}"}}},
    {"id": "nurture", "type": "wait", "name": "Wait a day", "config": {"mode": "delay", "duration_seconds": 86400}}
  ],
  "edges": [
    {"from": "start", "to": "score"},
    {"from": "score", "to": "route"},
    {"from": "route", "to": "enroll", "condition": "$.steps.score.output.score >= 50"},
    {"from": "route", "to": "nurture", "condition": "else"}
  ]
})";

constexpr std::string_view score_and_route_graph = R"({
  "steps": [
    {"id": "score", "type": "agent", "name": "Score", "config": {"crew_id": "crew_scorer", "output": {"score": 42}}},
    {"id": "route", "type": "branch", "name": "Route", "config": {}},
    {"id": "notify", "type": "connector_action", "name": "Tell Slack",
     "config": {"connector": "slack", "action": "post_message",
                "params": {"channel": "#sales", "score": "$.steps.score.output.score"}}}
  ],
  "edges": [
    {"from": "start", "to": "score"},
    {"from": "score", "to": "route"},
    {"from": "route", "to": "notify", "condition": "$.steps.score.output.score >= 30"}
  ]
})";

constexpr std::string_view webinar_graph = R"({
  "steps": [
    {"id": "attended", "type": "wait", "name": "Wait for attendance",
     "config": {"mode": "event", "event_type": "webinar.attended", "timeout_seconds": 3600}},
    {"id": "email", "type": "connector_action", "name": "Send the recording",
     "config": {"connector": "email", "action": "send",
                "params": {"webinar_id": "{{inputs.webinar_id}}", "lead_id": "$.input.lead_id"}}}
  ],
  "edges": [{"from": "start", "to": "attended"}, {"from": "attended", "to": "email"}]
})";

json::value lead_input_schema() {
  return json::parse(R"({"type": "object", "required": ["lead_id"],
                         "properties": {"lead_id": {"type": "string", "minLength": 1}}})");
}

}  // namespace

void tenex_routes::seed(seed_data& out) {
  std::lock_guard lock(mutex_);
  const auto now = clock_->now();
  template_def a;
  a.slug = "lead-to-sequence";
  a.name = "Lead to sequence";
  a.description = "Score a new lead and enroll hot ones in an email sequence";
  a.category = "sales";
  a.inputs_schema = json::parse(R"({"type": "object", "required": ["sequence_id"],
      "properties": {"sequence_id": {"type": "string", "minLength": 1}}})");
  a.input_schema = lead_input_schema();
  a.graph = json::parse(lead_to_sequence_graph);
  a.created_at = now - 3000;
  template_def b;
  b.slug = "score-and-route";
  b.name = "Score and route";
  b.description = "Score an inbound lead and notify Slack above a threshold";
  b.category = "marketing";
  b.inputs_schema = json::parse(R"({"type": "object", "properties": {"threshold": {"type": "integer"}}})");
  b.input_schema = json::parse(R"({"type": "object"})");
  b.graph = json::parse(score_and_route_graph);
  b.created_at = now - 2000;
  template_def c;
  c.slug = "webinar-follow-up";
  c.name = "Webinar follow-up";
  c.description = "Send the recording to leads who attended a webinar";
  c.category = "events";
  c.inputs_schema = json::parse(R"({"type": "object", "required": ["webinar_id"],
      "properties": {"webinar_id": {"type": "string"}}})");
  c.input_schema = lead_input_schema();
  c.graph = json::parse(webinar_graph);
  c.created_at = now - 1000;
  templates_ = {a, b, c};

  for (auto& [id, ws] : workspaces_) {
    tenex_workspace_seed s;
    s.workspace = id;
    for (const auto& k : options_.api_keys)
      if (k.workspace == id && s.api_key.empty()) s.api_key = k.key;
    for (const auto& t : templates_) s.template_slugs.push_back(t.slug);
    json::object inputs{{"sequence_id", "seq_seed"}};
    json::value g = json::parse(lead_to_sequence_graph);
    g.at("steps").at(2).at("config").at("params").at("sequence_id") = "seq_seed";
    auto& w = add_workflow(ws, "Lead to sequence (seed)", json::string(a.description), a.input_schema, nullptr,
                           parse_graph(g, json::array{"seed"}), json::string(a.slug), now);
    w.versions.front().state = "active";
    w.active_version = 1;
    w.status = "active";
    s.workflow_id = w.id;
    out.tenex.workspaces.push_back(std::move(s));
  }
}

}  // namespace flowsdk::emulator::detail
