#include "tenex/routes.hpp"

#include "common/faults.hpp"
#include "common/route_table.hpp"
#include "tenex/schema.hpp"

#include <boost/json/serialize.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cmath>
#include <cstdio>

namespace flowsdk::emulator::detail {

using namespace tenex;

namespace {

constexpr std::string_view api_prefix = "/api/v1/flows";
constexpr std::string_view login_path = "/api/v1/users/login";
constexpr std::string_view control_prefix = "/_emulator/tenex/";

std::string base64url(std::string_view raw) {
  auto s = base64_encode(raw);
  while (!s.empty() && s.back() == '=') s.pop_back();
  for (auto& ch : s) ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
  return s;
}

std::optional<std::string> base64url_decode(std::string_view in) {
  std::string s(in);
  for (auto& ch : s) ch = ch == '-' ? '+' : ch == '_' ? '/' : ch;
  while (s.size() % 4 != 0) s += '=';
  return base64_decode(s);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &n);
  return std::string(reinterpret_cast<const char*>(out), n);
}

api_error unauthorized(std::string_view why) { return app_error(http::status::unauthorized, "unauthorized", why); }

json::object require_object_body(const http_request& req) {
  if (req.body().empty()) throw validation_error(json::array{"body"}, "Field required", "missing");
  auto v = parse_json(req.body());
  if (!v) throw validation_error(json::array{"body"}, "JSON decode error", "json_invalid");
  if (!v->is_object()) throw validation_error(json::array{"body"}, "Input should be a valid dictionary", "dict_type");
  return std::move(v->get_object());
}

}  // namespace

tenex_routes::tenex_routes(const vendor_context& ctx)
    : options_(ctx.options.tenex), clock_(ctx.clock), executor_(ctx.executor) {
  for (const auto& k : options_.api_keys) workspace_of(k.workspace);
  for (const auto& u : options_.users) workspace_of(u.workspace);
}

bool tenex_routes::owns(std::string_view path) const {
  if (path.starts_with(api_prefix) && (path.size() == api_prefix.size() || path[api_prefix.size()] == '/')) return true;
  return path == login_path || path.starts_with(control_prefix);
}

json::value tenex_routes::fault_body(http::status status) const {
  if (status == http::status::too_many_requests)
    return json::object{{"error", "rate_limited"}, {"message", injected_fault_message}};
  const auto code = status == http::status::internal_server_error                        ? "internal_error"
                    : static_cast<int>(status) >= 502 && static_cast<int>(status) <= 504 ? "upstream_unavailable"
                    : static_cast<int>(status) == 409                                    ? "conflict"
                                                                                         : "injected_fault";
  return json::object{{"detail", injected_fault_message}, {"code", code}};
}

void tenex_routes::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
}

tenex::workspace& tenex_routes::workspace_of(const std::string& id) {
  auto& ws = workspaces_[id];
  ws.id = id;
  return ws;
}

std::string tenex_routes::new_id(std::string_view prefix) {
  // A counter first, so that ids made in the same millisecond sort in creation order.
  const auto n = ++next_id_;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08llx%06llx", static_cast<unsigned long long>(n),
                static_cast<unsigned long long>((n * 0x9E3779B97F4A7C15ull) >> 40));
  return std::string(prefix) + buf;
}

void tenex_routes::handle(http_request& req, std::string_view path, std::string_view query, reply& out) {
  std::lock_guard lock(mutex_);
  context c{req, query_params(query), out, clock_->now()};
  try {
    if (path.starts_with(control_prefix)) return control(c, path);
    if (path == login_path) {
      if (req.method() != http::verb::post)
        throw api_error(http::status::method_not_allowed, json::object{{"detail", "Method Not Allowed"}});
      return login(c);
    }
    if (!rate_limit(c, authenticate(c))) return;
    auto seg = split_segments(path.substr(api_prefix.size()));
    route(c, seg);
  } catch (const api_error& e) {
    out.response = http_response{};
    out.stream = nullptr;
    set_json(out.response, e.status, e.body);
  }
}

std::string tenex_routes::authenticate(context& c) {
  const auto auth = c.req[http::field::authorization];
  if (auth.empty()) throw unauthorized("Not authenticated");
  constexpr std::string_view bearer = "bearer ";
  bool is_bearer = auth.size() > bearer.size();
  for (std::size_t k = 0; is_bearer && k < bearer.size(); ++k)
    is_bearer = std::tolower(static_cast<unsigned char>(auth[k])) == bearer[k];
  if (!is_bearer) throw unauthorized("Authorization must be 'Bearer <tnx_ key or JWT>'");
  const std::string token(auth.substr(bearer.size()));
  if (token.starts_with("tnx_")) {
    for (const auto& k : options_.api_keys)
      if (k.key == token) {
        c.ws = &workspace_of(k.workspace);
        return "key:" + token;
      }
    throw unauthorized("Invalid API key");
  }
  // A JWT of ours: header.payload.signature, HS256 with jwt_secret, not expired on the emulator clock.
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos) throw unauthorized("Could not validate credentials");
  const auto expected = base64url(hmac_sha256(options_.jwt_secret, std::string_view(token).substr(0, dot2)));
  const auto sig = token.substr(dot2 + 1);
  if (sig.size() != expected.size() || CRYPTO_memcmp(sig.data(), expected.data(), sig.size()) != 0)
    throw unauthorized("Could not validate credentials");
  const auto payload = base64url_decode(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  const auto claims = payload ? parse_json(*payload) : std::nullopt;
  if (!claims || !claims->is_object()) throw unauthorized("Could not validate credentials");
  const auto* exp = claims->get_object().if_contains("exp");
  const auto* ws = claims->get_object().if_contains("ws");
  if (!exp || !exp->is_int64() || !ws || !ws->is_string()) throw unauthorized("Could not validate credentials");
  if (exp->get_int64() * 1000 <= c.now) throw unauthorized("Token has expired");
  c.ws = &workspace_of(std::string(ws->get_string()));
  return "jwt:" + std::string(ws->get_string());
}

// A token bucket per credential on steady (real) time: a test that advances the emulator clock
// neither refills nor drains it.
bool tenex_routes::rate_limit(context& c, const std::string& key) {
  if (options_.rate_limit_per_minute <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  const double capacity = options_.rate_limit_per_minute;
  auto [it, fresh] = buckets_.try_emplace(key, bucket{capacity, now});
  auto& b = it->second;
  if (!fresh) {
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + elapsed * capacity / 60.0);
    b.last = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  const auto wait_s = static_cast<long long>(std::ceil((1 - b.tokens) * 60.0 / capacity));
  api_error e(
      http::status::too_many_requests,
      json::object{{"error", "rate_limited"},
                   {"message", "Rate limit of " + std::to_string(options_.rate_limit_per_minute) +
                                   " requests per minute exceeded; retry in " + std::to_string(wait_s) + " s"}});
  set_json(c.out.response, e.status, e.body);
  if (options_.rate_limit_retry_after)
    c.out.response.set(http::field::retry_after, std::to_string(std::max(1LL, wait_s)));
  return false;
}

std::string tenex_routes::issue_jwt(const std::string& email, const std::string& ws, epoch_ms now) const {
  const auto header = base64url(R"({"alg":"HS256","typ":"JWT"})");
  const auto iat = now / 1000;
  const auto payload = base64url(json::serialize(json::object{
      {"sub", email}, {"ws", ws}, {"iat", iat}, {"exp", iat + static_cast<long long>(options_.jwt_lifetime.count())}}));
  const auto signing_input = header + "." + payload;
  return signing_input + "." + base64url(hmac_sha256(options_.jwt_secret, signing_input));
}

void tenex_routes::login(context& c) {
  const auto body = require_object_body(c.req);
  json::array errors;
  for (std::string_view key : {"email", "password"}) {
    const auto* v = body.if_contains(key);
    if (!v)
      errors.push_back(validation_entry(json::array{"body", key}, "Field required", "missing"));
    else if (!v->is_string())
      errors.push_back(validation_entry(json::array{"body", key}, "Input should be a valid string", "string_type"));
  }
  if (!errors.empty()) throw validation_error(std::move(errors));
  const auto email = body.at("email").get_string().subview();
  const auto password = body.at("password").get_string().subview();
  for (const auto& u : options_.users)
    if (u.email == email && u.password == password)
      return set_json(c.out.response, http::status::ok,
                      json::object{{"access_token", issue_jwt(u.email, u.workspace, c.now)},
                                   {"token_type", "bearer"},
                                   {"expires_in", options_.jwt_lifetime.count()}});
  throw unauthorized("Incorrect email or password");
}

void tenex_routes::route(context& c, const segments& seg) {
  using table = route_table<tenex_routes, context>;
  using s_t = table::segments;
  using r = tenex_routes;
  constexpr auto get = http::verb::get, post = http::verb::post, put = http::verb::put, patch = http::verb::patch,
                 del = http::verb::delete_;
  static const table routes{
      {get, "templates", [](r& self, context& c, const s_t&) { self.list_templates(c); }},
      {get, "templates/{}", [](r& self, context& c, const s_t& s) { self.get_template(c, s[1]); }},
      {post, "templates/{}/instantiate", [](r& self, context& c, const s_t& s) { self.instantiate(c, s[1]); }},
      {get, "workflows", [](r& self, context& c, const s_t&) { self.list_workflows(c); }},
      {post, "workflows", [](r& self, context& c, const s_t&) { self.create_workflow(c); }},
      {get, "workflows/{}", [](r& self, context& c, const s_t& s) { self.get_workflow(c, s[1]); }},
      {patch, "workflows/{}", [](r& self, context& c, const s_t& s) { self.patch_workflow(c, s[1]); }},
      {put, "workflows/{}/graph", [](r& self, context& c, const s_t& s) { self.put_graph(c, s[1]); }},
      {post, "workflows/{}/archive", [](r& self, context& c, const s_t& s) { self.archive_workflow(c, s[1]); }},
      {get, "workflows/{}/versions", [](r& self, context& c, const s_t& s) { self.list_versions(c, s[1]); }},
      {get, "workflows/{}/versions/{}", [](r& self, context& c, const s_t& s) { self.get_version(c, s[1], s[3]); }},
      {post, "workflows/{}/versions/{}/activate",
       [](r& self, context& c, const s_t& s) { self.version_action(c, s[1], s[3], true); }},
      {post, "workflows/{}/versions/{}/archive",
       [](r& self, context& c, const s_t& s) { self.version_action(c, s[1], s[3], false); }},
      {post, "workflows/{}/runs", [](r& self, context& c, const s_t& s) { self.trigger_run(c, s[1]); }},
      {get, "runs", [](r& self, context& c, const s_t&) { self.list_runs(c); }},
      {get, "runs/{}", [](r& self, context& c, const s_t& s) { self.get_run(c, s[1]); }},
      {post, "runs/{}/pause", [](r& self, context& c, const s_t& s) { self.run_action(c, s[1], "pause"); }},
      {post, "runs/{}/resume", [](r& self, context& c, const s_t& s) { self.run_action(c, s[1], "resume"); }},
      {post, "runs/{}/cancel", [](r& self, context& c, const s_t& s) { self.run_action(c, s[1], "cancel"); }},
      {get, "runs/{}/steps", [](r& self, context& c, const s_t& s) { self.list_steps(c, s[1]); }},
      {get, "runs/{}/steps/{}", [](r& self, context& c, const s_t& s) { self.get_step(c, s[1], s[3]); }},
      {get, "runs/{}/events", [](r& self, context& c, const s_t& s) { self.serve_events(c, s[1]); }},
      {get, "triggers", [](r& self, context& c, const s_t&) { self.list_triggers(c); }},
      {post, "triggers", [](r& self, context& c, const s_t&) { self.create_trigger(c); }},
      {get, "triggers/{}", [](r& self, context& c, const s_t& s) { self.get_trigger(c, s[1]); }},
      {patch, "triggers/{}", [](r& self, context& c, const s_t& s) { self.patch_trigger(c, s[1]); }},
      {del, "triggers/{}", [](r& self, context& c, const s_t& s) { self.delete_trigger(c, s[1]); }},
      {post, "triggers/{}/test", [](r& self, context& c, const s_t& s) { self.test_trigger(c, s[1]); }},
  };
  const auto not_found_route = [] { return api_error(http::status::not_found, json::object{{"detail", "Not Found"}}); };
  for (const auto& s : seg)
    if (s.empty()) throw not_found_route();
  switch (routes.dispatch(*this, c, c.req.method(), seg)) {
    case table::outcome::handled:
      return;
    case table::outcome::wrong_method:
      throw api_error(http::status::method_not_allowed, json::object{{"detail", "Method Not Allowed"}});
    case table::outcome::no_route:
      throw not_found_route();
  }
}

// The control routes: outside the API, without credentials.
//   POST /_emulator/tenex/events      {workspace | key, event_type, data, source?} -> {event_id, runs, woken}
//   GET  /_emulator/tenex/deliveries  -> {items: [delivery]}   DELETE clears them
void tenex_routes::control(context& c, std::string_view path) {
  const auto method_not_allowed = [] {
    return api_error(http::status::method_not_allowed, json::object{{"detail", "Method Not Allowed"}});
  };
  if (path == "/_emulator/tenex/deliveries") {
    if (c.req.method() == http::verb::delete_) {
      deliveries_.clear();
      return set_empty(c.out.response, http::status::no_content);
    }
    if (c.req.method() != http::verb::get) throw method_not_allowed();
    json::array items;
    for (const auto& d : deliveries_) items.push_back(to_json(d));
    return set_json(c.out.response, http::status::ok, json::object{{"items", std::move(items)}});
  }
  if (path != "/_emulator/tenex/events")
    throw api_error(http::status::not_found, json::object{{"detail", "Not Found"}});
  if (c.req.method() != http::verb::post) throw method_not_allowed();
  const auto body = require_object_body(c.req);
  std::string ws_id;
  if (const auto* w = body.if_contains("workspace"); w && w->is_string()) ws_id = w->get_string();
  if (const auto* k = body.if_contains("key"); k && k->is_string())
    for (const auto& key : options_.api_keys)
      if (key.key == k->get_string().subview()) ws_id = key.workspace;
  if (ws_id.empty() || !workspaces_.count(ws_id))
    throw validation_error(json::array{"body", "workspace"}, "a known workspace, or the key of one, is required");
  const auto* type = body.if_contains("event_type");
  if (!type || !type->is_string() || type->get_string().empty())
    throw validation_error(json::array{"body", "event_type"}, "Field required", "missing");
  const auto* data = body.if_contains("data");
  if (data && !data->is_object())
    throw validation_error(json::array{"body", "data"}, "Input should be a valid dictionary", "dict_type");
  std::string source;
  if (const auto* s = body.if_contains("source"); s && s->is_string()) source = s->get_string();

  auto& ws = workspace_of(ws_id);
  const std::string event_id = "evt_" + new_id("");
  const std::string event_type(type->get_string());
  json::object event{{"id", event_id}, {"type", event_type}, {"data", data ? *data : json::object{}}};
  json::array runs;
  for (auto& [id, t] : ws.triggers) {
    if (!t.enabled || t.target_type != "workflow" || t.source == "schedule") continue;
    if (!(t.event_type == json::value(event_type)) || (!source.empty() && t.source != source)) continue;
    if (!trigger_matches(t, event)) continue;
    const auto wit =
        t.workflow_id.is_string() ? ws.workflows.find(std::string(t.workflow_id.get_string())) : ws.workflows.end();
    if (wit == ws.workflows.end() || wit->second.status != "active" || !wit->second.active_version) continue;
    auto& w = wit->second;
    const auto& v = *w.find_version(*w.active_version);
    auto input = mapped_input(t, event);
    json::array errors;
    validate_schema(v.input_schema, input, json::array{"body", "input"}, errors);
    if (!errors.empty()) continue;  // an event the workflow cannot take starts nothing
    json::object trig{{"type", t.source == "crm" ? "crm_event" : "connector_event"},
                      {"source", t.source},
                      {"trigger_id", t.id},
                      {"event_id", event_id}};
    runs.push_back(json::string(start_run(ws, w, v, std::move(input), std::move(trig), c.now).id));
  }
  const int woken = wake_waiters(ws, event_type, event, c.now);
  set_json(c.out.response, http::status::accepted,
           json::object{{"event_id", event_id}, {"runs", std::move(runs)}, {"woken", woken}});
}

}  // namespace flowsdk::emulator::detail
