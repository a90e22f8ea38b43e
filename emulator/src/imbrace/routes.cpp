#include "imbrace/routes.hpp"

#include "common/faults.hpp"
#include "common/route_table.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace flowsdk::emulator::detail {

namespace {

constexpr std::string_view engine_prefix = "/activepieces/v1/";
constexpr std::string_view channel_prefix = "/channel-service/";
constexpr std::size_t max_page_size = 100;
constexpr std::size_t default_page_size = 10;

std::size_t parse_limit(const query_params& q) {
  const auto v = q.get("limit");
  if (!v) return default_page_size;
  const auto n = parse_integer(*v);
  if (!n) throw validation_error("querystring/limit must be integer");
  if (*n < 1) throw validation_error("querystring/limit must be >= 1");
  if (*n > static_cast<long long>(max_page_size)) throw validation_error("querystring/limit must be <= 100");
  return static_cast<std::size_t>(*n);
}

std::optional<seek_cursor> parse_cursor(const query_params& q) {
  const auto v = q.get("cursor");
  if (!v || v->empty()) return std::nullopt;
  auto c = decode_cursor(*v);
  if (!c) throw validation_error("querystring/cursor is not a valid cursor");
  return c;
}

bool is_json_content_type(std::string_view ct) {
  constexpr std::string_view json_type = "application/json";
  if (ct.size() < json_type.size()) return false;
  for (std::size_t i = 0; i < json_type.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(ct[i])) != json_type[i]) return false;
  return ct.size() == json_type.size() || ct[json_type.size()] == ';' || ct[json_type.size()] == ' ';
}

std::optional<epoch_ms> parse_time(const query_params& q, std::string_view key) {
  const auto v = q.get(key);
  if (!v) return std::nullopt;
  const auto t = parse_iso8601(*v);
  if (!t) throw validation_error("querystring/" + std::string(key) + " must match format \"date-time\"");
  return t;
}

}  // namespace

page_params parse_page(const query_params& q) { return {parse_limit(q), parse_cursor(q)}; }

json::object parse_json_object_body(const http_request& req) {
  if (req.body().empty()) throw validation_error("body must be object");
  auto v = parse_json(req.body());
  if (!v)
    throw api_error(http::status::bad_request,
                    fastify_error(http::status::bad_request, "FST_ERR_CTP_INVALID_JSON_BODY",
                                  "Body is not valid JSON but content-type is set to 'application/json'"));
  if (!v->is_object()) throw validation_error("body must be object");
  return std::move(v->get_object());
}

json::object parse_optional_json_body(const http_request& req) {
  if (!req.body().empty()) return parse_json_object_body(req);
  if (is_json_content_type(req[http::field::content_type]))
    throw api_error(http::status::bad_request,
                    fastify_error(http::status::bad_request, "FST_ERR_CTP_EMPTY_JSON_BODY",
                                  "Body cannot be empty when content-type is set to 'application/json'"));
  return {};
}

imbrace_routes::imbrace_routes(const vendor_context& ctx)
    : options_(ctx.options.imbrace), clock_(ctx.clock), state_(ctx.options.random_seed) {}

bool imbrace_routes::owns(std::string_view path) const {
  return path.starts_with(engine_prefix) || path.starts_with(channel_prefix);
}

json::value imbrace_routes::fault_body(http::status status) const {
  return fastify_error(status, "INJECTED_FAULT", injected_fault_message);
}

void imbrace_routes::seed(seed_data& out) {
  std::lock_guard lock(mutex_);
  const auto now = clock_->now();
  const auto s = state_.seed(now);
  out.imbrace = state_.seed_resources(s, now);
}

void imbrace_routes::handle(http_request& req, std::string_view path, std::string_view query, reply& out) {
  const bool engine = path.starts_with(engine_prefix);
  context c{req, path, query_params(query), out};
  const auto seg = split_segments(path.substr(engine ? engine_prefix.size() : channel_prefix.size()));
  const bool is_webhook = engine && !seg.empty() && seg[0] == "webhooks";
  if (std::string problem; !is_webhook && !authenticated(req, problem))
    return c.json(http::status::unauthorized, activepieces_error("AUTHENTICATION", json::object{{"message", problem}}));
  if (engine)
    route_engine(c, seg);
  else if (seg.size() == 3 && seg[0] == "v1" && seg[1] == "workflows" && seg[2] == "channel_automation" &&
           req.method() == http::verb::get)
    channel_automation(c);
  else
    c.not_found();
}

// The API key wins when several credentials are present.
bool imbrace_routes::authenticated(const http_request& req, std::string& problem) const {
  const auto known = [](const std::vector<std::string>& list, std::string_view v) { return contains(list, v); };
  if (const auto key = req["x-api-key"]; !key.empty()) {
    if (known(options_.api_keys, key)) return true;
    problem = "Invalid API key (x-api-key)";
    return false;
  }
  if (const auto auth = req[http::field::authorization]; !auth.empty()) {
    constexpr std::string_view bearer = "Bearer ";
    if (auth.size() > bearer.size() && auth.substr(0, bearer.size()) == bearer) {
      const auto token = auth.substr(bearer.size());
      if (known(options_.jwts, token) || known(options_.api_keys, token)) return true;
    }
    problem = "Invalid bearer token (authorization)";
    return false;
  }
  if (const auto token = req["x-access-token"]; !token.empty()) {
    if (known(options_.access_tokens, token)) return true;
    problem = "Invalid or expired access token (x-access-token)";
    return false;
  }
  problem = "No credentials: send x-api-key, authorization: Bearer <token> or x-access-token";
  return false;
}

void imbrace_routes::route_engine(context& c, const segments& seg) {
  using table = route_table<imbrace_routes, context>;
  constexpr auto get = http::verb::get, post = http::verb::post, any = table::any_method;
  static const table routes{
      {get, "flows", [](imbrace_routes& r, context& c, const segments&) { r.list_flows(c); }},
      {post, "flows", [](imbrace_routes& r, context& c, const segments&) { r.create_flow(c); }},
      {any, "flows/{}", [](imbrace_routes& r, context& c, const segments& s) { r.flow_by_id(c, s[1]); }},
      {get, "flow-runs", [](imbrace_routes& r, context& c, const segments&) { r.list_runs(c); }},
      {get, "flow-runs/{}", [](imbrace_routes& r, context& c, const segments& s) { r.get_run(c, s[1]); }},
      {any, "webhooks/{}", [](imbrace_routes& r, context& c, const segments& s) { r.webhook(c, s[1], false); }},
      {any, "webhooks/{}/sync", [](imbrace_routes& r, context& c, const segments& s) { r.webhook(c, s[1], true); }},
      // Each resource family answers every method and sub-path below its first segment.
      {any, "folders/*", &imbrace_routes::route_folders},
      {any, "app-connections/*", &imbrace_routes::route_connections},
      {any, "pieces/*", &imbrace_routes::route_pieces},
      {any, "trigger-runs/*", &imbrace_routes::route_triggers},
      {any, "test-trigger/*", &imbrace_routes::route_triggers},
      {any, "trigger-events/*", &imbrace_routes::route_triggers},
      {any, "tables/*", &imbrace_routes::route_tables},
      {any, "fields/*", &imbrace_routes::route_fields},
      {any, "records/*", &imbrace_routes::route_records},
      {any, "mcp-servers/*", &imbrace_routes::route_mcp},
      {any, "user-invitations/*", &imbrace_routes::route_invitations},
      {any, "users/*", &imbrace_routes::route_projects},
  };
  // Fastify answers an unknown method on a known path as an unknown route: 404 either way.
  if (routes.dispatch(*this, c, c.req.method(), seg) != table::outcome::handled) c.not_found();
}

void imbrace_routes::list_flows(context& c) {
  const auto project = c.query.get("projectId");
  const auto folder = c.query.get("folderId");
  const auto status = c.query.get("status");
  if (status && *status != "ENABLED" && *status != "DISABLED")
    throw validation_error("querystring/status must be equal to one of the allowed values");
  // folderId=NULL selects the uncategorised flows, as upstream.
  const bool uncategorised = folder && *folder == "NULL";
  serve_page(
      c, &imbrace_state::flows,
      [&](const flow_record& f) {
        return (!project || f.project_id == *project) &&
               (!folder || (uncategorised ? !f.folder_id : f.folder_id && *f.folder_id == *folder)) &&
               (!status || f.status == *status);
      },
      flow_to_json);
}

void imbrace_routes::create_flow(context& c) {
  const auto in = parse_json_object_body(c.req);
  const auto* name = in.if_contains("displayName");
  if (!name || !name->is_string()) throw validation_error("body must have required property 'displayName'");
  json::object body;
  {
    std::lock_guard lock(mutex_);
    auto& f = state_.create_flow(std::string(name->get_string()), optional_string(in, "projectId", "body"),
                                 optional_string(in, "folderId", "body"), clock_->now());
    body = flow_to_json(f);
  }
  c.json(http::status::created, body);
}

void imbrace_routes::flow_by_id(context& c, const std::string& id) {
  const auto method = c.req.method();
  if (method != http::verb::get && method != http::verb::post && method != http::verb::delete_) return c.not_found();
  // Parse before locking: the lock guards the state, not the request.
  std::optional<json::object> operation;
  if (method == http::verb::post) operation = parse_json_object_body(c.req);

  json::object body;
  {
    std::lock_guard lock(mutex_);
    auto* f = state_.flows().find(id);
    if (!f) throw entity_not_found("flow", id);
    if (method == http::verb::delete_) {
      state_.flows().erase(id);
    } else {
      if (operation) state_.apply_operation(*f, *operation, clock_->now());
      body = flow_to_json(*f);
    }
  }
  if (method == http::verb::delete_)
    set_empty(c.out.response, http::status::no_content);
  else
    c.json(http::status::ok, body);
}

void imbrace_routes::list_runs(context& c) {
  const auto flow = c.query.get("flowId");
  const auto project = c.query.get("projectId");
  const auto statuses = c.query.all("status");
  const auto tags = c.query.all("tags");
  const auto after = parse_time(c.query, "createdAfter");
  const auto before = parse_time(c.query, "createdBefore");
  serve_page(
      c, &imbrace_state::runs,
      [&](const run_record& r) {
        if (flow && r.flow_id != *flow) return false;
        if (project && r.project_id != *project) return false;
        if (!statuses.empty() && !contains(statuses, r.status)) return false;
        if (after && r.created < *after) return false;
        if (before && r.created > *before) return false;
        // A run matches when it carries any of the requested tags.
        return tags.empty() ||
               std::any_of(r.tags.begin(), r.tags.end(), [&](const auto& t) { return contains(tags, t); });
      },
      [](const run_record& r) { return run_to_json(r, false); });
}

void imbrace_routes::get_run(context& c, const std::string& id) {
  json::object body;
  {
    std::lock_guard lock(mutex_);
    const auto* r = state_.runs().find(id);
    if (!r) throw entity_not_found("flow_run", id);
    body = run_to_json(*r, true);
  }
  c.json(http::status::ok, body);
}

// Any method; no auth (upstream serves webhooks without credentials).
void imbrace_routes::webhook(context& c, const std::string& flow_id, bool sync) {
  // The trigger output upstream records: {method, headers, body, queryParams}.
  json::object headers;
  for (const auto& field : c.req) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    headers[name] = field.value();
  }
  json::value payload = json::object{};
  if (!c.req.body().empty()) {
    auto parsed = parse_json(c.req.body());
    payload = parsed ? std::move(*parsed) : json::string(c.req.body());  // not JSON: the flow sees the raw text
  }
  json::object query;
  for (const auto& [k, v] : c.query.pairs()) query[k] = v;
  json::object trigger_output{{"method", c.req.method_string()},
                              {"headers", std::move(headers)},
                              {"body", std::move(payload)},
                              {"queryParams", std::move(query)}};

  std::string run_id;
  std::optional<webhook_response> response;
  {
    std::lock_guard lock(mutex_);
    const auto* f = state_.flows().find(flow_id);
    if (!f) return c.json(http::status::gone, json::object{});
    if (f->status != "ENABLED" || f->published.empty()) return c.json(http::status::not_found, json::object{});
    auto& run = state_.start_run(*f, std::move(trigger_output), clock_->now());
    run_id = run.id;
    if (sync && run.pending.response) response = run.pending.response;
  }
  schedule_finish(run_id);

  auto& res = c.out.response;
  if (!sync) {
    c.json(http::status::ok, json::object{});
  } else if (response) {
    res.result(response->status);
    if (!response->content_type.empty()) res.set(http::field::content_type, response->content_type);
    for (const auto& [name, value] : response->headers) res.set(name, value);
    res.body() = std::move(response->body);
    res.content_length(res.body().size());
  } else {
    // No Return Response step: upstream waits WEBHOOK_TIMEOUT_SECONDS, then answers 204.
    set_empty(res, http::status::no_content);
    c.out.delay = options_.sync_timeout;
  }
  res.set("x-webhook-id", run_id);
}

void imbrace_routes::channel_automation(context& c) {
  // channelType values as the channel OpenAPI document lists them: web, line, facebook,
  // instagram, email, wechat, whatsapp. Unknown values match nothing (an empty list).
  static const json::array items = json::parse(R"([
    {"id":"ca_whatsapp_welcome","name":"WhatsApp welcome message","active":true,"channelType":"whatsapp",
     "tags":[{"id":"tag_onboarding","name":"onboarding"}]},
    {"id":"ca_whatsapp_after_hours","name":"WhatsApp after-hours reply","active":true,"channelType":"whatsapp",
     "tags":[{"id":"tag_support","name":"support"},{"id":"tag_hours","name":"after-hours"}]},
    {"id":"ca_web_handover","name":"Web chat hand-over to an agent","active":false,"channelType":"web",
     "tags":[{"id":"tag_support","name":"support"}]},
    {"id":"ca_line_coupon","name":"LINE coupon follow-up","active":true,"channelType":"line","tags":[]},
    {"id":"ca_facebook_lead","name":"Messenger lead capture","active":true,"channelType":"facebook",
     "tags":[{"id":"tag_sales","name":"sales"}]},
    {"id":"ca_email_triage","name":"Email triage","active":false,"channelType":"email","tags":[]}
  ])")
                                       .as_array();
  const auto type = c.query.get("channelType");
  json::array data;
  for (const auto& item : items)
    if (!type || type->empty() || item.at("channelType").as_string() == *type) data.push_back(item);
  c.json(http::status::ok, json::object{{"data", std::move(data)}});
}

void imbrace_routes::schedule_finish(std::string run_id) {
  clock_->at(clock_->now() + options_.run_duration.count(), [self = shared_from_this(), run_id = std::move(run_id)] {
    std::lock_guard lock(self->mutex_);
    self->state_.finish_run(run_id, self->clock_->now());
  });
}

}  // namespace flowsdk::emulator::detail
