#include "tenex/state.hpp"

#include "tenex/schema.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

namespace flowsdk::emulator::detail::tenex {

namespace {

json::array at(const json::array& loc, json::value part) {
  json::array out = loc;
  out.push_back(std::move(part));
  return out;
}

json::value opt_time(const std::optional<epoch_ms>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

std::string fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

constexpr std::string_view cursor_magic = "\xfb\xef\xbe";  // base64 "++++"

constexpr std::string_view step_types[] = {"agent", "connector_action", "branch", "wait"};

}  // namespace

api_error app_error(http::status status, std::string_view code, std::string_view detail) {
  return api_error(status, json::object{{"detail", detail}, {"code", code}});
}

api_error validation_error(json::array entries) {
  return api_error(http::status::unprocessable_entity, json::object{{"detail", std::move(entries)}});
}

api_error validation_error(json::array loc, std::string_view msg, std::string_view type) {
  json::array entries;
  entries.push_back(validation_entry(std::move(loc), msg, type));
  return validation_error(std::move(entries));
}

api_error not_found(std::string_view what) { return app_error(http::status::not_found, "not_found", what); }

// ---------------------------------------------------------------------------------------------
// Graphs

const step_def* graph::find(std::string_view id) const {
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

const step_def* graph::entry() const {
  for (const auto& e : edges)
    if (e.from == "start") return find(e.to);
  for (const auto& s : steps) {
    const bool incoming = std::any_of(edges.begin(), edges.end(), [&](const edge_def& e) { return e.to == s.id; });
    if (!incoming) return &s;
  }
  return steps.empty() ? nullptr : &steps.front();
}

std::vector<const edge_def*> graph::out_of(std::string_view id) const {
  std::vector<const edge_def*> out;
  for (const auto& e : edges)
    if (e.from == id) out.push_back(&e);
  return out;
}

graph parse_graph(const json::value& v, const json::array& loc) {
  json::array errors;
  auto fail = [&](json::array where, std::string_view msg, std::string_view type = "value_error") {
    errors.push_back(validation_entry(std::move(where), msg, type));
  };
  graph g;
  g.source = v;
  if (!v.is_object()) {
    fail(loc, "Input should be a valid dictionary", "dict_type");
    throw validation_error(std::move(errors));
  }
  const auto& o = v.get_object();
  const auto* steps = o.if_contains("steps");
  if (!steps)
    fail(at(loc, "steps"), "Field required", "missing");
  else if (!steps->is_array())
    fail(at(loc, "steps"), "Input should be a valid list", "list_type");
  else if (steps->get_array().empty())
    fail(at(loc, "steps"), "a graph needs at least one step");
  const auto* edges = o.if_contains("edges");
  if (edges && !edges->is_array() && !edges->is_null())
    fail(at(loc, "edges"), "Input should be a valid list", "list_type");
  if (!errors.empty()) throw validation_error(std::move(errors));

  const auto sloc = at(loc, "steps");
  std::set<std::string> ids;
  for (std::size_t k = 0; k < steps->get_array().size(); ++k) {
    const auto here = at(sloc, static_cast<std::int64_t>(k));
    const auto& sv = steps->get_array()[k];
    if (!sv.is_object()) {
      fail(here, "Input should be a valid dictionary", "dict_type");
      continue;
    }
    const auto& so = sv.get_object();
    step_def s;
    const auto* id = so.if_contains("id");
    if (!id || !id->is_string() || id->get_string().empty()) {
      fail(at(here, "id"), id ? "Input should be a non-empty string" : "Field required",
           id ? "string_type" : "missing");
      continue;
    }
    s.id = id->get_string();
    if (s.id == "start") fail(at(here, "id"), "'start' is reserved for the graph's entry edge");
    if (!ids.insert(s.id).second) fail(at(here, "id"), "duplicate step id '" + s.id + "'");
    const auto* type = so.if_contains("type");
    if (!type || !type->is_string() ||
        std::find(std::begin(step_types), std::end(step_types), type->get_string().subview()) == std::end(step_types)) {
      fail(at(here, "type"), "Input should be 'agent', 'connector_action', 'branch' or 'wait'", "enum");
      continue;
    }
    s.type = type->get_string();
    if (const auto* n = so.if_contains("name"); n && n->is_string())
      s.name = n->get_string();
    else
      s.name = s.id;
    if (const auto* c = so.if_contains("config"); c && !c->is_null()) {
      if (!c->is_object())
        fail(at(here, "config"), "Input should be a valid dictionary", "dict_type");
      else
        s.config = c->get_object();
    }
    const auto cloc = at(here, "config");
    if (s.type == "wait") {
      const auto* mode = s.config.if_contains("mode");
      if (!mode || !mode->is_string() || (mode->get_string() != "delay" && mode->get_string() != "event")) {
        fail(at(cloc, "mode"), "Input should be 'delay' or 'event'", "enum");
      } else if (mode->get_string() == "delay") {
        const auto* d = s.config.if_contains("duration_seconds");
        if (!d || !d->is_number() || d->to_number<double>() < 0)
          fail(at(cloc, "duration_seconds"), "a delay wait needs duration_seconds >= 0");
      } else {
        const auto* e = s.config.if_contains("event_type");
        if (!e || !e->is_string() || e->get_string().empty())
          fail(at(cloc, "event_type"), "an event wait needs an event_type string");
        const auto* t = s.config.if_contains("timeout_seconds");
        if (t && !t->is_null() && (!t->is_number() || t->to_number<double>() < 0))
          fail(at(cloc, "timeout_seconds"), "timeout_seconds must be a number >= 0");
      }
    }
    if (s.type == "connector_action") {
      for (std::string_view key : {"connector", "action"}) {
        const auto* f = s.config.if_contains(key);
        if (!f || !f->is_string()) fail(at(cloc, json::string(key)), "Field required", "missing");
      }
    }
    if (const auto* r = so.if_contains("retry"); r && !r->is_null()) {
      const auto rloc = at(here, "retry");
      const auto* m = r->is_object() ? r->get_object().if_contains("max_attempts") : nullptr;
      if (!m || !m->is_int64() || m->get_int64() < 1)
        fail(at(rloc, "max_attempts"), "max_attempts must be an integer >= 1");
      const auto* b = r->is_object() ? r->get_object().if_contains("backoff") : nullptr;
      if (b && !(b->is_string() && (b->get_string() == "fixed" || b->get_string() == "exponential")))
        fail(at(rloc, "backoff"), "Input should be 'fixed' or 'exponential'", "enum");
      const auto* d = r->is_object() ? r->get_object().if_contains("delay_seconds") : nullptr;
      if (d && !d->is_null() && (!d->is_number() || d->to_number<double>() < 0))
        fail(at(rloc, "delay_seconds"), "delay_seconds must be a number >= 0");
      s.retry = *r;
    }
    if (const auto* f = so.if_contains("fallback_step_id"); f && !f->is_null()) {
      if (!f->is_string())
        fail(at(here, "fallback_step_id"), "Input should be a valid string", "string_type");
      else
        s.fallback_step_id = f->get_string();
    }
    g.steps.push_back(std::move(s));
  }
  if (!errors.empty()) throw validation_error(std::move(errors));

  for (std::size_t k = 0; k < g.steps.size(); ++k) {
    const auto& s = g.steps[k];
    if (!s.fallback_step_id.empty() && (s.fallback_step_id == s.id || !g.find(s.fallback_step_id)))
      fail(at(at(sloc, static_cast<std::int64_t>(k)), "fallback_step_id"),
           "fallback_step_id must name another step of the graph");
  }

  const auto eloc = at(loc, "edges");
  if (edges && edges->is_array()) {
    for (std::size_t k = 0; k < edges->get_array().size(); ++k) {
      const auto here = at(eloc, static_cast<std::int64_t>(k));
      const auto& ev = edges->get_array()[k];
      const auto* from = ev.is_object() ? ev.get_object().if_contains("from") : nullptr;
      const auto* to = ev.is_object() ? ev.get_object().if_contains("to") : nullptr;
      if (!from || !from->is_string() || (from->get_string() != "start" && !g.find(from->get_string()))) {
        fail(at(here, "from"), "edge.from must be 'start' or a step id of the graph");
        continue;
      }
      if (!to || !to->is_string() || !g.find(to->get_string())) {
        fail(at(here, "to"), "edge.to must be a step id of the graph");
        continue;
      }
      edge_def e;
      e.from = from->get_string();
      e.to = to->get_string();
      if (const auto* c = ev.get_object().if_contains("condition"); c && !c->is_null()) {
        if (!c->is_string()) {
          fail(at(here, "condition"), "Input should be a valid string", "string_type");
          continue;
        }
        e.condition = std::string(c->get_string());
        const auto* src = g.find(e.from);
        if (!src || src->type != "branch") {
          fail(at(here, "condition"), "only edges out of a branch step may have a condition");
        } else if (*e.condition != "else") {
          try {
            e.parsed = condition::parse(*e.condition);
          } catch (const expression_error& x) {
            fail(at(here, "condition"), std::string("invalid condition: ") + x.what());
          }
        }
      }
      g.edges.push_back(std::move(e));
    }
  }
  if (!errors.empty()) throw validation_error(std::move(errors));

  // Fan-out rules: one entry edge; non-branch steps have at most one successor; a branch has at most
  // one default (unconditional or "else") edge.
  if (std::count_if(g.edges.begin(), g.edges.end(), [](const edge_def& e) { return e.from == "start"; }) > 1)
    fail(eloc, "more than one edge leaves 'start'");
  for (const auto& s : g.steps) {
    const auto out = g.out_of(s.id);
    if (s.type != "branch" && out.size() > 1)
      fail(eloc, "step '" + s.id + "' is not a branch and has more than one outgoing edge");
    if (s.type == "branch" && std::count_if(out.begin(), out.end(), [](const edge_def* e) { return !e->parsed; }) > 1)
      fail(eloc, "branch '" + s.id + "' has more than one edge without a condition (or 'else')");
  }
  // Cycles, then reachability from the entry (through edges and fallbacks).
  std::map<std::string, int> color;
  std::function<bool(const std::string&)> cyclic = [&](const std::string& id) {
    color[id] = 1;
    for (const auto* e : g.out_of(id)) {
      if (color[e->to] == 1 || (color[e->to] == 0 && cyclic(e->to))) return true;
    }
    color[id] = 2;
    return false;
  };
  for (const auto& s : g.steps)
    if (color[s.id] == 0 && cyclic(s.id)) {
      fail(eloc, "the graph has a cycle through step '" + s.id + "'");
      break;
    }
  if (const auto* first = g.entry(); first && errors.empty()) {
    std::set<std::string> seen{first->id};
    std::vector<std::string> todo{first->id};
    while (!todo.empty()) {
      const auto id = todo.back();
      todo.pop_back();
      std::vector<std::string> next;
      for (const auto* e : g.out_of(id)) next.push_back(e->to);
      if (const auto* s = g.find(id); s && !s->fallback_step_id.empty()) next.push_back(s->fallback_step_id);
      for (auto& n : next)
        if (seen.insert(n).second) todo.push_back(n);
    }
    for (std::size_t k = 0; k < g.steps.size(); ++k)
      if (!seen.count(g.steps[k].id))
        fail(at(at(sloc, static_cast<std::int64_t>(k)), "id"), "step '" + g.steps[k].id + "' is unreachable");
  }
  if (!errors.empty()) throw validation_error(std::move(errors));
  return g;
}

// ---------------------------------------------------------------------------------------------
// Resources

version_rec* workflow_rec::find_version(long long n) {
  if (n < 1 || n > static_cast<long long>(versions.size())) return nullptr;
  return &versions[static_cast<std::size_t>(n - 1)];
}

json::object to_json(const template_def& t, bool detail) {
  json::object o{{"slug", t.slug},
                 {"name", t.name},
                 {"description", t.description},
                 {"category", t.category},
                 {"version", t.version},
                 {"inputs_schema", t.inputs_schema},
                 {"created_at", format_iso8601(t.created_at)},
                 {"updated_at", format_iso8601(t.created_at)}};
  if (detail) o["graph"] = t.graph;
  return o;
}

json::object to_json(const workflow_rec& w) {
  return json::object{{"id", w.id},
                      {"name", w.name},
                      {"description", w.description},
                      {"status", w.status},
                      {"input_schema", w.latest().input_schema},
                      {"output_schema", w.latest().output_schema},
                      {"active_version", w.active_version ? json::value(*w.active_version) : json::value(nullptr)},
                      {"latest_version", w.latest().number},
                      {"template_slug", w.template_slug},
                      {"created_at", format_iso8601(w.created_at)},
                      {"updated_at", format_iso8601(w.updated_at)},
                      {"archived_at", opt_time(w.archived_at)}};
}

json::object to_json(const workflow_rec& w, const version_rec& v) {
  return json::object{{"workflow_id", w.id},
                      {"version", v.number},
                      {"state", v.state},
                      {"graph", v.g.source},
                      {"input_schema", v.input_schema},
                      {"output_schema", v.output_schema},
                      {"created_at", format_iso8601(v.created_at)},
                      {"archived_at", opt_time(v.archived_at)}};
}

json::object to_json(const run_rec& r) {
  return json::object{{"id", r.id},
                      {"workflow_id", r.workflow_id},
                      {"version", r.version},
                      {"status", r.status},
                      {"trigger", r.trigger},
                      {"input", r.input},
                      {"output", r.output},
                      {"error", r.error},
                      {"current_step_id", r.current_step_id},
                      {"created_at", format_iso8601(r.created_at)},
                      {"started_at", opt_time(r.started_at)},
                      {"finished_at", opt_time(r.finished_at)}};
}

json::object to_json(const step_run_rec& s) {
  return json::object{{"step_id", s.step_id},
                      {"type", s.type},
                      {"status", s.status},
                      {"attempt", s.attempt},
                      {"started_at", opt_time(s.started_at)},
                      {"finished_at", opt_time(s.finished_at)},
                      {"input", s.input},
                      {"output", s.output},
                      {"error", s.error},
                      {"branch_taken", s.branch_taken},
                      {"agent_run_id", s.agent_run_id}};
}

json::object to_json(const trigger_rec& t) {
  return json::object{{"id", t.id},
                      {"workflow_id", t.workflow_id},
                      {"source", t.source},
                      {"event_type", t.event_type},
                      {"cron", t.cron},
                      {"timezone", t.timezone},
                      {"filter", t.filter},
                      {"input_mapping", t.input_mapping},
                      {"target_type", t.target_type},
                      {"target_url", t.target_url},
                      {"enabled", t.enabled},
                      {"created_at", format_iso8601(t.created_at)},
                      {"updated_at", format_iso8601(t.updated_at)}};
}

json::object to_json(const delivery_rec& d) {
  return json::object{{"id", d.id},
                      {"event_id", d.event_id},
                      {"type", d.event_type},
                      {"trigger_id", d.trigger_id},
                      {"url", d.url},
                      {"attempt", d.attempt},
                      {"body", d.body},
                      {"signature", d.signature},
                      {"status", d.status},
                      {"error", d.error},
                      {"at", format_iso8601(d.at)}};
}

bool trigger_matches(const trigger_rec& t, const json::object& event) {
  if (!t.filter.is_object()) return true;
  const json::value ev = event;
  for (const auto& [key, want] : t.filter.get_object()) {
    const std::string path = is_path(key) ? std::string(key) : "$.data." + std::string(key);
    const auto got = resolve_path(ev, path);
    const bool same =
        got.is_number() && want.is_number() ? got.to_number<double>() == want.to_number<double>() : got == want;
    if (!same) return false;
  }
  return true;
}

json::value mapped_input(const trigger_rec& t, const json::object& event) {
  const json::value ev = event;
  if (!t.input_mapping.is_object()) {
    const auto* d = event.if_contains("data");
    return d ? *d : json::object{};
  }
  json::object out;
  for (const auto& [field, v] : t.input_mapping.get_object())
    out[field] = v.is_string() && is_path(v.get_string()) ? resolve_path(ev, v.get_string()) : v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pagination

page_request::page_request(const query_params& q, std::string_view scope) {
  if (const auto l = q.get("limit")) {
    const auto n = parse_integer(*l);
    if (!n)
      throw validation_error(json::array{"query", "limit"},
                             "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    if (*n < 1)
      throw validation_error(json::array{"query", "limit"}, "Input should be greater than or equal to 1",
                             "greater_than_equal");
    if (*n > 200)
      throw validation_error(json::array{"query", "limit"}, "Input should be less than or equal to 200",
                             "less_than_equal");
    limit = static_cast<std::size_t>(*n);
  }
  std::vector<std::string> parts;
  for (const auto& [k, v] : q.pairs())
    if (k != "limit" && k != "cursor") {
      std::string part(k);
      part += '=';
      part += v;
      parts.push_back(std::move(part));
    }
  std::sort(parts.begin(), parts.end());
  filters = std::string(scope);
  for (const auto& p : parts) filters += "&" + p;

  if (const auto c = q.get("cursor")) {
    const auto bad = [] { return validation_error(json::array{"query", "cursor"}, "invalid or expired cursor"); };
    const auto raw = base64_decode(*c);
    if (!raw || !raw->starts_with(cursor_magic)) throw bad();
    std::string_view rest = std::string_view(*raw).substr(cursor_magic.size());
    while (!rest.empty() && rest.back() == '~') rest.remove_suffix(1);
    // "v1|<t>|<digest>|<id>"
    if (!rest.starts_with("v1|")) throw bad();
    rest.remove_prefix(3);
    const auto bar1 = rest.find('|');
    const auto bar2 = bar1 == std::string_view::npos ? bar1 : rest.find('|', bar1 + 1);
    if (bar2 == std::string_view::npos) throw bad();
    const auto t = parse_integer(rest.substr(0, bar1));
    if (!t) throw bad();
    if (rest.substr(bar1 + 1, bar2 - bar1 - 1) != fnv1a(filters))
      throw validation_error(json::array{"query", "cursor"}, "the cursor was made for a query with other filters");
    after = std::pair{static_cast<epoch_ms>(*t), std::string(rest.substr(bar2 + 1))};
  }
}

std::string encode_cursor(epoch_ms t, const std::string& id, const std::string& filters) {
  std::string raw(cursor_magic);
  raw += "v1|" + std::to_string(t) + "|" + fnv1a(filters) + "|" + id;
  while (raw.size() % 3 != 1) raw += '~';  // so the token always ends in "=="
  return base64_encode(raw);
}

json::object make_page(std::vector<page_item> all, const page_request& p, bool descending, bool omit_total) {
  const auto before = [descending](const page_item& a, const page_item& b) {
    const auto ka = std::tie(a.t, a.id), kb = std::tie(b.t, b.id);
    return descending ? kb < ka : ka < kb;
  };
  std::sort(all.begin(), all.end(), before);
  const auto total = all.size();
  auto it = all.begin();
  if (p.after) {
    const page_item mark{p.after->first, p.after->second, nullptr};
    it = std::upper_bound(all.begin(), all.end(), mark, before);
  }
  json::array items;
  const page_item* last = nullptr;
  for (; it != all.end() && items.size() < p.limit; ++it) {
    items.push_back(it->v);
    last = &*it;
  }
  json::object page{{"items", std::move(items)},
                    {"next_cursor", it != all.end() && last ? json::value(encode_cursor(last->t, last->id, p.filters))
                                                            : json::value(nullptr)}};
  if (!omit_total) page["total"] = total;
  return page;
}

}  // namespace flowsdk::emulator::detail::tenex
