#include "imbrace/state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cctype>
#include <charconv>

namespace flowsdk::emulator::detail {

api_error validation_error(std::string_view message) {
  return {http::status::bad_request, fastify_error(http::status::bad_request, "FST_ERR_VALIDATION", message)};
}

api_error entity_not_found(std::string_view entity_type, std::string_view id) {
  json::object params;
  params["message"] = std::string(entity_type) + " with id " + std::string(id) + " is not found";
  params["entityType"] = entity_type;
  params["entityId"] = id;
  return {http::status::not_found, activepieces_error("ENTITY_NOT_FOUND", std::move(params))};
}

// ---------------------------------------------------------------------------------------------
// Request-body readers

namespace {
api_error missing(std::string_view key, std::string_view where) {
  return validation_error(std::string(where) + " must have required property '" + std::string(key) + "'");
}
api_error wrong_type(std::string_view key, std::string_view where, std::string_view type) {
  return validation_error(std::string(where) + "/" + std::string(key) + " must be " + std::string(type));
}
}  // namespace

std::string_view require_string(const json::object& o, std::string_view key, std::string_view where) {
  const auto* v = o.if_contains(key);
  if (!v) throw missing(key, where);
  if (!v->is_string()) throw wrong_type(key, where, "string");
  return v->get_string();
}

const json::object& require_object(const json::object& o, std::string_view key, std::string_view where) {
  const auto* v = o.if_contains(key);
  if (!v) throw missing(key, where);
  if (!v->is_object()) throw wrong_type(key, where, "object");
  return v->get_object();
}

std::optional<std::string> optional_string(const json::object& o, std::string_view key, std::string_view where) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw wrong_type(key, where, "string");
  return std::string(v->get_string());
}

std::string_view str_or(const json::object& o, std::string_view key, std::string_view fallback) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : fallback;
}

// ---------------------------------------------------------------------------------------------
// Cursors

namespace {
constexpr std::string_view created_tag = "created:";
constexpr std::string_view id_tag = ",id:";
}  // namespace

std::string encode_cursor(const seek_cursor& c) {
  std::string inner(created_tag);
  inner += std::to_string(c.created);
  inner += id_tag;
  inner += c.id;
  return base64_encode((c.forward ? "next_" : "prev_") + base64_encode(inner));
}

std::optional<seek_cursor> decode_cursor(std::string_view token) {
  const auto outer = base64_decode(token);
  if (!outer || outer->size() < 5) return std::nullopt;
  seek_cursor c;
  if (outer->starts_with("next_"))
    c.forward = true;
  else if (outer->starts_with("prev_"))
    c.forward = false;
  else
    return std::nullopt;
  const auto inner = base64_decode(std::string_view(*outer).substr(5));
  if (!inner || !inner->starts_with(created_tag)) return std::nullopt;
  std::string_view rest = std::string_view(*inner).substr(created_tag.size());
  const auto sep = rest.find(id_tag);
  if (sep == std::string_view::npos) return std::nullopt;
  const auto digits = rest.substr(0, sep);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), c.created);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  c.id = rest.substr(sep + id_tag.size());
  if (c.id.empty()) return std::nullopt;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes

namespace {
json::value nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
}  // namespace

json::object flow_to_json(const flow_record& f) {
  json::object o;
  o["id"] = f.id;
  o["created"] = format_iso8601(f.created);
  o["updated"] = format_iso8601(f.updated);
  o["projectId"] = f.project_id;
  o["externalId"] = f.external_id;
  o["folderId"] = nullable(f.folder_id);
  o["status"] = f.status;
  o["publishedVersionId"] = f.published.empty() ? json::value(nullptr) : f.published.at("id");
  o["metadata"] = nullptr;
  o["operationStatus"] = "NONE";
  o["version"] = f.version;
  return o;
}

json::object run_to_json(const run_record& r, bool with_steps) {
  json::object o;
  o["id"] = r.id;
  o["created"] = format_iso8601(r.created);
  o["updated"] = format_iso8601(r.updated);
  o["projectId"] = r.project_id;
  o["flowId"] = r.flow_id;
  o["flowVersionId"] = r.flow_version_id;
  o["flowVersion"] = json::object{{"displayName", r.flow_display_name}};
  o["status"] = r.status;
  o["environment"] = "PRODUCTION";
  if (r.start_time) o["startTime"] = format_iso8601(*r.start_time);
  if (r.finish_time) o["finishTime"] = format_iso8601(*r.finish_time);
  o["failParentOnFailure"] = true;
  json::array tags;
  for (const auto& t : r.tags) tags.emplace_back(t);
  o["tags"] = std::move(tags);
  o["logsFileId"] = nullptr;
  o["archivedAt"] = nullptr;
  if (r.failed) o["failedStep"] = json::object{{"name", r.failed->name}, {"displayName", r.failed->display_name}};
  if (with_steps) o["steps"] = r.steps;
  return o;
}

// ---------------------------------------------------------------------------------------------
// The step tree: a trigger, and actions linked through these slots.

namespace {

constexpr std::array<std::string_view, 4> child_slots = {"nextAction", "firstLoopAction", "onSuccessAction",
                                                         "onFailureAction"};

const json::object* child(const json::object& step, std::string_view slot) {
  const auto* v = step.if_contains(slot);
  return v && v->is_object() ? &v->get_object() : nullptr;
}
json::object* child(json::object& step, std::string_view slot) {
  auto* v = step.if_contains(slot);
  return v && v->is_object() ? &v->get_object() : nullptr;
}

template <class F>
void for_each_step(const json::object& step, F&& f) {
  f(step);
  for (const auto slot : child_slots)
    if (const auto* c = child(step, slot)) for_each_step(*c, f);
}

/// Where a step hangs: its parent's object and the slot's name.
struct slot_ref {
  json::object* parent = nullptr;
  std::string_view key;
  json::object& step() const { return parent->at(key).get_object(); }
};

slot_ref find_slot(json::object& node, std::string_view name) {
  for (const auto slot : child_slots) {
    if (auto* c = child(node, slot)) {
      if (str_or(*c, "name") == name) return {&node, slot};
      if (auto found = find_slot(*c, name); found.parent) return found;
    }
  }
  return {};
}

json::object* find_step(json::object& trigger, std::string_view name) {
  if (str_or(trigger, "name") == name) return &trigger;
  const auto ref = find_slot(trigger, name);
  return ref.parent ? &ref.step() : nullptr;
}

// The checks the engine's schema makes that clients trip over: a PIECE step or
// trigger needs settings.propertySettings.
void validate_step(const json::object& step, bool is_trigger, std::string_view where) {
  require_string(step, "name", where);
  const auto type = require_string(step, "type", where);
  static constexpr std::array<std::string_view, 2> trigger_types = {"PIECE_TRIGGER", "EMPTY"};
  static constexpr std::array<std::string_view, 5> action_types = {"CODE", "PIECE", "LOOP_ON_ITEMS", "BRANCH",
                                                                   "ROUTER"};
  const bool known = is_trigger ? std::find(trigger_types.begin(), trigger_types.end(), type) != trigger_types.end()
                                : std::find(action_types.begin(), action_types.end(), type) != action_types.end();
  if (!known) throw validation_error(std::string(where) + "/type must be equal to one of the allowed values");
  if (type == "PIECE_TRIGGER" || type == "PIECE") {
    const std::string settings_where = std::string(where) + "/settings";
    const auto& settings = require_object(step, "settings", where);
    require_object(settings, "propertySettings", settings_where);
    require_string(settings, "pieceName", settings_where);
  }
}

bool compute_valid(const json::object& trigger) {
  bool valid = true;
  for_each_step(trigger, [&](const json::object& s) {
    const auto* v = s.if_contains("valid");
    if (v && v->is_bool() && !v->get_bool()) valid = false;
  });
  return valid && str_or(trigger, "type") != "EMPTY";
}

json::object empty_trigger() {
  return json::object{{"name", "trigger"},
                      {"valid", false},
                      {"displayName", "Select Trigger"},
                      {"type", "EMPTY"},
                      {"settings", json::object{}}};
}

// ---------------------------------------------------------------------------------------------
// Run simulation

bool contains_word(std::string_view text, std::string_view word) {
  auto is_ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (auto pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
    const bool starts = pos == 0 || !is_ident(text[pos - 1]);
    const auto end = pos + word.size();
    if (starts && (end == text.size() || !is_ident(text[end]))) return true;
  }
  return false;
}

// `trigger.body.field` against the trigger output; null when the path leads nowhere.
json::value lookup(std::string_view expr, const json::value& trigger_output) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  expr = trim(expr);
  if (!expr.starts_with("trigger")) return nullptr;
  expr.remove_prefix(7);
  const json::value* cur = &trigger_output;
  while (!expr.empty()) {
    if (expr.front() != '.') return nullptr;
    expr.remove_prefix(1);
    const auto dot = expr.find('.');
    const auto field = expr.substr(0, dot);
    expr = dot == std::string_view::npos ? std::string_view{} : expr.substr(dot);
    if (cur->is_object()) {
      cur = cur->get_object().if_contains(field);
    } else if (cur->is_array()) {
      std::size_t i = 0;
      auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), i);
      cur = ec == std::errc{} && end == field.data() + field.size() ? cur->get_array().if_contains(i) : nullptr;
    } else {
      cur = nullptr;
    }
    if (!cur) return nullptr;
  }
  return *cur;
}

// Resolves {{trigger...}} templates: a string that is one template becomes the value it names
// (an object stays an object); templates inside a longer string are spliced in as text.
json::value resolve(const json::value& v, const json::value& trigger_output) {
  if (v.is_object()) {
    json::object o;
    for (const auto& [k, child_value] : v.get_object()) o[k] = resolve(child_value, trigger_output);
    return o;
  }
  if (v.is_array()) {
    json::array a;
    for (const auto& e : v.get_array()) a.push_back(resolve(e, trigger_output));
    return a;
  }
  if (!v.is_string()) return v;
  const std::string_view s = v.get_string();
  const auto open = s.find("{{");
  if (open == std::string_view::npos) return v;
  if (open == 0 && s.ends_with("}}") && s.find("{{", 2) == std::string_view::npos)
    return lookup(s.substr(2, s.size() - 4), trigger_output);
  std::string out;
  std::size_t pos = 0;
  for (auto o = open; o != std::string_view::npos; o = s.find("{{", pos)) {
    const auto close = s.find("}}", o + 2);
    if (close == std::string_view::npos) break;
    out += s.substr(pos, o - pos);
    const auto value = lookup(s.substr(o + 2, close - o - 2), trigger_output);
    if (value.is_string())
      out += value.get_string();
    else if (!value.is_null())
      out += json::serialize(value);
    pos = close + 2;
  }
  out += s.substr(pos);
  return json::value(out);
}

// The Return Response piece's answer. Its settings.input carries {status, headers, body}, or the
// upstream piece's {responseType, fields: {status, headers, body}}.
webhook_response make_webhook_response(const json::object& resolved_input) {
  const json::object* fields = &resolved_input;
  if (const auto* f = resolved_input.if_contains("fields"); f && f->is_object()) fields = &f->get_object();
  webhook_response r;
  if (const auto* s = fields->if_contains("status")) {
    std::int64_t code = 200;
    if (s->is_int64())
      code = s->get_int64();
    else if (s->is_uint64())
      code = static_cast<std::int64_t>(s->get_uint64());
    else if (s->is_string())
      std::from_chars(s->get_string().data(), s->get_string().data() + s->get_string().size(), code);
    if (code >= 100 && code <= 599) r.status = static_cast<http::status>(code);
  }
  if (const auto* h = fields->if_contains("headers"); h && h->is_object()) {
    for (const auto& [name, value] : h->get_object())
      r.headers.emplace_back(name, value.is_string() ? std::string(value.get_string()) : json::serialize(value));
  }
  const auto* body = fields->if_contains("body");
  if (body && body->is_string()) {
    r.body = body->get_string();
    r.content_type = "text/plain; charset=utf-8";
  } else if (body && !body->is_null()) {
    r.body = json::serialize(*body);
    r.content_type = "application/json; charset=utf-8";
  }
  return r;
}

struct simulation {
  const json::value& trigger_output;
  run_outcome& out;
  bool stopped = false;

  void chain(const json::object* step) {
    for (; step && !stopped; step = child(*step, "nextAction")) one(*step);
  }

  void one(const json::object& step) {
    const auto name = std::string(str_or(step, "name"));
    const auto type = str_or(step, "type");
    static const json::object no_settings;
    const auto* settings_value = step.if_contains("settings");
    const auto& settings = settings_value && settings_value->is_object() ? settings_value->get_object() : no_settings;
    const auto* input = settings.if_contains("input");
    json::value resolved = input ? resolve(*input, trigger_output) : json::value(json::object{});

    json::object record{{"type", type}, {"status", "SUCCEEDED"}, {"input", resolved}, {"output", nullptr}};
    if (type == "CODE") {
      const auto* code = settings.if_contains("sourceCode");
      const auto* text = code && code->is_object() ? code->get_object().if_contains("code") : nullptr;
      if (text && text->is_string() && contains_word(text->get_string(), "throw")) {
        record["status"] = "FAILED";
        record["errorMessage"] = "Error: the step's code throws (flowsdk emulator)";
        out.status = "FAILED";
        out.failed = failed_step{name, std::string(str_or(step, "displayName", name))};
        stopped = true;
      }
    } else if (type == "PIECE" && str_or(settings, "pieceName") == "@activepieces/piece-webhook" &&
               str_or(settings, "actionName") == "return_response") {
      auto response = make_webhook_response(resolved.is_object() ? resolved.get_object() : json::object{});
      record["output"] = json::object{{"status", static_cast<int>(response.status)}, {"body", response.body}};
      if (!out.response) out.response = std::move(response);
    }
    out.steps[name] = std::move(record);
    // One pass through a loop body or the true branch is enough for an emulator.
    if (type == "LOOP_ON_ITEMS") chain(child(step, "firstLoopAction"));
    if (type == "BRANCH") chain(child(step, "onSuccessAction"));
  }
};

run_outcome simulate(const json::object& version, const json::value& trigger_output) {
  run_outcome out;
  const auto* trigger_value = version.if_contains("trigger");
  if (!trigger_value || !trigger_value->is_object()) return out;
  const auto& trigger = trigger_value->get_object();
  out.steps[str_or(trigger, "name", "trigger")] =
      json::object{{"type", str_or(trigger, "type")}, {"status", "SUCCEEDED"}, {"output", trigger_output}};
  simulation sim{trigger_output, out};
  sim.chain(child(trigger, "nextAction"));
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// imbrace_state

imbrace_state::imbrace_state(std::uint64_t random_seed) : ids_(random_seed), default_project_id_(ids_.next()) {
  project_.id = default_project_id_;
  project_.created = now_ms() - 30LL * 24 * 3'600'000;
  project_.display_name = "Emulator project";
  project_.owner_id = ids_.next();
  project_.platform_id = ids_.next();
}

json::object imbrace_state::new_version(const std::string& flow_id, std::string display_name, epoch_ms now) {
  return json::object{{"id", ids_.next()},
                      {"created", format_iso8601(now)},
                      {"updated", format_iso8601(now)},
                      {"flowId", flow_id},
                      {"displayName", std::move(display_name)},
                      {"trigger", empty_trigger()},
                      {"updatedBy", nullptr},
                      {"valid", false},
                      {"schemaVersion", "1"},
                      {"agentIds", json::array{}},
                      {"state", "DRAFT"},
                      {"connectionIds", json::array{}},
                      {"backupFiles", nullptr}};
}

flow_record& imbrace_state::create_flow(std::string display_name, std::optional<std::string> project_id,
                                        std::optional<std::string> folder_id, epoch_ms now) {
  flow_record f;
  f.id = ids_.next();
  f.created = f.updated = now;
  f.project_id = project_id ? std::move(*project_id) : default_project_id_;
  f.external_id = f.id;
  if (folder_id && !folders_.find(*folder_id)) throw entity_not_found("folder", *folder_id);
  f.folder_id = std::move(folder_id);
  f.version = new_version(f.id, std::move(display_name), now);
  return flows_.insert(std::move(f));
}

// Edits go to a DRAFT: a LOCKED (published) version is copied into a new draft first, as upstream.
json::object& imbrace_state::editable_version(flow_record& f, epoch_ms now) {
  if (str_or(f.version, "state") == "LOCKED") {
    json::object draft = f.version;
    draft["id"] = ids_.next();
    draft["created"] = format_iso8601(now);
    draft["state"] = "DRAFT";
    f.version = std::move(draft);
  }
  f.version["updated"] = format_iso8601(now);
  return f.version;
}

void imbrace_state::apply_operation(flow_record& f, const json::object& operation, epoch_ms now) {
  const auto type = require_string(operation, "type", "body");
  static const json::object no_request;
  const auto* request_value = operation.if_contains("request");
  if (request_value && !request_value->is_object()) throw validation_error("body/request must be object");
  const auto& request = request_value ? request_value->get_object() : no_request;

  if (type == "UPDATE_TRIGGER" || type == "IMPORT_FLOW") {
    const bool import = type == "IMPORT_FLOW";
    const auto& trigger_in = import ? require_object(request, "trigger", "body/request") : request;
    validate_step(trigger_in, true, import ? "body/request/trigger" : "body/request");
    auto& version = editable_version(f, now);
    json::object trigger = trigger_in;
    // UPDATE_TRIGGER replaces the trigger but keeps the steps hanging from it.
    if (!import) {
      if (auto* next = child(version["trigger"].get_object(), "nextAction")) trigger["nextAction"] = std::move(*next);
    } else if (const auto* name = request.if_contains("displayName"); name && name->is_string()) {
      version["displayName"] = *name;
    }
    version["trigger"] = std::move(trigger);
  } else if (type == "ADD_ACTION") {
    const auto parent_name = require_string(request, "parentStep", "body/request");
    const auto& action_in = require_object(request, "action", "body/request");
    validate_step(action_in, false, "body/request/action");
    const auto location = str_or(request, "stepLocationRelativeToParent", "AFTER");
    std::string_view slot;
    if (location == "AFTER")
      slot = "nextAction";
    else if (location == "INSIDE_LOOP")
      slot = "firstLoopAction";
    else if (location == "INSIDE_TRUE_BRANCH")
      slot = "onSuccessAction";
    else if (location == "INSIDE_FALSE_BRANCH")
      slot = "onFailureAction";
    else
      throw validation_error("body/request/stepLocationRelativeToParent must be equal to one of the allowed values");

    // Checked on the current version: a failed operation must not leave a new draft behind.
    {
      auto& trigger = f.version["trigger"].get_object();
      if (find_step(trigger, require_string(action_in, "name", "body/request/action")))
        throw validation_error("body/request/action/name must be unique within the flow");
      const json::object* parent = find_step(trigger, parent_name);
      if (!parent) throw validation_error("body/request/parentStep: no step named '" + std::string(parent_name) + "'");
      if (slot == "firstLoopAction" && str_or(*parent, "type") != "LOOP_ON_ITEMS")
        throw validation_error("body/request/parentStep: INSIDE_LOOP needs a LOOP_ON_ITEMS parent");
    }
    json::object* parent = find_step(editable_version(f, now)["trigger"].get_object(), parent_name);
    json::object action = action_in;
    // The new step takes the place of whatever hung in that slot and carries it on.
    for (const auto s : child_slots) action.erase(s);
    if (auto* existing = parent->if_contains(slot); existing && existing->is_object())
      action["nextAction"] = std::move(*existing);
    (*parent)[slot] = std::move(action);
  } else if (type == "UPDATE_ACTION") {
    validate_step(request, false, "body/request");
    const auto name = require_string(request, "name", "body/request");
    if (!find_slot(f.version["trigger"].get_object(), name).parent)
      throw validation_error("body/request/name: no step named '" + std::string(name) + "'");
    const auto ref = find_slot(editable_version(f, now)["trigger"].get_object(), name);
    json::object& old = ref.step();
    json::object updated = request;
    for (const auto s : child_slots)
      if (auto* c = old.if_contains(s);
          c && c->is_object() && (s == "nextAction" || str_or(old, "type") == str_or(request, "type")))
        updated[s] = std::move(*c);
    old = std::move(updated);
  } else if (type == "DELETE_ACTION") {
    std::vector<std::string> names;
    if (const auto* n = request.if_contains("names"); n && n->is_array()) {
      for (const auto& e : n->get_array())
        if (e.is_string()) names.emplace_back(e.get_string());
    } else {
      names.emplace_back(require_string(request, "name", "body/request"));
    }
    for (const auto& name : names)
      if (!find_slot(f.version["trigger"].get_object(), name).parent)
        throw validation_error("body/request/name: no step named '" + name + "'");
    auto& trigger = editable_version(f, now)["trigger"].get_object();
    for (const auto& name : names) {
      const auto ref = find_slot(trigger, name);
      if (!ref.parent) continue;  // went with a deleted loop body
      // Unlink: the step's successor moves up into its slot; its loop or branch bodies go with it.
      json::value next = nullptr;
      if (auto* c = ref.step().if_contains("nextAction"); c && c->is_object()) next = std::move(*c);
      if (next.is_object())
        (*ref.parent)[ref.key] = std::move(next);
      else
        ref.parent->erase(ref.key);
    }
  } else if (type == "CHANGE_NAME") {
    const auto name = require_string(request, "displayName", "body/request");
    editable_version(f, now)["displayName"] = name;
  } else if (type == "CHANGE_FOLDER") {
    // null (or absent) moves the flow out of its folder; an id must name an existing folder.
    auto folder = optional_string(request, "folderId", "body/request");
    if (folder && !folders_.find(*folder)) throw entity_not_found("folder", *folder);
    f.folder_id = std::move(folder);
  } else if (type == "CHANGE_STATUS") {
    const auto status = require_string(request, "status", "body/request");
    if (status != "ENABLED" && status != "DISABLED")
      throw validation_error("body/request/status must be equal to one of the allowed values");
    f.status = status;
  } else if (type == "LOCK_FLOW" || type == "LOCK_AND_PUBLISH") {
    f.version["state"] = "LOCKED";
    f.version["updated"] = format_iso8601(now);
    if (type == "LOCK_AND_PUBLISH") {
      f.published = f.version;
      f.status = "ENABLED";
    }
  } else if (type == "USE_AS_DRAFT") {
    if (f.published.empty()) throw validation_error("body/request: the flow has no published version");
    f.version = f.published;
    editable_version(f, now);
  } else {
    throw validation_error("body/type must be equal to one of the allowed values");
  }
  f.version["valid"] = compute_valid(f.version["trigger"].as_object());
  f.updated = now;
}

run_record& imbrace_state::start_run(const flow_record& f, json::value trigger_output, epoch_ms now) {
  run_record r;
  r.id = ids_.next();
  r.created = r.updated = now;
  r.start_time = now;
  r.project_id = f.project_id;
  r.flow_id = f.id;
  r.flow_version_id = str_or(f.published, "id");
  r.flow_display_name = str_or(f.published, "displayName");
  if (const auto* t = f.published.if_contains("trigger"); t && t->is_object())
    if (const auto* settings = t->get_object().if_contains("settings"); settings && settings->is_object())
      r.trigger_piece = str_or(settings->get_object(), "pieceName");
  r.pending = simulate(f.published, trigger_output);
  // While it runs, only the trigger has produced output.
  if (const auto* t = f.published.if_contains("trigger"); t && t->is_object())
    if (const auto* rec = r.pending.steps.if_contains(str_or(t->get_object(), "name", "trigger")))
      r.steps[str_or(t->get_object(), "name", "trigger")] = *rec;
  return runs_.insert(std::move(r));
}

bool imbrace_state::finish_run(std::string_view run_id, epoch_ms now) {
  auto* r = runs_.find(run_id);
  if (!r || r->status != "RUNNING") return false;
  r->status = std::move(r->pending.status);
  r->steps = std::move(r->pending.steps);
  r->failed = std::move(r->pending.failed);
  r->pending = {};
  r->finish_time = r->updated = now;
  return true;
}

imbrace_state::seeded imbrace_state::seed(epoch_ms now) {
  constexpr epoch_ms hour = 3'600'000;
  seeded s;

  auto& echo = create_flow("Echo", std::nullopt, std::nullopt, now - 6 * hour);
  apply_operation(echo,
                  json::parse(R"({"type":"UPDATE_TRIGGER","request":{
      "name":"trigger","valid":true,"displayName":"Catch Webhook","type":"PIECE_TRIGGER",
      "settings":{"pieceName":"@activepieces/piece-webhook","pieceVersion":"0.1.24","triggerName":"catch_webhook",
        "input":{"authType":"none"},"propertySettings":{"authType":{"type":"MANUAL"}},"inputUiInfo":{},
        "packageType":"REGISTRY","pieceType":"OFFICIAL"}}})")
                      .as_object(),
                  now - 6 * hour);
  apply_operation(echo,
                  json::parse(R"({"type":"ADD_ACTION","request":{"parentStep":"trigger",
      "stepLocationRelativeToParent":"AFTER","action":{
      "name":"step_1","valid":true,"displayName":"Return Response","type":"PIECE",
      "settings":{"pieceName":"@activepieces/piece-webhook","pieceVersion":"0.1.24","actionName":"return_response",
        "input":{"status":200,"headers":{},"body":"{{trigger.body}}"},
        "propertySettings":{"status":{"type":"MANUAL"},"headers":{"type":"MANUAL"},"body":{"type":"MANUAL"}},
        "inputUiInfo":{},"packageType":"REGISTRY","pieceType":"OFFICIAL"}}}})")
                      .as_object(),
                  now - 6 * hour);
  apply_operation(echo, json::parse(R"({"type":"LOCK_AND_PUBLISH","request":{}})").as_object(), now - 6 * hour);
  s.echo_flow_id = echo.id;

  auto& draft = create_flow("Never published", std::nullopt, std::nullopt, now - 5 * hour);
  apply_operation(draft,
                  json::parse(R"({"type":"UPDATE_TRIGGER","request":{
      "name":"trigger","valid":true,"displayName":"Catch Webhook","type":"PIECE_TRIGGER",
      "settings":{"pieceName":"@activepieces/piece-webhook","pieceVersion":"0.1.24","triggerName":"catch_webhook",
        "input":{"authType":"none"},"propertySettings":{"authType":{"type":"MANUAL"}},"inputUiInfo":{}}}})")
                      .as_object(),
                  now - 5 * hour);
  s.disabled_flow_id = draft.id;

  // 25 finished runs over the last ~4 hours, every fifth FAILED. Some share a creation time, so
  // that paging must break ties on the id.
  constexpr int count = 25;
  const flow_record& flow = echo;
  for (int i = 0; i < count; ++i) {
    epoch_ms created = now - 4 * hour + i * 9 * 60'000;
    if (i == 11 || i == 21 || i == 22) created = now - 4 * hour + (i - 1) * 9 * 60'000;  // ties
    json::object trigger_output{{"method", "POST"},
                                {"headers", json::object{{"content-type", "application/json"}}},
                                {"body", json::object{{"seq", i}}},
                                {"queryParams", json::object{}}};
    auto& run = start_run(flow, std::move(trigger_output), created);
    run.tags = {"seed", i % 2 == 0 ? "even" : "odd"};
    if (i % 5 == 4) {
      run.pending.status = "FAILED";
      run.pending.failed = failed_step{"step_1", "Return Response"};
      run.pending.steps["step_1"].as_object()["status"] = "FAILED";
    }
    finish_run(run.id, created + 1500 + i * 10);
  }
  s.run_count = count;
  return s;
}

}  // namespace flowsdk::emulator::detail
