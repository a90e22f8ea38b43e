// Templates, workflows, versions and triggers of the 10ex flows routes, and the idempotency store.

#include "tenex/routes.hpp"
#include "tenex/schedule.hpp"
#include "tenex/schema.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

namespace flowsdk::emulator::detail {

using namespace tenex;

namespace {

constexpr epoch_ms idempotency_ttl_ms = 24LL * 3600 * 1000;

json::object object_body(const http_request& req, bool empty_is_object) {
  if (req.body().empty()) {
    if (empty_is_object) return {};
    throw validation_error(json::array{"body"}, "Field required", "missing");
  }
  auto v = parse_json(req.body());
  if (!v) throw validation_error(json::array{"body"}, "JSON decode error", "json_invalid");
  if (!v->is_object()) throw validation_error(json::array{"body"}, "Input should be a valid dictionary", "dict_type");
  return std::move(v->get_object());
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool contains_text(std::string_view hay, std::string_view needle) {
  return lower(hay).find(lower(needle)) != std::string::npos;
}

void set_etag(reply& out, int version) { out.response.set(http::field::etag, "\"" + std::to_string(version) + "\""); }

// Replaces every string "{{inputs.<name>}}" in `v` with that input's value.
json::value substitute(const json::value& v, const json::object& inputs) {
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    if (s.starts_with("{{inputs.") && s.ends_with("}}")) {
      const auto* hit = inputs.if_contains(s.substr(9, s.size() - 11));
      return hit ? *hit : json::value(nullptr);
    }
    return v;
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& e : v.get_array()) out.push_back(substitute(e, inputs));
    return out;
  }
  if (v.is_object()) {
    json::object out;
    for (const auto& [k, e] : v.get_object()) out[k] = substitute(e, inputs);
    return out;
  }
  return v;
}

void check_enum(const query_params& q, std::string_view key, std::initializer_list<std::string_view> allowed) {
  for (const auto& v : q.all(key))
    if (std::find(allowed.begin(), allowed.end(), std::string_view(v)) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "'" : ", '") + std::string(a) + "'";
      throw validation_error(json::array{"query", key}, "Input should be " + list, "enum");
    }
}

json::value optional_string(const json::object& o, std::string_view key, const json::array& loc, json::array& errors) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_string()) {
    json::array where = loc;
    where.push_back(json::string(key));
    errors.push_back(validation_entry(std::move(where), "Input should be a valid string", "string_type"));
    return nullptr;
  }
  return *v;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Idempotency: (workspace, method, path, key) -> the first answer, replayed for the same body.

bool tenex_routes::replay(context& c, std::string& slot) {
  const auto key = c.req["idempotency-key"];
  if (key.empty()) return false;
  const std::string_view target = c.req.target();
  slot = std::string(c.req.method_string()) + " " + std::string(target.substr(0, target.find('?'))) + " " +
         std::string(key);
  auto it = c.ws->idempotency.find(slot);
  if (it != c.ws->idempotency.end() && c.now - it->second.at > idempotency_ttl_ms) {
    c.ws->idempotency.erase(it);
    it = c.ws->idempotency.end();
  }
  if (it == c.ws->idempotency.end()) return false;
  const auto parsed = parse_json(c.req.body());
  const auto digest = parsed ? json::serialize(*parsed) : c.req.body();
  if (digest != it->second.body_digest)
    throw app_error(http::status::conflict, "idempotency_key_reused",
                    "Idempotency-Key was already used with a different request body");
  set_json(c.out.response, it->second.status, it->second.body);
  if (!it->second.etag.empty()) c.out.response.set(http::field::etag, it->second.etag);
  c.out.response.set("idempotent-replayed", "true");
  return true;
}

void tenex_routes::remember(context& c, const std::string& slot) {
  if (slot.empty()) return;
  const auto parsed = parse_json(c.req.body());
  idempotent_reply r;
  r.body_digest = parsed ? json::serialize(*parsed) : c.req.body();
  r.status = c.out.response.result();
  r.body = parse_json(c.out.response.body()).value_or(nullptr);
  r.etag = std::string(c.out.response[http::field::etag]);
  r.at = c.now;
  c.ws->idempotency[slot] = std::move(r);
}

// ---------------------------------------------------------------------------------------------
// Templates

void tenex_routes::list_templates(context& c) {
  const page_request p(c.query, "templates");
  const auto category = c.query.get("category");
  const auto q = c.query.get("q");
  std::vector<page_item> items;
  for (const auto& t : templates_) {
    if (category && t.category != *category) continue;
    if (q && !contains_text(t.name, *q) && !contains_text(t.description, *q) && !contains_text(t.slug, *q)) continue;
    items.push_back({t.created_at, t.slug, to_json(t, false)});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, true, options_.omit_total));
}

void tenex_routes::get_template(context& c, const std::string& slug) {
  for (const auto& t : templates_)
    if (t.slug == slug) return set_json(c.out.response, http::status::ok, to_json(t, true));
  throw not_found("Template not found");
}

void tenex_routes::instantiate(context& c, const std::string& slug) {
  const template_def* t = nullptr;
  for (const auto& x : templates_)
    if (x.slug == slug) t = &x;
  if (!t) throw not_found("Template not found");
  std::string slot;
  if (replay(c, slot)) return;
  const auto body = object_body(c.req, true);
  json::array errors;
  json::object inputs;
  if (const auto* i = body.if_contains("inputs"); i && !i->is_null()) {
    if (!i->is_object())
      errors.push_back(
          validation_entry(json::array{"body", "inputs"}, "Input should be a valid dictionary", "dict_type"));
    else
      inputs = i->get_object();
  }
  validate_schema(t->inputs_schema, inputs, json::array{"body", "inputs"}, errors);
  const auto name = optional_string(body, "name", json::array{"body"}, errors);
  bool activate = false;
  if (const auto* a = body.if_contains("activate"); a && !a->is_null()) {
    if (!a->is_bool())
      errors.push_back(
          validation_entry(json::array{"body", "activate"}, "Input should be a valid boolean", "bool_type"));
    else
      activate = a->get_bool();
  }
  if (!errors.empty()) throw validation_error(std::move(errors));
  auto g = parse_graph(substitute(t->graph, inputs), json::array{"body", "graph"});
  auto& w =
      add_workflow(*c.ws, name.is_string() ? std::string(name.get_string()) : t->name, json::string(t->description),
                   t->input_schema, nullptr, std::move(g), json::string(t->slug), c.now);
  if (activate) {
    w.versions.front().state = "active";
    w.active_version = 1;
    w.status = "active";
  }
  set_json(c.out.response, http::status::created, to_json(w));
  set_etag(c.out, w.latest().number);
  remember(c, slot);
}

// ---------------------------------------------------------------------------------------------
// Workflows and versions

tenex::workflow_rec& tenex_routes::add_workflow(workspace& ws, std::string name, json::value description,
                                                json::value input_schema, json::value output_schema, graph g,
                                                json::value template_slug, epoch_ms now) {
  const auto id = new_id("wf_");
  auto& w = ws.workflows[id];
  w.id = id;
  w.name = std::move(name);
  w.description = std::move(description);
  w.template_slug = std::move(template_slug);
  w.created_at = w.updated_at = now;
  version_rec v;
  v.g = std::move(g);
  v.input_schema = input_schema.is_null() ? json::value(json::object{{"type", "object"}}) : std::move(input_schema);
  v.output_schema = std::move(output_schema);
  v.created_at = now;
  w.versions.push_back(std::move(v));
  return w;
}

tenex::workflow_rec& tenex_routes::find_workflow(context& c, const std::string& id) {
  const auto it = c.ws->workflows.find(id);
  if (it == c.ws->workflows.end()) throw not_found("Workflow not found");
  return it->second;
}

void tenex_routes::list_workflows(context& c) {
  check_enum(c.query, "status", {"draft", "active", "paused", "archived"});
  const page_request p(c.query, "workflows");
  const auto statuses = c.query.all("status");
  const auto q = c.query.get("q");
  std::vector<page_item> items;
  for (const auto& [id, w] : c.ws->workflows) {
    if (!statuses.empty() && !contains(statuses, w.status)) continue;
    if (q && !contains_text(w.name, *q) &&
        !(w.description.is_string() && contains_text(w.description.get_string(), *q)))
      continue;
    items.push_back({w.created_at, w.id, to_json(w)});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, true, options_.omit_total));
}

void tenex_routes::create_workflow(context& c) {
  const auto body = object_body(c.req, false);
  json::array errors;
  const auto* name = body.if_contains("name");
  if (!name)
    errors.push_back(validation_entry(json::array{"body", "name"}, "Field required", "missing"));
  else if (!name->is_string() || name->get_string().empty())
    errors.push_back(
        validation_entry(json::array{"body", "name"}, "Input should be a non-empty string", "string_type"));
  auto description = optional_string(body, "description", json::array{"body"}, errors);
  json::value input_schema, output_schema;
  if (const auto* s = body.if_contains("input_schema"); s && !s->is_null()) {
    check_schema(*s, json::array{"body", "input_schema"}, errors);
    input_schema = *s;
  }
  if (const auto* s = body.if_contains("output_schema"); s && !s->is_null()) {
    check_schema(*s, json::array{"body", "output_schema"}, errors);
    output_schema = *s;
  }
  const auto* gv = body.if_contains("graph");
  if (!gv) errors.push_back(validation_entry(json::array{"body", "graph"}, "Field required", "missing"));
  if (!errors.empty()) throw validation_error(std::move(errors));
  auto g = parse_graph(*gv, json::array{"body", "graph"});
  auto& w = add_workflow(*c.ws, std::string(name->get_string()), std::move(description), std::move(input_schema),
                         std::move(output_schema), std::move(g), nullptr, c.now);
  set_json(c.out.response, http::status::created, to_json(w));
  set_etag(c.out, 1);
}

void tenex_routes::get_workflow(context& c, const std::string& id) {
  const auto& w = find_workflow(c, id);
  set_json(c.out.response, http::status::ok, to_json(w));
  set_etag(c.out, w.latest().number);
}

void tenex_routes::patch_workflow(context& c, const std::string& id) {
  auto& w = find_workflow(c, id);
  const auto body = object_body(c.req, false);
  json::array errors;
  if (const auto* n = body.if_contains("name"); n && (!n->is_string() || n->get_string().empty()))
    errors.push_back(
        validation_entry(json::array{"body", "name"}, "Input should be a non-empty string", "string_type"));
  if (const auto* d = body.if_contains("description"); d && !d->is_null() && !d->is_string())
    errors.push_back(
        validation_entry(json::array{"body", "description"}, "Input should be a valid string", "string_type"));
  const auto* st = body.if_contains("status");
  if (st && !(st->is_string() && (st->get_string() == "active" || st->get_string() == "paused")))
    errors.push_back(validation_entry(json::array{"body", "status"}, "Input should be 'active' or 'paused'", "enum"));
  if (!errors.empty()) throw validation_error(std::move(errors));
  if (w.status == "archived") throw app_error(http::status::conflict, "workflow_archived", "Workflow is archived");
  if (st && st->get_string() == "active" && !w.active_version)
    throw app_error(http::status::conflict, "no_active_version", "Workflow has no active version; activate one first");
  if (const auto* n = body.if_contains("name")) w.name = n->get_string();
  if (const auto* d = body.if_contains("description")) w.description = *d;
  if (st) w.status = st->get_string();
  w.updated_at = c.now;
  set_json(c.out.response, http::status::ok, to_json(w));
  set_etag(c.out, w.latest().number);
}

void tenex_routes::put_graph(context& c, const std::string& id) {
  auto& w = find_workflow(c, id);
  if (w.status == "archived") throw app_error(http::status::conflict, "workflow_archived", "Workflow is archived");
  if (const auto h = c.req[http::field::if_match]; !h.empty()) {
    std::string_view tag = h;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    const auto n = parse_integer(tag);
    if (!n)
      throw validation_error(json::array{"header", "if-match"},
                             "If-Match must be a quoted version number such as \"3\"");
    if (*n != w.latest().number)
      throw app_error(http::status::precondition_failed, "version_mismatch",
                      "If-Match is version " + std::to_string(*n) + ", but the latest is: expected version " +
                          std::to_string(w.latest().number));
  }
  const auto body = object_body(c.req, false);
  json::array errors;
  const auto* gv = body.if_contains("graph");
  if (!gv) errors.push_back(validation_entry(json::array{"body", "graph"}, "Field required", "missing"));
  version_rec v;
  v.input_schema = w.latest().input_schema;
  v.output_schema = w.latest().output_schema;
  if (const auto* s = body.if_contains("input_schema"); s && !s->is_null()) {
    check_schema(*s, json::array{"body", "input_schema"}, errors);
    v.input_schema = *s;
  }
  if (const auto* s = body.if_contains("output_schema"); s && !s->is_null()) {
    check_schema(*s, json::array{"body", "output_schema"}, errors);
    v.output_schema = *s;
  }
  if (!errors.empty()) throw validation_error(std::move(errors));
  v.g = parse_graph(*gv, json::array{"body", "graph"});
  v.number = w.latest().number + 1;
  v.created_at = c.now;
  w.versions.push_back(std::move(v));
  w.updated_at = c.now;
  set_json(c.out.response, http::status::ok, to_json(w, w.latest()));
  set_etag(c.out, w.latest().number);
}

void tenex_routes::archive_workflow(context& c, const std::string& id) {
  auto& w = find_workflow(c, id);
  if (w.status != "archived") {
    w.status = "archived";
    w.archived_at = c.now;
    w.updated_at = c.now;
  }
  set_json(c.out.response, http::status::ok, to_json(w));
  set_etag(c.out, w.latest().number);
}

void tenex_routes::list_versions(context& c, const std::string& id) {
  const auto& w = find_workflow(c, id);
  const page_request p(c.query, "versions:" + id);
  std::vector<page_item> items;
  char key[16];
  for (const auto& v : w.versions) {
    std::snprintf(key, sizeof key, "%010d", v.number);
    items.push_back({v.created_at, key, to_json(w, v)});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, true, options_.omit_total));
  set_etag(c.out, w.latest().number);
}

namespace {
long long version_param(const std::string& s) {
  const auto n = parse_integer(s);
  if (!n)
    throw validation_error(json::array{"path", "version"},
                           "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
  return *n;
}
}  // namespace

void tenex_routes::get_version(context& c, const std::string& id, const std::string& version) {
  auto& w = find_workflow(c, id);
  const auto n = version_param(version);
  const auto* v = w.find_version(n);
  if (!v) throw not_found("Workflow version not found");
  set_json(c.out.response, http::status::ok, to_json(w, *v));
  set_etag(c.out, w.latest().number);
}

void tenex_routes::version_action(context& c, const std::string& id, const std::string& version, bool activate) {
  auto& w = find_workflow(c, id);
  const auto n = version_param(version);
  auto* v = w.find_version(n);
  if (!v) throw not_found("Workflow version not found");
  if (activate) {
    if (w.status == "archived") throw app_error(http::status::conflict, "workflow_archived", "Workflow is archived");
    if (v->state == "archived")
      throw app_error(http::status::conflict, "version_archived", "Version " + version + " is archived");
    for (auto& other : w.versions)
      if (other.state == "active") other.state = "inactive";
    v->state = "active";
    w.active_version = v->number;
    if (w.status == "draft") w.status = "active";
  } else if (v->state != "archived") {
    if (v->state == "active")
      throw app_error(http::status::conflict, "version_active",
                      "Version " + version + " is the active version; activate another one first");
    v->state = "archived";
    v->archived_at = c.now;
  }
  w.updated_at = c.now;
  set_json(c.out.response, http::status::ok, to_json(w, *v));
  set_etag(c.out, w.latest().number);
}

// ---------------------------------------------------------------------------------------------
// Triggers

namespace {

// Validates `b` (a whole ExternalTrigger without server fields) into `t`.
void read_trigger(const json::object& b, trigger_rec& t, workspace& ws) {
  json::array errors;
  const json::array loc{"body"};
  auto field = [&](std::string_view k) { return json::array{"body", k}; };
  const auto* source = b.if_contains("source");
  if (!source)
    errors.push_back(validation_entry(field("source"), "Field required", "missing"));
  else if (!source->is_string() ||
           (source->get_string() != "crm" && source->get_string() != "connector" && source->get_string() != "schedule"))
    errors.push_back(validation_entry(field("source"), "Input should be 'crm', 'connector' or 'schedule'", "enum"));
  else
    t.source = source->get_string();
  if (const auto* tt = b.if_contains("target_type"); tt && !tt->is_null()) {
    if (!tt->is_string() || (tt->get_string() != "workflow" && tt->get_string() != "webhook"))
      errors.push_back(validation_entry(field("target_type"), "Input should be 'workflow' or 'webhook'", "enum"));
    else
      t.target_type = tt->get_string();
  }
  t.workflow_id = optional_string(b, "workflow_id", loc, errors);
  t.event_type = optional_string(b, "event_type", loc, errors);
  t.cron = optional_string(b, "cron", loc, errors);
  t.timezone = optional_string(b, "timezone", loc, errors);
  t.target_url = optional_string(b, "target_url", loc, errors);
  for (std::string_view k : {"filter", "input_mapping"}) {
    const auto* v = b.if_contains(k);
    if (v && !v->is_null() && !v->is_object())
      errors.push_back(validation_entry(field(k), "Input should be a valid dictionary", "dict_type"));
    (k == "filter" ? t.filter : t.input_mapping) = v && v->is_object() ? *v : json::value(nullptr);
  }
  if (const auto* e = b.if_contains("enabled"); e && !e->is_null()) {
    if (!e->is_bool())
      errors.push_back(validation_entry(field("enabled"), "Input should be a valid boolean", "bool_type"));
    else
      t.enabled = e->get_bool();
  }
  if (!errors.empty()) throw validation_error(std::move(errors));
  if (t.target_type == "workflow") {
    if (!t.workflow_id.is_string())
      errors.push_back(validation_entry(field("workflow_id"), "a workflow trigger needs a workflow_id", "missing"));
    if (t.source != "schedule" && !t.event_type.is_string())
      errors.push_back(
          validation_entry(field("event_type"), "a crm or connector trigger needs an event_type", "missing"));
  } else {
    const bool url_ok = t.target_url.is_string() && (t.target_url.get_string().subview().starts_with("http://") ||
                                                     t.target_url.get_string().subview().starts_with("https://"));
    if (!url_ok)
      errors.push_back(
          validation_entry(field("target_url"), "a webhook trigger needs an http(s) target_url", "value_error"));
  }
  if (t.source == "schedule" && !t.cron.is_string())
    errors.push_back(validation_entry(field("cron"), "a schedule trigger needs a cron expression", "missing"));
  else if (t.cron.is_string() && !cron::parse(t.cron.get_string()))
    errors.push_back(
        validation_entry(field("cron"), "cron must have five fields: minute hour day month weekday", "value_error"));
  if (!errors.empty()) throw validation_error(std::move(errors));
  if (t.workflow_id.is_string() && !ws.workflows.count(std::string(t.workflow_id.get_string())))
    throw not_found("Workflow not found");
}

}  // namespace

tenex::trigger_rec& tenex_routes::find_trigger(context& c, const std::string& id) {
  const auto it = c.ws->triggers.find(id);
  if (it == c.ws->triggers.end()) throw not_found("Trigger not found");
  return it->second;
}

void tenex_routes::list_triggers(context& c) {
  check_enum(c.query, "source", {"crm", "connector", "schedule"});
  check_enum(c.query, "enabled", {"true", "false"});
  const page_request p(c.query, "triggers");
  const auto wf = c.query.get("workflow_id");
  const auto sources = c.query.all("source");
  const auto event_type = c.query.get("event_type");
  const auto enabled = c.query.get("enabled");
  std::vector<page_item> items;
  for (const auto& [id, t] : c.ws->triggers) {
    if (wf && !(t.workflow_id == json::value(*wf))) continue;
    if (!sources.empty() && !contains(sources, t.source)) continue;
    if (event_type && !(t.event_type == json::value(*event_type))) continue;
    if (enabled && t.enabled != (*enabled == "true")) continue;
    items.push_back({t.created_at, t.id, to_json(t)});
  }
  set_json(c.out.response, http::status::ok, make_page(std::move(items), p, true, options_.omit_total));
}

void tenex_routes::create_trigger(context& c) {
  std::string slot;
  if (replay(c, slot)) return;
  trigger_rec t;
  read_trigger(object_body(c.req, false), t, *c.ws);
  t.id = new_id("trg_");
  t.created_at = t.updated_at = c.now;
  auto& stored = c.ws->triggers[t.id] = std::move(t);
  arm_schedule(*c.ws, stored, c.now);
  set_json(c.out.response, http::status::created, to_json(stored));
  remember(c, slot);
}

void tenex_routes::get_trigger(context& c, const std::string& id) {
  set_json(c.out.response, http::status::ok, to_json(find_trigger(c, id)));
}

void tenex_routes::patch_trigger(context& c, const std::string& id) {
  auto& t = find_trigger(c, id);
  auto merged = to_json(t);
  for (const auto& [k, v] : object_body(c.req, false)) merged[k] = v;
  trigger_rec updated = t;
  read_trigger(merged, updated, *c.ws);
  updated.updated_at = c.now;
  t = std::move(updated);
  arm_schedule(*c.ws, t, c.now);
  set_json(c.out.response, http::status::ok, to_json(t));
}

void tenex_routes::delete_trigger(context& c, const std::string& id) {
  find_trigger(c, id);
  c.ws->triggers.erase(id);
  set_empty(c.out.response, http::status::no_content);
}

void tenex_routes::test_trigger(context& c, const std::string& id) {
  auto& t = find_trigger(c, id);
  std::string slot;
  if (replay(c, slot)) return;
  const auto body = object_body(c.req, true);
  json::object payload;
  if (const auto* p = body.if_contains("payload"); p && !p->is_null()) {
    if (!p->is_object())
      throw validation_error(json::array{"body", "payload"}, "Input should be a valid dictionary", "dict_type");
    payload = p->get_object();
  }
  bool dry_run = false;
  if (const auto* d = body.if_contains("dry_run"); d && !d->is_null()) {
    if (!d->is_bool())
      throw validation_error(json::array{"body", "dry_run"}, "Input should be a valid boolean", "bool_type");
    dry_run = d->get_bool();
  }
  const std::string event_id = "evt_" + new_id("");
  const std::string event_type = t.event_type.is_string() ? std::string(t.event_type.get_string()) : "trigger.test";
  const json::object event{{"id", event_id}, {"type", event_type}, {"data", payload}};
  const bool matched = trigger_matches(t, event);
  auto input = mapped_input(t, event);
  if (dry_run) {
    set_json(c.out.response, http::status::ok, json::object{{"matched", matched}, {"input", input}});
    return remember(c, slot);
  }
  if (t.target_type != "workflow")
    throw app_error(http::status::conflict, "conflict", "A webhook trigger starts no run; test it with dry_run");
  if (!matched)
    throw validation_error(json::array{"body", "payload"}, "the payload does not match the trigger's filter");
  auto& w = find_workflow(c, std::string(t.workflow_id.get_string()));
  if (w.status == "archived") throw app_error(http::status::conflict, "workflow_archived", "Workflow is archived");
  if (w.status != "active" || !w.active_version)
    throw app_error(http::status::conflict, "workflow_not_active", "Workflow is not active");
  const auto& v = *w.find_version(*w.active_version);
  json::array errors;
  validate_schema(v.input_schema, input, json::array{"body", "input"}, errors);
  if (!errors.empty()) throw validation_error(std::move(errors));
  json::object trig{{"type", t.source == "crm"        ? "crm_event"
                             : t.source == "schedule" ? "schedule"
                                                      : "connector_event"},
                    {"source", t.source},
                    {"trigger_id", t.id},
                    {"event_id", event_id}};
  auto& run = start_run(*c.ws, w, v, std::move(input), std::move(trig), c.now);
  const auto run_json = to_json(run);
  wake_waiters(*c.ws, event_type, event, c.now);
  set_json(c.out.response, http::status::accepted, run_json);
  remember(c, slot);
}

}  // namespace flowsdk::emulator::detail
