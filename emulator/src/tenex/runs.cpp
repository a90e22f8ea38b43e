// Runs and their step traces: manual triggering, listing with every filter, pause, resume and cancel (docs/emulator.md,
// "10ex execution").

#include "tenex/routes.hpp"
#include "tenex/schema.hpp"

#include <algorithm>

namespace flowsdk::emulator::detail {

using namespace tenex;

namespace {

const std::vector<std::string_view> run_statuses = {"queued",     "running",   "waiting", "pausing",  "paused",
                                                    "cancelling", "succeeded", "failed",  "cancelled"};
const std::vector<std::string_view> trigger_types = {"manual", "schedule", "crm_event", "connector_event", "webhook"};

void check_values(const std::vector<std::string>& values, std::string_view key,
                  const std::vector<std::string_view>& allowed) {
  for (const auto& v : values)
    if (std::find(allowed.begin(), allowed.end(), std::string_view(v)) == allowed.end())
      throw validation_error(json::array{"query", key}, "Input should be a valid " + std::string(key), "enum");
}

std::optional<epoch_ms> time_param(const query_params& q, std::string_view key) {
  const auto v = q.get(key);
  if (!v) return std::nullopt;
  const auto t = parse_iso8601(*v);
  if (!t) throw validation_error(json::array{"query", key}, "Input should be a valid datetime", "datetime_parsing");
  return t;
}

api_error invalid_state(const run_rec& r, std::string_view action) {
  return app_error(http::status::conflict, "invalid_run_state",
                   "Cannot " + std::string(action) + " a run that is " + r.status);
}

}  // namespace

tenex::run_rec& tenex_routes::find_run(context& c, const std::string& id) {
  const auto it = c.ws->runs.find(id);
  if (it == c.ws->runs.end()) throw not_found("Run not found");
  return it->second;
}

void tenex_routes::trigger_run(context& c, const std::string& workflow_id) {
  auto& w = find_workflow(c, workflow_id);
  std::string slot;
  if (replay(c, slot)) return;
  json::object body;
  if (!c.req.body().empty()) {
    auto v = parse_json(c.req.body());
    if (!v) throw validation_error(json::array{"body"}, "JSON decode error", "json_invalid");
    if (!v->is_object()) throw validation_error(json::array{"body"}, "Input should be a valid dictionary", "dict_type");
    body = std::move(v->get_object());
  }
  json::value input = json::object{};
  if (const auto* i = body.if_contains("input"); i && !i->is_null()) {
    if (!i->is_object())
      throw validation_error(json::array{"body", "input"}, "Input should be a valid dictionary", "dict_type");
    input = *i;
  }
  std::optional<long long> version;
  if (const auto* v = body.if_contains("version"); v && !v->is_null()) {
    if (!v->is_int64())
      throw validation_error(json::array{"body", "version"}, "Input should be a valid integer", "int_type");
    version = v->get_int64();
  }
  if (w.status == "archived") throw app_error(http::status::conflict, "workflow_archived", "Workflow is archived");
  const version_rec* v = nullptr;
  if (version) {
    v = w.find_version(*version);
    if (!v) throw not_found("Workflow version not found");
    if (v->state == "archived")
      throw app_error(http::status::conflict, "version_archived",
                      "Version " + std::to_string(*version) + " is archived");
    if (w.status != "active" && w.status != "draft")
      throw app_error(http::status::conflict, "workflow_not_active", "Workflow is " + w.status);
  } else {
    if (w.status != "active" || !w.active_version)
      throw app_error(http::status::conflict, "workflow_not_active",
                      "Workflow is " + w.status + "; activate it or name a version");
    v = w.find_version(*w.active_version);
  }
  json::array errors;
  validate_schema(v->input_schema, input, json::array{"body", "input"}, errors);
  if (!errors.empty()) throw validation_error(std::move(errors));
  auto& r = start_run(*c.ws, w, *v, std::move(input), json::object{{"type", "manual"}}, c.now);
  const auto location = "/api/v1/flows/runs/" + r.id;
  if (c.req[http::field::accept].find("text/event-stream") != std::string_view::npos &&
      options_.stream_mode == tenex_stream_mode::stream) {
    // Start-and-stream: the new run's events in this response, snapshot first. Not remembered for
    // Idempotency-Key replay, which only a 202 gets.
    serve_events(c, r.id);
    c.out.response.set(http::field::location, location);
    return;
  }
  set_json(c.out.response, http::status::accepted, to_json(r));
  c.out.response.set(http::field::location, location);
  remember(c, slot);
}

void tenex_routes::list_runs(context& c) {
  const auto statuses = c.query.all("status");
  const auto types = c.query.all("trigger_type");
  check_values(statuses, "status", run_statuses);
  check_values(types, "trigger_type", trigger_types);
  const auto after = time_param(c.query, "created_after");
  const auto before = time_param(c.query, "created_before");
  const page_request p(c.query, "runs");
  const auto wf = c.query.get("workflow_id");
  const auto trigger_id = c.query.get("trigger_id");
  std::vector<page_item> items;
  for (const auto& [id, r] : c.ws->runs) {
    if (wf && r.workflow_id != *wf) continue;
    if (!statuses.empty() && !contains(statuses, r.status)) continue;
    if (!types.empty() && !contains(types, std::string(r.trigger.at("type").get_string()))) continue;
    if (trigger_id) {
      const auto* t = r.trigger.if_contains("trigger_id");
      if (!t || !(*t == json::value(*trigger_id))) continue;
    }
    if (after && r.created_at < *after) continue;
    if (before && r.created_at >= *before) continue;
    items.push_back({r.created_at, r.id, to_json(r)});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, true, options_.omit_total));
}

void tenex_routes::get_run(context& c, const std::string& id) {
  set_json(c.out.response, http::status::ok, to_json(find_run(c, id)));
}

void tenex_routes::run_action(context& c, const std::string& id, std::string_view action) {
  auto& r = find_run(c, id);
  const auto& s = r.status;
  if (action == "pause") {
    if (s == "cancelling" || r.terminal()) throw invalid_state(r, action);
    if (s != "pausing" && s != "paused") pause(*c.ws, r, c.now);
  } else if (action == "resume") {
    if (s != "paused") throw invalid_state(r, action);
    resume(*c.ws, r, c.now);
  } else {
    if (s == "succeeded" || s == "failed") throw invalid_state(r, action);
    if (s != "cancelling" && s != "cancelled") cancel(*c.ws, r, c.now);
  }
  set_json(c.out.response, http::status::accepted, to_json(r));
}

void tenex_routes::list_steps(context& c, const std::string& id) {
  const auto& r = find_run(c, id);
  const page_request p(c.query, "steps:" + id);
  std::vector<page_item> items;
  char key[24];
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    std::snprintf(key, sizeof key, "%010zu", k);
    items.push_back({static_cast<epoch_ms>(k), key, to_json(r.steps[k])});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, false, options_.omit_total));
}

void tenex_routes::get_step(context& c, const std::string& id, const std::string& step_id) {
  const auto& r = find_run(c, id);
  std::optional<long long> attempt;
  if (const auto a = c.query.get("attempt")) {
    attempt = parse_integer(*a);
    if (!attempt || *attempt < 1)
      throw validation_error(json::array{"query", "attempt"}, "Input should be an integer >= 1", "greater_than_equal");
  }
  const step_run_rec* hit = nullptr;
  for (const auto& s : r.steps)
    if (s.step_id == step_id && (!attempt || s.attempt == *attempt)) hit = &s;  // the latest attempt by default
  if (!hit) throw not_found(attempt ? "Step attempt not found" : "Step not found");
  set_json(c.out.response, http::status::ok, to_json(*hit));
}

}  // namespace flowsdk::emulator::detail
