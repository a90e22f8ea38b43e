#include "cloudflare/routes.hpp"

#include "common/faults.hpp"
#include "common/route_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace flowsdk::emulator::detail {

using namespace cf;

namespace {

constexpr std::string_view client_prefix = "/client/v4";
constexpr std::string_view accounts_prefix = "/accounts/";

// ---------------------------------------------------------------------------------------------
// Envelope

void send_success(reply& out, json::value result, std::optional<json::object> result_info = std::nullopt) {
  json::object body{
      {"success", true}, {"errors", json::array{}}, {"messages", json::array{}}, {"result", std::move(result)}};
  if (result_info) body["result_info"] = std::move(*result_info);
  set_json(out.response, http::status::ok, body);
}

api_error cf_route_not_found(const http_request& req, std::string_view path) {
  return cf_error(http::status::not_found, code::route_not_found,
                  "workflows.api.error.route_not_found: no route for " + std::string(req.method_string()) + " " +
                      std::string(path));
}

api_error method_not_allowed(const http_request& req) {
  return cf_error(
      http::status::method_not_allowed, code::method_not_allowed,
      "workflows.api.error.method_not_allowed: " + std::string(req.method_string()) + " is not allowed on this path");
}

// ---------------------------------------------------------------------------------------------
// Request parsing

json::value parse_body(const http_request& req, bool empty_is_object) {
  if (req.body().empty()) {
    if (empty_is_object) return json::object{};
    throw bad_request("a JSON request body is required");
  }
  auto v = parse_json(req.body());
  if (!v) throw bad_request("the request body is not valid JSON");
  return std::move(*v);
}

json::object parse_object_body(const http_request& req, bool empty_is_object) {
  auto v = parse_body(req, empty_is_object);
  if (!v.is_object()) throw bad_request("the request body must be a JSON object");
  return std::move(v.get_object());
}

std::optional<long long> query_int(const query_params& q, std::string_view key, long long min, long long max) {
  const auto v = q.get(key);
  if (!v) return std::nullopt;
  const auto n = parse_integer(*v);
  if (!n || *n < min || *n > max)
    throw bad_request(std::string(key) + " must be an integer between " + std::to_string(min) + " and " +
                      std::to_string(max));
  return n;
}

std::size_t per_page(const query_params& q, std::size_t fallback) {
  return static_cast<std::size_t>(query_int(q, "per_page", 1, 100).value_or(static_cast<long long>(fallback)));
}

std::string_view str(const json::string& s) { return {s.data(), s.size()}; }

std::string required_string(const json::object& o, std::string_view key, std::size_t max_len) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->get_string().empty() || v->get_string().size() > max_len)
    throw bad_request(std::string(key) + " is required: a string of 1.." + std::to_string(max_len) + " characters");
  return std::string(str(v->get_string()));
}

epoch_ms duration_field(const json::value& v, const std::string& where) {
  const auto d = parse_duration(v);
  if (!d) throw bad_request(where + " must be a number of milliseconds or a duration such as \"5 minutes\"");
  return *d;
}

/// A Retention object; members that are absent or null stay unset.
retention parse_retention(const json::value& v, const std::string& where) {
  if (!v.is_object()) throw bad_request(where + " must be an object");
  retention r;
  for (const auto& [key, value] : v.get_object()) {
    if (key != "error_retention" && key != "success_retention")
      throw bad_request(where + " has an unknown member '" + std::string(key) + "'");
    if (value.is_null()) continue;
    const auto ms = duration_field(value, where + "." + std::string(key));
    (key == "error_retention" ? r.error_retention : r.success_retention) = ms;
  }
  return r;
}

bool id_char(char c, bool first) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (!first && c == '-');
}

void validate_instance_id(const std::string& id, const std::string& where) {
  bool ok = !id.empty() && id.size() <= 100;
  for (std::size_t k = 0; ok && k < id.size(); ++k) ok = id_char(id[k], k == 0);
  if (!ok) throw bad_request(where + " must match ^[a-zA-Z0-9_][a-zA-Z0-9-_]*$ and have at most 100 characters");
  if (id == "batch" || id == "terminate") throw bad_request(where + " '" + id + "' is reserved");
  if (id.size() == 67 && id.starts_with("cf_") &&
      std::all_of(id.begin() + 3, id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    throw bad_request(where + ": ids of the form cf_<64 hex digits> are reserved");
}

constexpr std::string_view location_hints[] = {"wnam", "weur", "enam", "eeur",    "apac",   "oc",
                                               "sam",  "afr",  "me",   "apac-ne", "apac-se"};

cf_state::create_args parse_create(const json::value& v, const std::string& where) {
  if (!v.is_object()) throw bad_request(where + " must be an object");
  const auto& o = v.get_object();
  cf_state::create_args a;
  if (const auto* id = o.if_contains("instance_id"); id && !id->is_null()) {
    if (!id->is_string()) throw bad_request(where + ".instance_id must be a string");
    a.id = std::string(str(id->get_string()));
    validate_instance_id(*a.id, where + ".instance_id");
  }
  if (const auto* p = o.if_contains("params")) {
    a.params = *p;
    // The 7.1+ SDK sends params JSON-encoded; store the value it encodes.
    if (p->is_string())
      if (auto parsed = parse_json(str(p->get_string()))) a.params = std::move(*parsed);
  }
  if (const auto* r = o.if_contains("instance_retention"); r && !r->is_null())
    a.keep = parse_retention(*r, where + ".instance_retention");
  if (const auto* h = o.if_contains("location_hint"); h && !h->is_null()) {
    if (!h->is_string() || std::find(std::begin(location_hints), std::end(location_hints), str(h->get_string())) ==
                               std::end(location_hints))
      throw bad_request(
          where + ".location_hint must be one of wnam, weur, enam, eeur, apac, oc, sam, afr, me, apac-ne, apac-se");
  }
  return a;
}

json::object page_info(std::size_t page, std::size_t per, std::size_t count, std::size_t total) {
  return json::object{{"page", page},
                      {"per_page", per},
                      {"count", count},
                      {"total_count", total},
                      {"total_pages", (total + per - 1) / per}};
}

// Instance-list cursors: URL-safe base64 without padding of "v1:<created ms>:<id>", the
// (created_on, id) of the last item; safe in a query string even when a client does not encode it.
std::string encode_list_cursor(const std::pair<epoch_ms, std::string>& key) {
  auto token = base64_encode("v1:" + std::to_string(key.first) + ":" + key.second);
  while (!token.empty() && token.back() == '=') token.pop_back();
  for (auto& ch : token) ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
  return token;
}

std::optional<std::pair<epoch_ms, std::string>> decode_list_cursor(std::string_view token) {
  std::string std_token(token);
  for (auto& ch : std_token) ch = ch == '-' ? '+' : ch == '_' ? '/' : ch;
  while (std_token.size() % 4 != 0) std_token += '=';
  const auto raw = base64_decode(std_token);
  if (!raw || !raw->starts_with("v1:")) return std::nullopt;
  const std::string_view rest = std::string_view(*raw).substr(3);
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  epoch_ms t = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + colon, t);
  if (ec != std::errc{} || end != rest.data() + colon) return std::nullopt;
  return std::pair{t, std::string(rest.substr(colon + 1))};
}

json::object status_result(status s, epoch_ms now) {
  return json::object{{"status", to_string(s)}, {"timestamp", format_iso8601(now)}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------

cloudflare_routes::cloudflare_routes(const vendor_context& ctx)
    : options_(ctx.options.cloudflare),
      clock_(ctx.clock),
      state_(engine_options{options_.time_scale, ctx.options.seed, ctx.options.random_seed}) {}

bool cloudflare_routes::owns(std::string_view path) const {
  if (path.starts_with(client_prefix) && (path.size() == client_prefix.size() || path[client_prefix.size()] == '/'))
    return true;
  if (!path.starts_with(accounts_prefix)) return false;
  const auto rest = path.substr(accounts_prefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return false;
  const auto tail = rest.substr(slash + 1);
  return tail.starts_with("workflows") && (tail.size() == 9 || tail[9] == '/');
}

json::value cloudflare_routes::fault_body(http::status status) const {
  return failure_body(static_cast<int>(status), injected_fault_message);
}

void cloudflare_routes::seed(seed_data& out) {
  out.cloudflare.workflow_name = seed_workflow;
  for (int k = 1; k <= seed_instance_count; ++k) out.cloudflare.instance_ids.push_back(seed_instance_id(k));
}

bool cloudflare_routes::authenticated(const http_request& req, std::string& problem) const {
  const auto auth = req[http::field::authorization];
  const auto email = req["x-auth-email"];
  const auto key = req["x-auth-key"];
  const auto service = req["x-auth-user-service-key"];
  if (!auth.empty()) {
    constexpr std::string_view bearer = "bearer ";
    bool is_bearer = auth.size() > bearer.size();
    for (std::size_t k = 0; is_bearer && k < bearer.size(); ++k)
      is_bearer = std::tolower(static_cast<unsigned char>(auth[k])) == bearer[k];
    if (is_bearer && contains(options_.api_tokens, auth.substr(bearer.size()))) return true;
  }
  if (!email.empty() && !key.empty() && email == options_.api_email && key == options_.api_key) return true;
  if (!service.empty() && contains(options_.user_service_keys, service)) return true;

  if (auth.empty() && email.empty() && key.empty() && service.empty())
    problem = "no credentials: send Authorization: Bearer <token>, or X-Auth-Email with X-Auth-Key";
  else if (auth.empty() && service.empty() && (email.empty() || key.empty()))
    problem = "X-Auth-Email and X-Auth-Key must be sent together";
  else
    problem = "unknown or invalid credentials";
  return false;
}

void cloudflare_routes::handle(http_request& req, std::string_view path, std::string_view query, reply& out) {
  if (std::string problem; !authenticated(req, problem))
    return set_json(out.response, http::status::unauthorized,
                    failure_body(code::authentication, "Authentication error", {problem}));
  const auto rest = path.starts_with(client_prefix) ? path.substr(client_prefix.size()) : path;
  const auto seg = split_segments(rest);
  std::lock_guard lock(mutex_);
  context c{req, query_params(query), out, clock_->now()};
  try {
    state_.run_due(c.now);
    if (seg.size() < 3 || seg[0] != "accounts" || seg[2] != "workflows" || seg[1].empty())
      throw cf_route_not_found(req, path);
    c.acct = &state_.get_account(seg[1], c.now);
    route(c, std::vector<std::string>(seg.begin() + 3, seg.end()));
  } catch (const api_error& e) {
    out.response = http_response{};
    set_json(out.response, e.status, e.body);
  }
  arm(state_.next_due());
}

void cloudflare_routes::route(context& c, const std::vector<std::string>& rest) {
  using table = route_table<cloudflare_routes, context>;
  using seg = table::segments;
  using r = cloudflare_routes;
  constexpr auto get = http::verb::get, post = http::verb::post, put = http::verb::put, patch = http::verb::patch,
                 del = http::verb::delete_, any = table::any_method;
  const auto not_found = [](r&, context& c, const seg&) { throw cf_route_not_found(c.req, c.req.target()); };
  // Literal segments come before "{}" in the same place: settings, instances/batch, instances/terminate.
  static const table routes{
      {get, "", [](r& self, context& c, const seg&) { self.list_workflows(c); }},
      {get, "settings", [](r& self, context& c, const seg&) { self.get_settings(c); }},
      {patch, "settings", [](r& self, context& c, const seg&) { self.patch_settings(c); }},
      {put, "settings", [](r& self, context& c, const seg& s) { self.put_workflow(c, s[0]); }},  // 400: reserved
      {put, "{}", [](r& self, context& c, const seg& s) { self.put_workflow(c, s[0]); }},
      {get, "{}", [](r& self, context& c, const seg& s) { self.get_workflow(c, s[0]); }},
      {del, "{}", [](r& self, context& c, const seg& s) { self.delete_workflow(c, s[0]); }},
      {get, "{}/instances",
       [](r& self, context& c, const seg& s) { self.list_instances(c, self.find_workflow(c, s[0])); }},
      {post, "{}/instances",
       [](r& self, context& c, const seg& s) { self.create_instance(c, self.find_workflow(c, s[0])); }},
      {post, "{}/instances/batch",
       [](r& self, context& c, const seg& s) { self.batch_create(c, self.find_workflow(c, s[0])); }},
      {post, "{}/instances/batch/delete",
       [](r& self, context& c, const seg& s) { self.batch_delete(c, self.find_workflow(c, s[0])); }},
      {post, "{}/instances/batch/terminate",
       [](r& self, context& c, const seg& s) { self.batch_terminate(c, self.find_workflow(c, s[0])); }},
      {any, "{}/instances/batch/*", not_found},
      {get, "{}/instances/terminate", [](r& self, context& c, const seg& s) { self.terminate_job_status(c, s[0]); }},
      {get, "{}/instances/{}",
       [](r& self, context& c, const seg& s) {
         self.get_instance(c, self.find_instance(c, self.find_workflow(c, s[0]), s[2]));
       }},
      {del, "{}/instances/{}", [](r& self, context& c, const seg& s) { self.delete_instance(c, s[0], s[2]); }},
      {get, "{}/instances/{}/step",
       [](r& self, context& c, const seg& s) {
         self.step_output(c, self.find_instance(c, self.find_workflow(c, s[0]), s[2]));
       }},
      {patch, "{}/instances/{}/status",
       [](r& self, context& c, const seg& s) {
         self.change_status(c, self.find_instance(c, self.find_workflow(c, s[0]), s[2]));
       }},
      {post, "{}/instances/{}/events/{}",
       [](r& self, context& c, const seg& s) {
         if (s[4].size() > 100) throw bad_request("event_type must have 1..100 characters");
         self.send_event(c, self.find_instance(c, self.find_workflow(c, s[0]), s[2]), s[4]);
       }},
      {get, "{}/versions",
       [](r& self, context& c, const seg& s) { self.list_versions(c, self.find_workflow(c, s[0])); }},
      {get, "{}/versions/{}", [](r& self, context& c, const seg& s) { self.get_version(c, s[0], s[2], {}); }},
      {get, "{}/versions/{}/graph",
       [](r& self, context& c, const seg& s) { self.get_version(c, s[0], s[2], "graph"); }},
      {get, "{}/versions/{}/dag", [](r& self, context& c, const seg& s) { self.get_version(c, s[0], s[2], "dag"); }},
  };
  for (const auto& s : rest)
    if (s.empty()) throw cf_route_not_found(c.req, c.req.target());
  switch (routes.dispatch(*this, c, c.req.method(), rest)) {
    case table::outcome::handled:
      return;
    case table::outcome::wrong_method:
      throw method_not_allowed(c.req);
    case table::outcome::no_route:
      throw cf_route_not_found(c.req, c.req.target());
  }
}

void cloudflare_routes::get_workflow(context& c, const std::string& name) {
  send_success(c.out, state_.workflow_json(find_workflow(c, name), c.now));
}

void cloudflare_routes::delete_workflow(context& c, const std::string& name) {
  find_workflow(c, name);
  state_.delete_workflow(*c.acct, name);
  send_success(c.out, json::object{{"status", "ok"}, {"success", true}});
}

void cloudflare_routes::terminate_job_status(context& c, const std::string& name) {
  auto& w = find_workflow(c, name);
  send_success(c.out, json::object{{"status", w.job_running ? "running" : "not_running"}});
}

void cloudflare_routes::delete_instance(context& c, const std::string& name, const std::string& id) {
  auto& w = find_workflow(c, name);
  find_instance(c, w, id);
  state_.delete_instance(w, id);
  send_success(c.out, json::object{{"instanceId", id}, {"timestamp", format_iso8601(c.now)}});
}

// GET versions/{id}, and its graph or dag (`view`) when set.
void cloudflare_routes::get_version(context& c, const std::string& name, const std::string& id, std::string_view view) {
  auto& w = find_workflow(c, name);
  const auto& v = options_.permissive && std::none_of(w.versions.begin(), w.versions.end(),
                                                      [&](const version& x) { return x.id == id; })
                      ? w.versions.back()
                      : state_.get_version(w, id);
  if (view.empty()) return send_success(c.out, state_.version_json(w, v));
  json::object o{{"id", v.id},
                 {"workflow_id", w.id},
                 {"class_name", v.class_name},
                 {"created_on", format_iso8601(v.created)},
                 {"modified_on", format_iso8601(v.created)}};
  if (view == "graph")
    o["graph"] = json::object{{"version", 1}, {"workflow", script_graph(*find_script(v.script_name), v.class_name)}};
  else
    o["dag"] = nullptr;  // has_dag is false for every version the emulator makes
  send_success(c.out, std::move(o));
}

// Permissive mode (the SDK's generated fixtures) makes up the workflows and instances it is asked for.
workflow& cloudflare_routes::find_workflow(context& c, const std::string& name) {
  if (options_.permissive && !c.acct->workflows.count(name) && name != "settings" && name.size() <= 64)
    return state_.put_workflow(*c.acct, name, name, name, std::nullopt, std::nullopt, std::nullopt, c.now);
  return state_.get_workflow(*c.acct, name);
}

instance& cloudflare_routes::find_instance(context& c, workflow& w, const std::string& id) {
  if (options_.permissive && !w.instances.count(id)) {
    try {
      validate_instance_id(id, "instance_id");
      cf_state::create_args a;
      a.id = id;
      std::vector<cf_state::create_args> one;
      one.push_back(std::move(a));
      return *state_.create_instances(w, std::move(one), c.now).front();
    } catch (const api_error&) {
      // not an id one could create: 404 below
    }
  }
  return state_.get_instance(w, id);
}

// ---------------------------------------------------------------------------------------------
// Workflows and settings

void cloudflare_routes::list_workflows(context& c) {
  const auto page = static_cast<std::size_t>(query_int(c.query, "page", 1, 1'000'000'000).value_or(1));
  const auto per = per_page(c.query, 10);
  const auto search = c.query.get("search");
  if (search && search->size() > 64) throw bad_request("search must have at most 64 characters");
  std::vector<const workflow*> hits;
  for (const auto& [name, w] : c.acct->workflows)  // ordered by name
    if (!search || name.find(*search) != std::string::npos) hits.push_back(w.get());
  json::array items;
  const auto first = (page - 1) * per;
  for (std::size_t k = first; k < hits.size() && k < first + per; ++k)
    items.emplace_back(state_.workflow_json(*hits[k], c.now));
  const auto count = items.size();
  send_success(c.out, std::move(items), page_info(page, per, count, hits.size()));
}

void cloudflare_routes::put_workflow(context& c, const std::string& name) {
  if (name.size() > 64) throw bad_request("workflow_name must have 1..64 characters");
  if (name == "settings") throw bad_request("'settings' is reserved and cannot name a workflow");
  const auto body = parse_object_body(c.req, false);
  auto class_name = required_string(body, "class_name", 255);
  auto script_name = required_string(body, "script_name", 255);
  std::optional<retention> keep;
  if (const auto* r = body.if_contains("default_retention"); r && !r->is_null())
    keep = parse_retention(*r, "default_retention");
  std::optional<int> max_steps;
  if (const auto* l = body.if_contains("limits"); l && !l->is_null()) {
    if (!l->is_object()) throw bad_request("limits must be an object");
    if (const auto* s = l->get_object().if_contains("steps"); s && !s->is_null()) {
      if (!s->is_int64() || s->get_int64() < 1 || s->get_int64() > 1'000'000)
        throw bad_request("limits.steps must be an integer >= 1");
      max_steps = static_cast<int>(s->get_int64());
    }
  }
  std::optional<std::vector<std::string>> schedules;
  if (const auto* s = body.if_contains("schedules"); s && !s->is_null()) {
    if (!s->is_array() || s->get_array().size() > 200) throw bad_request("schedules must be an array of at most 200");
    schedules.emplace();
    for (const auto& e : s->get_array()) {
      const auto* cron = e.is_object() ? e.get_object().if_contains("cron") : nullptr;
      if (!cron || !cron->is_string() || cron->get_string().empty() || cron->get_string().size() > 256)
        throw bad_request("schedules[].cron must be a string of 1..256 characters");
      schedules->emplace_back(str(cron->get_string()));
    }
  }
  auto& w = state_.put_workflow(*c.acct, name, std::move(class_name), std::move(script_name), keep, max_steps,
                                std::move(schedules), c.now);
  send_success(c.out, state_.put_result_json(w));
}

void cloudflare_routes::get_settings(context& c) {
  send_success(c.out, json::object{{"default_retention", c.acct->settings.to_json()}});
}

void cloudflare_routes::patch_settings(context& c) {
  const auto body = parse_object_body(c.req, true);
  auto merged = c.acct->settings;
  if (const auto* r = body.if_contains("default_retention")) {
    if (r->is_null()) {
      merged = retention{};
    } else {
      if (!r->is_object()) throw bad_request("default_retention must be an object");
      for (const auto& [key, value] : r->get_object()) {
        if (key != "error_retention" && key != "success_retention")
          throw bad_request("default_retention has an unknown member '" + std::string(key) + "'");
        auto& slot = key == "error_retention" ? merged.error_retention : merged.success_retention;
        if (value.is_null())
          slot.reset();
        else
          slot = duration_field(value, "default_retention." + std::string(key));
      }
    }
  }
  c.acct->settings = merged;
  get_settings(c);
}

// ---------------------------------------------------------------------------------------------
// Instances

void cloudflare_routes::list_instances(context& c, workflow& w) {
  const auto per = per_page(c.query, 50);
  const bool lax = options_.permissive;
  const auto page = query_int(c.query, "page", 1, 1'000'000'000);
  auto cursor_text = c.query.get("cursor");
  if (page && cursor_text && lax) cursor_text.reset();  // the TS SDK sends both on its 2nd page
  if (page && cursor_text) throw bad_request("page and cursor are mutually exclusive");
  std::optional<std::pair<epoch_ms, std::string>> cursor;
  if (cursor_text) {
    cursor = decode_list_cursor(*cursor_text);
    if (!cursor && !lax) throw bad_request("cursor is not a cursor this server issued");
  }
  bool desc = true;
  if (const auto d = c.query.get("direction")) {
    if (*d != "asc" && *d != "desc") throw bad_request("direction must be asc or desc");
    desc = *d == "desc";
  }
  std::optional<status> want;
  if (const auto s = c.query.get("status")) {
    want = parse_status(*s);
    if (!want) throw bad_request("status must be an instance status");
  }
  auto date = [&](std::string_view key) -> std::optional<epoch_ms> {
    const auto v = c.query.get(key);
    if (!v) return std::nullopt;
    const auto t = parse_iso8601(*v);
    if (!t && !lax) throw bad_request(std::string(key) + " must be a date-time");
    return t;
  };
  const auto from = date("date_start");
  const auto to = date("date_end");
  const bool filtered = want || from || to;
  auto keep = [&](const std::pair<epoch_ms, std::string>& k, const instance*& out) {
    if ((from && k.first < *from) || (to && k.first > *to)) return false;
    const auto* i = w.instances.find(k.second)->second.get();
    if (want && i->current_status() != *want) return false;
    out = i;
    return true;
  };

  // One walk over the (created, id) index in the requested direction, from the cursor on.
  std::size_t skip = page ? (*page - 1) * per : 0;
  std::vector<const instance*> items;
  std::pair<epoch_ms, std::string> last;
  bool more = false;
  auto visit = [&](const std::pair<epoch_ms, std::string>& k) {
    const instance* i = nullptr;
    if (!keep(k, i)) return true;
    if (skip > 0) return --skip, true;
    if (items.size() == per) return more = true, false;
    items.push_back(i);
    last = k;
    return true;
  };
  const auto& idx = w.by_created;
  if (desc) {
    auto it = cursor ? idx.lower_bound(*cursor) : idx.end();
    while (it != idx.begin())
      if (!visit(*--it)) break;
  } else {
    for (auto it = cursor ? idx.upper_bound(*cursor) : idx.begin(); it != idx.end(); ++it)
      if (!visit(*it)) break;
  }

  std::size_t total = idx.size();
  if (filtered) {
    total = 0;
    for (const auto& k : idx) {
      const instance* i = nullptr;
      total += keep(k, i);
    }
  }
  json::array result;
  result.reserve(items.size());
  for (const auto* i : items) result.emplace_back(state_.instance_summary_json(*i));
  json::object info;
  if (page) {
    info = page_info(static_cast<std::size_t>(*page), per, items.size(), total);
  } else {
    // Cursor mode. A first request (neither page nor cursor) also reads as page 1.
    if (!cursor) info = page_info(1, per, items.size(), total);
    info["per_page"] = per;
    info["count"] = items.size();
    info["total_count"] = total;
    if (more) info["cursor"] = encode_list_cursor(last);
  }
  send_success(c.out, std::move(result), std::move(info));
}

void cloudflare_routes::create_instance(context& c, workflow& w) {
  const auto body = parse_body(c.req, true);
  std::vector<cf_state::create_args> args;
  args.push_back(parse_create(body, "body"));
  if (options_.permissive && args.front().id && w.instances.count(*args.front().id))
    return send_success(c.out, state_.instance_created_json(*w.instances.at(*args.front().id)));
  const auto made = state_.create_instances(w, std::move(args), c.now);
  send_success(c.out, state_.instance_created_json(*made.front()));
}

void cloudflare_routes::batch_create(context& c, workflow& w) {
  if (options_.permissive && c.req.body().empty()) return send_success(c.out, json::array{});
  const auto body = parse_body(c.req, false);
  if (!body.is_array() || body.get_array().empty() || body.get_array().size() > 100)
    throw bad_request("the body must be an array of 1..100 instance definitions");
  std::vector<cf_state::create_args> args;
  const auto& arr = body.get_array();
  for (std::size_t k = 0; k < arr.size(); ++k) args.push_back(parse_create(arr[k], "[" + std::to_string(k) + "]"));
  if (options_.permissive) {
    // Ids that exist already answer with the existing instance, in place.
    std::vector<cf_state::create_args> fresh;
    std::vector<const instance*> slots;
    for (auto& a : args) {
      if (a.id && w.instances.count(*a.id)) {
        slots.push_back(w.instances.at(*a.id).get());
      } else {
        slots.push_back(nullptr);
        fresh.push_back(std::move(a));
      }
    }
    auto made = state_.create_instances(w, std::move(fresh), c.now);
    json::array result;
    std::size_t next = 0;
    for (const auto* i : slots) result.emplace_back(state_.instance_created_json(i ? *i : *made[next++]));
    return send_success(c.out, std::move(result));
  }
  const auto made = state_.create_instances(w, std::move(args), c.now);
  json::array result;
  for (const auto* i : made) result.emplace_back(state_.instance_created_json(*i));
  send_success(c.out, std::move(result));
}

namespace {

std::vector<std::string> id_list(const json::value& v, const std::string& where) {
  if (!v.is_array() || v.get_array().empty() || v.get_array().size() > 100)
    throw bad_request(where + " must be an array of 1..100 instance ids");
  std::vector<std::string> ids;
  for (const auto& e : v.get_array()) {
    if (!e.is_string() || e.get_string().empty()) throw bad_request(where + " must hold non-empty strings");
    ids.emplace_back(str(e.get_string()));
  }
  return ids;
}

}  // namespace

void cloudflare_routes::batch_delete(context& c, workflow& w) {
  const auto body = parse_object_body(c.req, false);
  const auto* list = body.if_contains("instances");
  if (!list) throw bad_request("instances is required");
  json::array deleted, errors;
  for (const auto& id : id_list(*list, "instances")) {
    if (w.instances.count(id)) {
      state_.delete_instance(w, id);
      deleted.emplace_back(json::object{{"id", id}});
    } else {
      errors.emplace_back(json::object{
          {"id", id}, {"code", code::instance_not_found}, {"message", "workflows.api.error.instance.not_found"}});
    }
  }
  send_success(c.out, json::object{{"deleted", std::move(deleted)}, {"errors", std::move(errors)}});
}

void cloudflare_routes::batch_terminate(context& c, workflow& w) {
  auto ids = id_list(parse_body(c.req, false), "the body");
  const auto n = state_.start_terminate_job(w, std::move(ids), c.now);
  send_success(c.out, json::object{{"instancesTerminated", n.value_or(0)}, {"status", n ? "ok" : "already_running"}});
}

void cloudflare_routes::get_instance(context& c, instance& i) {
  bool simple = false, desc = false;
  if (const auto s = c.query.get("simple")) {
    if (*s != "true" && *s != "false") throw bad_request("simple must be true or false");
    simple = *s == "true";
  }
  if (const auto o = c.query.get("order")) {
    if (*o != "asc" && *o != "desc") throw bad_request("order must be asc or desc");
    desc = *o == "desc";
  }
  send_success(c.out, state_.instance_details_json(i, simple, desc));
}

void cloudflare_routes::step_output(context& c, instance& i) {
  const auto name = c.query.get("name");
  if (!name || name->empty()) throw bad_request("name is required");
  const auto type = c.query.get("type");
  if (!type || (*type != "step" && *type != "waitForEvent")) throw bad_request("type must be step or waitForEvent");
  const bool wait = *type == "waitForEvent";
  const auto attempt = query_int(c.query, "attempt", 1, 1'000'000);
  if (attempt && wait) throw bad_request("attempt cannot be used with type=waitForEvent");

  const auto want = wait ? step_rec::kind::wait_event : step_rec::kind::step;
  const step_rec* s = nullptr;
  for (const auto& r : i.steps)
    if (r.type == want && r.name == *name) {
      s = &r;
      break;
    }
  if (!s && options_.permissive)
    return send_success(
        c.out, json::object{{"status", to_string(i.current_status())}, {"error", nullptr}, {"output", nullptr}});
  if (!s)
    throw cf_error(
        http::status::not_found, code::step_not_found,
        "workflows.api.error.step.not_found: no " + std::string(*type) + " named '" + std::string(*name) + "'");
  const auto& def = i.program->steps[s->def];
  json::object result;
  if (wait) {
    const auto st = s->finished ? status::complete : s->error ? status::errored : status::waiting;
    result["status"] = to_string(st);
    result["error"] = s->error ? json::value(json::object{{"name", s->error->name}, {"message", s->error->message}})
                               : json::value(nullptr);
    result["output"] = s->output ? *s->output : json::value(nullptr);
    result["event_type"] = def.event_type;
    return send_success(c.out, std::move(result));
  }

  // A do step: the step as a whole, or one attempt.
  std::optional<bool> success = s->success;
  std::optional<error_info> error;
  if (attempt) {
    if (*attempt > static_cast<long long>(s->attempts.size()))
      throw cf_error(http::status::not_found, code::attempt_not_found,
                     "workflows.api.error.step.attempt_not_found: step '" + s->name + "' has " +
                         std::to_string(s->attempts.size()) + " attempt(s)");
    const auto& a = s->attempts[static_cast<std::size_t>(*attempt - 1)];
    success = a.success;
    error = a.error;
  } else if (!s->attempts.empty() && s->attempts.back().error) {
    error = s->attempts.back().error;  // failed, or retrying after a failure
  }
  if (success == true && def.streaming) {
    auto& res = c.out.response;
    res.result(http::status::ok);
    res.set(http::field::content_type, "application/octet-stream");
    res.body() = def.stream_bytes;
    res.content_length(res.body().size());
    return;
  }
  const auto st = success == true ? status::complete : success == false ? status::errored : status::running;
  result["status"] = to_string(st);
  result["error"] = error && success != true
                        ? json::value(json::object{{"name", error->name}, {"message", error->message}})
                        : json::value(nullptr);
  json::value output = nullptr;
  if (success == true && s->output) output = def.sensitive ? json::value("[REDACTED]") : *s->output;
  result["output"] = std::move(output);
  send_success(c.out, std::move(result));
}

void cloudflare_routes::change_status(context& c, instance& i) {
  const auto body = parse_object_body(c.req, false);
  const auto* st = body.if_contains("status");
  if (!st || !st->is_string()) throw bad_request("status is required: pause, resume, terminate or restart");
  const auto action = str(st->get_string());
  if (action != "pause" && action != "resume" && action != "terminate" && action != "restart")
    throw bad_request("status must be pause, resume, terminate or restart");
  const auto* rollback = body.if_contains("rollback");
  if (rollback && !rollback->is_null()) {
    if (action != "terminate") throw bad_request("rollback is only valid when terminating");
    if (!rollback->is_bool()) throw bad_request("rollback must be a boolean");
  }
  const auto* from = body.if_contains("from");
  if (from && !from->is_null() && action != "restart") throw bad_request("from is only valid when restarting");

  status result = status::queued;
  if (action == "pause") {
    result = state_.pause(i, c.now);
  } else if (action == "resume") {
    result = state_.resume(i, c.now);
  } else if (action == "terminate") {
    result = state_.terminate(i, rollback && rollback->is_bool() && rollback->get_bool(), c.now);
  } else {
    std::optional<cf_state::restart_from> where;
    if (from && !from->is_null()) {
      if (!from->is_object()) throw bad_request("from must be an object");
      const auto& f = from->get_object();
      where.emplace();
      where->name = required_string(f, "name", 256);
      if (const auto* n = f.if_contains("count"); n && !n->is_null()) {
        if (!n->is_int64() || n->get_int64() < 1 || n->get_int64() > 1'000'000)
          throw bad_request("from.count must be an integer > 0");
        where->count = static_cast<int>(n->get_int64());
      }
      if (const auto* t = f.if_contains("type"); t && !t->is_null()) {
        const auto ts = t->is_string() ? str(t->get_string()) : std::string_view{};
        if (ts == "do")
          where->kind = step_kind::do_step;
        else if (ts == "sleep")
          where->kind = step_kind::sleep;
        else if (ts == "waitForEvent")
          where->kind = step_kind::wait_event;
        else
          throw bad_request("from.type must be do, sleep or waitForEvent");
      }
    }
    result = state_.restart(i, where, c.now);
  }
  send_success(c.out, status_result(result, c.now));
}

void cloudflare_routes::send_event(context& c, instance& i, const std::string& type) {
  // No body, even with content-type: application/json (what the SDK sends without a payload): {}.
  auto payload = parse_body(c.req, true);
  // Permissive mode drops events to finished instances instead of refusing them.
  if (!options_.permissive || !is_terminal(i.current_status())) state_.send_event(i, type, std::move(payload), c.now);
  send_success(c.out, json::object{{"instanceId", i.id}, {"timestamp", format_iso8601(c.now)}});
}

void cloudflare_routes::list_versions(context& c, workflow& w) {
  const auto page = static_cast<std::size_t>(query_int(c.query, "page", 1, 1'000'000'000).value_or(1));
  const auto per = per_page(c.query, 50);
  json::array items;
  const auto first = (page - 1) * per;
  const auto total = w.versions.size();
  for (std::size_t k = first; k < total && k < first + per; ++k)  // newest first
    items.emplace_back(state_.version_json(w, w.versions[total - 1 - k]));
  const auto count = items.size();
  send_success(c.out, std::move(items), page_info(page, per, count, total));
}

// ---------------------------------------------------------------------------------------------
// Wake-ups

void cloudflare_routes::arm(std::optional<epoch_ms> next) {
  if (!next || stopped_) return;
  if (armed_for_ && *armed_for_ <= *next) return;
  armed_for_ = next;
  // A later wake-up left behind by an earlier one only plays forward again, which is harmless.
  clock_->at(*next, [self = shared_from_this()] { self->fire(); });
}

void cloudflare_routes::fire() {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  armed_for_.reset();
  state_.run_due(clock_->now());
  arm(state_.next_due());
}

void cloudflare_routes::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
}

}  // namespace flowsdk::emulator::detail
