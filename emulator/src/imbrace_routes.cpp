#include "imbrace_routes.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>

namespace flowsdk::emulator::detail {

namespace asio = boost::asio;

namespace {

constexpr std::string_view engine_prefix = "/activepieces/v1/";
constexpr std::string_view channel_prefix = "/channel-service/";
constexpr std::size_t max_page_size = 100;
constexpr std::size_t default_page_size = 10;

// Path segments after a prefix, percent-decoded.
std::vector<std::string> split_segments(std::string_view rest) {
  std::vector<std::string> seg;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    seg.push_back(percent_decode(rest.substr(0, slash), false));
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  }
  return seg;
}

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
  boost::system::error_code ec;
  auto v = json::parse(req.body(), ec);
  if (ec)
    throw api_error(http::status::bad_request,
                    fastify_error(http::status::bad_request, "FST_ERR_CTP_INVALID_JSON_BODY",
                                  "Body is not valid JSON but content-type is set to 'application/json'"));
  if (!v.is_object()) throw validation_error("body must be object");
  return std::move(v.get_object());
}

json::object parse_optional_json_body(const http_request& req) {
  if (!req.body().empty()) return parse_json_object_body(req);
  if (is_json_content_type(req[http::field::content_type]))
    throw api_error(http::status::bad_request,
                    fastify_error(http::status::bad_request, "FST_ERR_CTP_EMPTY_JSON_BODY",
                                  "Body cannot be empty when content-type is set to 'application/json'"));
  return {};
}

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

imbrace_routes::imbrace_routes(asio::any_io_executor ex, const server_options& options)
    : options_(options), strand_(asio::make_strand(ex)), state_(options.random_seed) {}

seed_data imbrace_routes::seed() {
  std::lock_guard lock(mutex_);
  const auto now = now_ms();
  const auto s = state_.seed(now);
  return state_.seed_resources(s, now);
}

bool imbrace_routes::handle(http_request& req, std::string_view path, std::string_view query, reply& out) {
  const bool engine = path.starts_with(engine_prefix);
  if (!engine && !path.starts_with(channel_prefix)) return false;
  context c{req, path, query_params(query), out};
  try {
    const auto seg = split_segments(path.substr(engine ? engine_prefix.size() : channel_prefix.size()));
    const bool is_webhook = engine && !seg.empty() && seg[0] == "webhooks";
    if (std::string problem; !is_webhook && !authenticated(req, problem)) {
      c.json(http::status::unauthorized,
             activepieces_error("AUTHENTICATION", json::object{{"message", problem}}));
      return true;
    }
    if (engine) {
      route_engine(c, seg);
    } else if (seg.size() == 3 && seg[0] == "v1" && seg[1] == "workflows" && seg[2] == "channel_automation" &&
               req.method() == http::verb::get) {
      channel_automation(c);
    } else {
      c.not_found();
    }
  } catch (const api_error& e) {
    c.json(e.status, e.body);
  }
  return true;
}

// Spec section 17.3: the API key wins when several credentials are present.
bool imbrace_routes::authenticated(const http_request& req, std::string& problem) const {
  auto known = [](const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
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

void imbrace_routes::route_engine(context& c, const std::vector<std::string>& seg) {
  const auto method = c.req.method();
  const auto n = seg.size();
  if (n >= 1 && seg[0] == "flows") {
    if (n == 1 && method == http::verb::get) return list_flows(c);
    if (n == 1 && method == http::verb::post) return create_flow(c);
    if (n == 2) return flow_by_id(c, seg[1]);
  } else if (n >= 1 && seg[0] == "flow-runs") {
    if (n == 1 && method == http::verb::get) return list_runs(c);
    if (n == 2 && method == http::verb::get) return get_run(c, seg[1]);
  } else if (n >= 2 && seg[0] == "webhooks") {
    if (n == 2) return webhook(c, seg[1], false);
    if (n == 3 && seg[2] == "sync") return webhook(c, seg[1], true);
  } else if (n >= 1) {
    using handler = void (imbrace_routes::*)(context&, const segments&);
    static const std::pair<std::string_view, handler> table[] = {
        {"folders", &imbrace_routes::route_folders},
        {"app-connections", &imbrace_routes::route_connections},
        {"pieces", &imbrace_routes::route_pieces},
        {"trigger-runs", &imbrace_routes::route_triggers},
        {"test-trigger", &imbrace_routes::route_triggers},
        {"trigger-events", &imbrace_routes::route_triggers},
        {"tables", &imbrace_routes::route_tables},
        {"fields", &imbrace_routes::route_fields},
        {"records", &imbrace_routes::route_records},
        {"mcp-servers", &imbrace_routes::route_mcp},
        {"user-invitations", &imbrace_routes::route_invitations},
        {"users", &imbrace_routes::route_projects},
    };
    for (const auto& [name, h] : table)
      if (seg[0] == name) return (this->*h)(c, seg);
  }
  c.not_found();
}

void imbrace_routes::list_flows(context& c) {
  const auto project = c.query.get("projectId");
  const auto folder = c.query.get("folderId");
  const auto status = c.query.get("status");
  if (status && *status != "ENABLED" && *status != "DISABLED")
    throw validation_error("querystring/status must be equal to one of the allowed values");
  // folderId=NULL selects the uncategorised flows, as upstream.
  const bool uncategorised = folder && *folder == "NULL";
  serve_page(c, &imbrace_state::flows, [&](const flow_record& f) {
    return (!project || f.project_id == *project) &&
           (!folder || (uncategorised ? !f.folder_id : f.folder_id && *f.folder_id == *folder)) &&
           (!status || f.status == *status);
  }, flow_to_json);
}

void imbrace_routes::create_flow(context& c) {
  const auto in = parse_json_object_body(c.req);
  const auto* name = in.if_contains("displayName");
  if (!name || !name->is_string()) throw validation_error("body must have required property 'displayName'");
  json::object body;
  {
    std::lock_guard lock(mutex_);
    auto& f = state_.create_flow(std::string(name->get_string()), optional_string(in, "projectId", "body"),
                                 optional_string(in, "folderId", "body"), now_ms());
    body = flow_to_json(f);
  }
  c.json(http::status::created, body);
}

void imbrace_routes::flow_by_id(context& c, const std::string& id) {
  const auto method = c.req.method();
  if (method != http::verb::get && method != http::verb::post && method != http::verb::delete_)
    return c.not_found();
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
      if (operation) state_.apply_operation(*f, *operation, now_ms());
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
  serve_page(c, &imbrace_state::runs, [&](const run_record& r) {
      if (flow && r.flow_id != *flow) return false;
      if (project && r.project_id != *project) return false;
      if (!statuses.empty() && !contains(statuses, r.status)) return false;
      if (after && r.created < *after) return false;
      if (before && r.created > *before) return false;
      // A run matches when it carries any of the requested tags.
      return tags.empty() || std::any_of(r.tags.begin(), r.tags.end(), [&](const auto& t) { return contains(tags, t); });
  }, [](const run_record& r) { return run_to_json(r, false); });
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

// Spec sections 8 and 17.8. Any method; no auth.
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
    boost::system::error_code ec;
    payload = json::parse(c.req.body(), ec);
    if (ec) payload = json::string(c.req.body());  // not JSON: the flow sees the raw text
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
    auto& run = state_.start_run(*f, std::move(trigger_output), now_ms());
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
  ])").as_array();
  const auto type = c.query.get("channelType");
  json::array data;
  for (const auto& item : items)
    if (!type || type->empty() || item.at("channelType").as_string() == *type) data.push_back(item);
  c.json(http::status::ok, json::object{{"data", std::move(data)}});
}

void imbrace_routes::schedule_finish(std::string run_id) {
  asio::post(strand_, [self = shared_from_this(), run_id = std::move(run_id)]() mutable {
    if (self->stopped_) return;
    auto timer = std::make_shared<asio::steady_timer>(self->strand_, self->options_.run_duration);
    self->timers_.insert(timer);
    timer->async_wait([self, timer, run_id = std::move(run_id)](boost::system::error_code ec) {
      self->timers_.erase(timer);
      if (ec) return;
      std::lock_guard lock(self->mutex_);
      self->state_.finish_run(run_id, now_ms());
    });
  });
}

void imbrace_routes::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    for (const auto& t : self->timers_) t->cancel();
  });
}

}  // namespace flowsdk::emulator::detail
