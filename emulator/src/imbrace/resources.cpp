// imbrace_state's resources beside flows and runs: their rules, wire shapes and seed data.

#include "imbrace/state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>

namespace flowsdk::emulator::detail {

namespace {

json::value nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

// An update's timestamp: strictly after the previous one, so that a client sees it move even
// within one millisecond.
epoch_ms bump(epoch_ms previous, epoch_ms now) { return std::max(now, previous + 1); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

api_error not_allowed(std::string_view where) {
  return validation_error(std::string(where) + " must be equal to one of the allowed values");
}

const json::array& require_array(const json::object& o, std::string_view key, std::string_view where) {
  const auto* v = o.if_contains(key);
  if (!v) throw validation_error(std::string(where) + " must have required property '" + std::string(key) + "'");
  if (!v->is_array()) throw validation_error(std::string(where) + "/" + std::string(key) + " must be array");
  return v->get_array();
}

std::string project_or_default(const json::object& body, const std::string& fallback) {
  auto p = optional_string(body, "projectId", "body");
  return p ? *p : fallback;
}

constexpr std::array<std::string_view, 7> connection_types = {
    "SECRET_TEXT", "BASIC_AUTH", "CUSTOM_AUTH", "OAUTH2", "CLOUD_OAUTH2", "PLATFORM_OAUTH2", "NO_AUTH"};
constexpr std::array<std::string_view, 4> field_types = {"TEXT", "NUMBER", "DATE", "STATIC_DROPDOWN"};

// The upsert body's `value`, discriminated on `type` as upstream's UpsertAppConnectionRequestBody.
void validate_connection_value(const json::object& value, std::string_view type) {
  constexpr std::string_view where = "body/value";
  const auto value_type = require_string(value, "type", where);
  if (value_type != type) throw validation_error("body/value/type must be equal to constant");
  auto strings = [&](std::initializer_list<std::string_view> required,
                     std::initializer_list<std::string_view> optional) {
    for (const auto key : required) require_string(value, key, where);
    for (const auto key : optional) optional_string(value, key, where);
  };
  if (type == "SECRET_TEXT") {
    strings({"secret_text"}, {});
  } else if (type == "BASIC_AUTH") {
    strings({"username", "password"}, {});
  } else if (type == "CUSTOM_AUTH") {
    require_object(value, "props", where);
  } else if (type == "OAUTH2" || type == "CLOUD_OAUTH2" || type == "PLATFORM_OAUTH2") {
    strings({"client_id"},
            {"client_secret", "code", "scope", "redirect_url", "authorization_method", "code_challenge"});
    if (const auto* props = value.if_contains("props"); props && !props->is_object() && !props->is_null())
      throw validation_error("body/value/props must be object");
  }
}

// A cell value against its field's type. null clears nothing but is allowed everywhere.
void validate_cell_value(const field_record& f, const json::value& v, const std::string& where) {
  if (v.is_null()) return;
  if (f.type == "NUMBER") {
    bool ok = v.is_number();
    if (v.is_string()) {
      const std::string_view s = v.get_string();
      char* end = nullptr;
      const std::string copy(s);
      std::strtod(copy.c_str(), &end);
      ok = !s.empty() && end == copy.c_str() + copy.size();
    }
    if (!ok) throw validation_error(where + "/value must be a number for NUMBER field '" + f.name + "'");
  } else if (f.type == "DATE") {
    if (!v.is_string() || !parse_iso8601(v.get_string()))
      throw validation_error(where + "/value must be an ISO 8601 date for DATE field '" + f.name + "'");
  } else if (f.type == "STATIC_DROPDOWN") {
    if (!v.is_string() ||
        (!f.options.empty() && std::find(f.options.begin(), f.options.end(), v.get_string()) == f.options.end()))
      throw validation_error(where + "/value must be one of the options of field '" + f.name + "'");
  } else if (v.is_object() || v.is_array()) {
    throw validation_error(where + "/value must be a scalar for TEXT field '" + f.name + "'");
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Wire shapes that need no state

json::object table_to_json(const table_record& t) {
  return json::object{{"id", t.id},
                      {"created", format_iso8601(t.created)},
                      {"updated", format_iso8601(t.updated)},
                      {"name", t.name},
                      {"projectId", t.project_id},
                      {"externalId", t.external_id},
                      {"status", "ENABLED"},
                      {"trigger", nullptr}};
}

json::object field_to_json(const field_record& f) {
  json::object o{{"id", f.id},
                 {"created", format_iso8601(f.created)},
                 {"updated", format_iso8601(f.updated)},
                 {"name", f.name},
                 {"type", f.type},
                 {"tableId", f.table_id},
                 {"projectId", f.project_id},
                 {"externalId", f.external_id}};
  if (f.type == "STATIC_DROPDOWN") {
    json::array options;
    for (const auto& opt : f.options) options.emplace_back(json::object{{"value", opt}});
    o["data"] = json::object{{"options", std::move(options)}};
  }
  return o;
}

json::object trigger_event_to_json(const trigger_event_record& e) {
  return json::object{{"id", e.id},
                      {"created", format_iso8601(e.created)},
                      {"updated", format_iso8601(e.updated)},
                      {"projectId", e.project_id},
                      {"flowId", e.flow_id},
                      {"sourceName", e.source_name},
                      {"fileId", e.file_id},
                      {"payload", e.payload}};
}

// ---------------------------------------------------------------------------------------------
// Project and invitations

json::object imbrace_state::project_json() const {
  return json::object{{"id", project_.id},
                      {"created", format_iso8601(project_.created)},
                      {"updated", format_iso8601(project_.created)},
                      {"displayName", project_.display_name},
                      {"ownerId", project_.owner_id},
                      {"platformId", project_.platform_id},
                      {"externalId", nullptr},
                      {"notifyStatus", "ALWAYS"},
                      {"releasesEnabled", false},
                      {"metadata", nullptr}};
}

json::object imbrace_state::invitation_json(const invitation_record& i) const {
  json::object o{{"id", i.id},
                 {"created", format_iso8601(i.created)},
                 {"updated", format_iso8601(i.updated)},
                 {"email", i.email},
                 {"type", i.type},
                 {"status", i.status},
                 {"platformId", i.platform_id},
                 {"platformRole", nullable(i.platform_role)},
                 {"projectId", nullable(i.project_id)},
                 {"projectRoleId", nullable(i.project_role_id)}};
  if (i.project_role_id) {
    o["projectRole"] = json::object{{"id", *i.project_role_id},
                                    {"created", format_iso8601(project_.created)},
                                    {"updated", format_iso8601(project_.created)},
                                    {"name", "Editor"},
                                    {"permissions", json::array{"READ_FLOW", "WRITE_FLOW", "READ_RUN", "WRITE_RUN"}},
                                    {"platformId", i.platform_id},
                                    {"type", "DEFAULT"}};
  } else {
    o["projectRole"] = nullptr;
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Folders

folder_record& imbrace_state::create_folder(const json::object& body, epoch_ms now) {
  const auto name = require_string(body, "displayName", "body");
  const auto project = project_or_default(body, default_project_id_);
  folders_.for_each([&](const folder_record& f) {
    if (f.project_id == project && iequals(f.display_name, name))
      throw api_error(http::status::conflict,
                      activepieces_error("VALIDATION", json::object{{"message", "Folder displayName is used"}}));
  });
  folder_record f;
  f.id = ids_.next();
  f.created = f.updated = now;
  f.project_id = project;
  f.display_name = name;
  return folders_.insert(std::move(f));
}

folder_record& imbrace_state::rename_folder(std::string_view id, const json::object& body, epoch_ms now) {
  const auto name = require_string(body, "displayName", "body");
  auto* f = folders_.find(id);
  if (!f) throw entity_not_found("folder", id);
  folders_.for_each([&](const folder_record& other) {
    if (other.id != f->id && other.project_id == f->project_id && iequals(other.display_name, name))
      throw api_error(http::status::conflict,
                      activepieces_error("VALIDATION", json::object{{"message", "Folder displayName is used"}}));
  });
  f->display_name = name;
  f->updated = bump(f->updated, now);
  return *f;
}

void imbrace_state::delete_folder(std::string_view id) {
  if (!folders_.erase(id)) throw entity_not_found("folder", id);
  flows_.for_each([&](flow_record& f) {
    if (f.folder_id && *f.folder_id == id) f.folder_id.reset();
  });
}

json::object imbrace_state::folder_json(const folder_record& f) const {
  std::size_t count = 0;
  flows_.for_each([&](const flow_record& flow) { count += flow.folder_id && *flow.folder_id == f.id; });
  return json::object{{"id", f.id},
                      {"created", format_iso8601(f.created)},
                      {"updated", format_iso8601(f.updated)},
                      {"displayName", f.display_name},
                      {"projectId", f.project_id},
                      {"numberOfFlows", count}};
}

// ---------------------------------------------------------------------------------------------
// App connections

connection_record& imbrace_state::upsert_connection(const json::object& body, epoch_ms now) {
  const auto external_id = require_string(body, "externalId", "body");
  const auto display_name = require_string(body, "displayName", "body");
  const auto piece_name = require_string(body, "pieceName", "body");
  const auto project = require_string(body, "projectId", "body");
  const auto* metadata = body.if_contains("metadata");
  if (metadata && !metadata->is_object() && !metadata->is_null())
    throw validation_error("body/metadata must be object");
  const auto type = require_string(body, "type", "body");
  if (!one_of(connection_types, type)) throw not_allowed("body/type");
  const auto& value = require_object(body, "value", "body");
  validate_connection_value(value, type);

  connection_record* existing = nullptr;
  connections_.for_each([&](connection_record& c) {
    if (c.project_id == project && c.external_id == external_id) existing = &c;
  });
  connection_record fresh;
  connection_record& c = existing ? *existing : fresh;
  if (!existing) {
    c.id = ids_.next();
    c.created = c.updated = now;
    c.external_id = external_id;
    c.project_id = project;
  } else {
    c.updated = bump(c.updated, now);
  }
  c.display_name = display_name;
  c.piece_name = piece_name;
  c.type = type;
  c.value = value;
  c.metadata = metadata ? *metadata : json::value(nullptr);
  return existing ? *existing : connections_.insert(std::move(fresh));
}

connection_record& imbrace_state::update_connection(std::string_view id, const json::object& body, epoch_ms now) {
  const auto display_name = require_string(body, "displayName", "body");
  const auto* metadata = body.if_contains("metadata");
  if (metadata && !metadata->is_object() && !metadata->is_null())
    throw validation_error("body/metadata must be object");
  auto* c = connections_.find(id);
  if (!c) throw entity_not_found("app_connection", id);
  c->display_name = display_name;
  if (metadata) c->metadata = *metadata;
  c->updated = bump(c->updated, now);
  return *c;
}

// flowIds: the flows whose current or published version refers to the connection the way pieces
// do, "{{connections['<externalId>']}}".
json::object imbrace_state::connection_json(const connection_record& c) const {
  const std::string needle = "connections['" + c.external_id + "']";
  json::array flow_ids;
  flows_.for_each([&](const flow_record& f) {
    if (f.project_id != c.project_id) return;
    if (json::serialize(f.version).find(needle) != std::string::npos ||
        (!f.published.empty() && json::serialize(f.published).find(needle) != std::string::npos))
      flow_ids.emplace_back(f.id);
  });
  json::array project_ids;
  project_ids.emplace_back(c.project_id);
  return json::object{{"id", c.id},
                      {"created", format_iso8601(c.created)},
                      {"updated", format_iso8601(c.updated)},
                      {"externalId", c.external_id},
                      {"displayName", c.display_name},
                      {"pieceName", c.piece_name},
                      {"projectIds", std::move(project_ids)},
                      {"platformId", project_.platform_id},
                      {"scope", "PROJECT"},
                      {"status", "ACTIVE"},
                      {"type", c.type},
                      {"ownerId", project_.owner_id},
                      {"metadata", c.metadata},
                      {"flowIds", std::move(flow_ids)}};
}

// ---------------------------------------------------------------------------------------------
// Tables, fields, records

table_record& imbrace_state::create_table(const json::object& body, epoch_ms now) {
  table_record t;
  t.name = require_string(body, "name", "body");
  t.project_id = project_or_default(body, default_project_id_);
  t.id = ids_.next();
  t.created = t.updated = now;
  const auto external = optional_string(body, "externalId", "body");
  t.external_id = external ? *external : ids_.next();
  return tables_.insert(std::move(t));
}

void imbrace_state::delete_table(std::string_view id) {
  if (!tables_.erase(id)) throw entity_not_found("table", id);
  fields_.erase_if([&](const field_record& f) { return f.table_id == id; });
  rows_.erase_if([&](const table_row& r) { return r.table_id == id; });
}

std::vector<const field_record*> imbrace_state::table_fields(std::string_view table_id) const {
  std::vector<const field_record*> out;
  fields_.for_each([&](const field_record& f) {
    if (f.table_id == table_id) out.push_back(&f);
  });
  std::reverse(out.begin(), out.end());
  return out;
}

field_record& imbrace_state::create_field(const json::object& body, epoch_ms now) {
  field_record f;
  f.table_id = require_string(body, "tableId", "body");
  f.name = require_string(body, "name", "body");
  f.type = require_string(body, "type", "body");
  if (!one_of(field_types, f.type)) throw not_allowed("body/type");
  if (f.type == "STATIC_DROPDOWN") {
    // Upstream's {data: {options: [{value}]}}.
    if (const auto* data = body.if_contains("data"); data && data->is_object()) {
      if (const auto* opts = data->get_object().if_contains("options"); opts && opts->is_array())
        for (const auto& o : opts->get_array())
          if (o.is_object() && o.get_object().contains("value") && o.get_object().at("value").is_string())
            f.options.emplace_back(o.get_object().at("value").get_string());
    }
  }
  const auto* table = tables_.find(f.table_id);
  if (!table) throw entity_not_found("table", f.table_id);
  f.project_id = table->project_id;
  f.id = ids_.next();
  f.created = f.updated = now;
  const auto external = optional_string(body, "externalId", "body");
  f.external_id = external ? *external : ids_.next();
  return fields_.insert(std::move(f));
}

field_record& imbrace_state::rename_field(std::string_view id, const json::object& body, epoch_ms now) {
  const auto name = require_string(body, "name", "body");
  auto* f = fields_.find(id);
  if (!f) throw entity_not_found("field", id);
  f->name = name;
  f->updated = bump(f->updated, now);
  return *f;
}

void imbrace_state::delete_field(std::string_view id) {
  if (!fields_.erase(id)) throw entity_not_found("field", id);
  rows_.for_each([&](table_row& r) {
    if (const auto it = r.cells.find(id); it != r.cells.end()) r.cells.erase(it);
  });
}

namespace {

struct cell_input {
  const field_record* field;
  json::value value;
};

// Cells [{fieldId, value}] of `table_id`, validated; `where` is the array's path.
std::vector<cell_input> read_cells(const seek_store<field_record>& fields, const json::array& cells,
                                   const std::string& table_id, const std::string& where) {
  std::vector<cell_input> out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string at = where + "/" + std::to_string(i);
    if (!cells[i].is_object()) throw validation_error(at + " must be object");
    const auto& c = cells[i].get_object();
    const auto field_id = require_string(c, "fieldId", at);
    const auto* value = c.if_contains("value");
    if (!value) throw validation_error(at + " must have required property 'value'");
    const auto* f = fields.find(field_id);
    if (!f || f->table_id != table_id) {
      std::string why = at;
      why.append("/fieldId: no field '").append(field_id).append("' in table ").append(table_id);
      throw validation_error(why);
    }
    validate_cell_value(*f, *value, at);
    out.push_back({f, *value});
  }
  return out;
}

}  // namespace

std::vector<const table_row*> imbrace_state::create_rows(const json::object& body, epoch_ms now) {
  const std::string table_id(require_string(body, "tableId", "body"));
  const auto& records = require_array(body, "records", "body");
  const auto* table = tables_.find(table_id);
  if (!table) throw entity_not_found("table", table_id);
  // Validate everything before creating anything.
  std::vector<std::vector<cell_input>> inputs;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string at = "body/records/" + std::to_string(i);
    if (!records[i].is_array()) throw validation_error(at + " must be array");
    inputs.push_back(read_cells(fields_, records[i].get_array(), table_id, at));
  }
  std::vector<const table_row*> out;
  for (auto& cells : inputs) {
    table_row r;
    r.id = ids_.next();
    r.created = r.updated = now;
    r.table_id = table_id;
    r.project_id = table->project_id;
    for (auto& c : cells) r.cells[c.field->id] = cell{std::move(c.value), now, now};
    out.push_back(&rows_.insert(std::move(r)));
  }
  return out;
}

table_row& imbrace_state::update_row(std::string_view id, const json::object& body, epoch_ms now) {
  const std::string table_id(require_string(body, "tableId", "body"));
  static const json::array no_cells;
  const auto* cells_value = body.if_contains("cells");
  if (cells_value && !cells_value->is_array()) throw validation_error("body/cells must be array");
  auto* r = rows_.find(id);
  if (!r || r->table_id != table_id) throw entity_not_found("record", id);
  auto cells = read_cells(fields_, cells_value ? cells_value->get_array() : no_cells, table_id, "body/cells");
  r->updated = bump(r->updated, now);
  for (auto& c : cells) {
    auto& slot = r->cells[c.field->id];
    if (slot.created == 0) slot.created = r->updated;
    slot.value = std::move(c.value);
    slot.updated = r->updated;
  }
  return *r;
}

json::array imbrace_state::delete_rows(const json::object& body) {
  const auto& ids = require_array(body, "ids", "body");
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (!ids[i].is_string()) throw validation_error("body/ids/" + std::to_string(i) + " must be string");
  json::array out;
  for (const auto& id : ids) {
    if (const auto* r = rows_.find(id.get_string())) {
      out.emplace_back(row_json(*r));
      rows_.erase(id.get_string());
    }
  }
  return out;
}

// cells: {<fieldId>: {fieldName, value, created, updated}}, as upstream's PopulatedRecord.
json::object imbrace_state::row_json(const table_row& r) const {
  json::object cells;
  for (const auto& [field_id, c] : r.cells) {
    const auto* f = fields_.find(field_id);
    cells[field_id] = json::object{{"fieldName", f ? f->name : std::string()},
                                   {"value", c.value},
                                   {"created", format_iso8601(c.created)},
                                   {"updated", format_iso8601(c.updated)}};
  }
  return json::object{{"id", r.id},
                      {"created", format_iso8601(r.created)},
                      {"updated", format_iso8601(r.updated)},
                      {"tableId", r.table_id},
                      {"projectId", r.project_id},
                      {"cells", std::move(cells)}};
}

// ---------------------------------------------------------------------------------------------
// MCP servers

mcp_record& imbrace_state::create_mcp(const json::object& body, epoch_ms now) {
  mcp_record m;
  m.project_id = require_string(body, "projectId", "body");
  const auto name = optional_string(body, "name", "body");
  m.name = name ? *name : "MCP Server";
  m.id = ids_.next();
  m.created = m.updated = now;
  m.token = ids_.next();
  m.external_id = ids_.next();
  return mcp_servers_.insert(std::move(m));
}

mcp_record& imbrace_state::update_mcp(std::string_view id, const json::object& body, epoch_ms now) {
  const auto name = optional_string(body, "name", "body");
  const auto* tools_value = body.if_contains("tools");
  if (tools_value && !tools_value->is_array()) throw validation_error("body/tools must be array");
  auto* m = mcp_servers_.find(id);
  if (!m) throw entity_not_found("mcp", id);
  const auto updated = bump(m->updated, now);

  std::vector<mcp_tool> tools;
  if (tools_value) {
    const auto& in = tools_value->get_array();
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::string at = "body/tools/" + std::to_string(i);
      if (!in[i].is_object()) throw validation_error(at + " must be object");
      const auto& t = in[i].get_object();
      mcp_tool tool;
      tool.type = require_string(t, "type", at);
      tool.tool_name = require_string(t, "toolName", at);
      if (tool.type == "PIECE") {
        const std::string meta_at = at + "/pieceMetadata";
        const auto& meta = require_object(t, "pieceMetadata", at);
        const auto piece = require_string(meta, "pieceName", meta_at);
        require_string(meta, "pieceVersion", meta_at);
        const auto action = require_string(meta, "actionName", meta_at);
        tool.piece_metadata = meta;
        // Filled from the catalog when the client leaves them out, as the UI would send them.
        if (!optional_string(meta, "actionDisplayName", meta_at)) {
          const auto* a = piece_action(piece, action);
          tool.piece_metadata["actionDisplayName"] = a ? a->at("displayName") : json::value(action);
        }
        if (!optional_string(meta, "logoUrl", meta_at)) tool.piece_metadata["logoUrl"] = piece_logo_url(piece);
        optional_string(meta, "connectionExternalId", meta_at);
      } else if (tool.type == "FLOW") {
        tool.flow_id = require_string(t, "flowId", at);
        if (!flows_.find(tool.flow_id)) throw entity_not_found("flow", tool.flow_id);
      } else {
        throw not_allowed(at + "/type");
      }
      tools.push_back(std::move(tool));
    }
  }
  // Valid: apply. Replaced tools get new ids, as upstream recreates them.
  if (name) m->name = *name;
  if (tools_value) {
    for (auto& tool : tools) {
      tool.id = ids_.next();
      tool.external_id = ids_.next();
      tool.created = tool.updated = updated;
    }
    m->tools = std::move(tools);
  }
  m->updated = updated;
  return *m;
}

mcp_record& imbrace_state::rotate_mcp(std::string_view id, epoch_ms now) {
  auto* m = mcp_servers_.find(id);
  if (!m) throw entity_not_found("mcp", id);
  m->token = ids_.next();
  m->updated = bump(m->updated, now);
  return *m;
}

// McpWithTools. A FLOW tool whose flow has been deleted is left out (upstream cascades).
json::object imbrace_state::mcp_json(const mcp_record& m) const {
  json::array tools;
  for (const auto& t : m.tools) {
    json::object o{{"type", t.type},
                   {"id", t.id},
                   {"created", format_iso8601(t.created)},
                   {"updated", format_iso8601(t.updated)},
                   {"externalId", t.external_id},
                   {"toolName", t.tool_name},
                   {"mcpId", m.id}};
    if (t.type == "PIECE") {
      o["pieceMetadata"] = t.piece_metadata;
    } else {
      const auto* f = flows_.find(t.flow_id);
      if (!f) continue;
      o["flowId"] = t.flow_id;
      o["flow"] = flow_to_json(*f);
    }
    tools.emplace_back(std::move(o));
  }
  return json::object{{"id", m.id},
                      {"created", format_iso8601(m.created)},
                      {"updated", format_iso8601(m.updated)},
                      {"name", m.name},
                      {"projectId", m.project_id},
                      {"token", m.token},
                      {"externalId", m.external_id},
                      {"tools", std::move(tools)}};
}

// ---------------------------------------------------------------------------------------------
// Triggers

json::object imbrace_state::trigger_run_status() const {
  // piece -> day -> {success, failure}; std::map keeps the days in order.
  std::map<std::string, std::map<std::string, std::pair<int, int>>> stats;
  runs_.for_each([&](const run_record& r) {
    if (r.trigger_piece.empty() || r.status == "RUNNING" || r.status == "QUEUED" || r.status == "PAUSED") return;
    auto& day = stats[r.trigger_piece][format_iso8601(r.created).substr(0, 10)];
    (r.status == "SUCCEEDED" ? day.first : day.second) += 1;
  });
  json::object pieces;
  for (const auto& [piece, days] : stats) {
    json::object daily;
    for (const auto& [day, counts] : days)
      daily[day] = json::object{{"success", counts.first}, {"failure", counts.second}};
    pieces[piece] = json::object{{"dailyStats", std::move(daily)}};
  }
  return json::object{{"pieces", std::move(pieces)}};
}

// POST /v1/test-trigger answers upstream's TriggerEventWithPayload {id, created, updated,
// projectId, flowId, sourceName, fileId, payload} and records it (GET /v1/trigger-events).
// The payload is what the trigger would hand the flow: the trigger output of the flow's newest
// run when it has one (a webhook flow's last request), else the catalog's sample data for the
// trigger, else {}. Accepts the spec body {pieceName?, flowId} and upstream's {flowId,
// flowVersionId?, testStrategy?, projectId?}; flowId is required either way.
trigger_event_record& imbrace_state::test_trigger(const json::object& body, epoch_ms now) {
  const std::string flow_id(require_string(body, "flowId", "body"));
  const auto version_id = optional_string(body, "flowVersionId", "body");
  const auto strategy = optional_string(body, "testStrategy", "body");
  if (strategy && *strategy != "SIMULATION" && *strategy != "TEST_FUNCTION") throw not_allowed("body/testStrategy");
  const auto piece = optional_string(body, "pieceName", "body");
  const auto* f = flows_.find(flow_id);
  if (!f) throw entity_not_found("flow", flow_id);
  const json::object* version = &f->version;
  if (version_id && str_or(f->version, "id") != *version_id) {
    if (f->published.empty() || str_or(f->published, "id") != *version_id)
      throw entity_not_found("flow_version", *version_id);
    version = &f->published;
  }
  const auto& trigger = version->at("trigger").as_object();
  if (str_or(trigger, "type") != "PIECE_TRIGGER")
    throw validation_error("body/flowId: the flow's trigger is EMPTY; set a piece trigger first");
  const auto& settings = trigger.at("settings").as_object();
  const std::string piece_name(str_or(settings, "pieceName"));
  const std::string trigger_name(str_or(settings, "triggerName"));
  if (piece && *piece != piece_name)
    throw validation_error("body/pieceName: the flow's trigger is " + piece_name + ", not " + *piece);

  json::value payload = json::object{};
  const run_record* newest = nullptr;
  runs_.for_each([&](const run_record& r) {
    if (!newest && r.flow_id == flow_id) newest = &r;
  });
  const auto trigger_step = std::string(str_or(trigger, "name", "trigger"));
  if (const auto* step = newest ? newest->steps.if_contains(trigger_step) : nullptr;
      step && step->is_object() && step->get_object().contains("output"))
    payload = step->get_object().at("output");
  else if (const auto* meta = piece_trigger(piece_name, trigger_name); meta && meta->contains("sampleData"))
    payload = meta->at("sampleData");

  trigger_event_record e;
  e.id = ids_.next();
  e.created = e.updated = now;
  e.project_id = f->project_id;
  e.flow_id = flow_id;
  e.source_name = piece_name + "@" + std::string(str_or(settings, "pieceVersion")) + ":" + trigger_name;
  e.file_id = ids_.next();
  e.payload = std::move(payload);
  return trigger_events_.insert(std::move(e));
}

// ---------------------------------------------------------------------------------------------
// Seed

imbrace_seed imbrace_state::seed_resources(const seeded& flows, epoch_ms now) {
  constexpr epoch_ms hour = 3'600'000;
  constexpr epoch_ms minute = 60'000;
  auto body = [&](std::string_view text) {
    auto o = json::parse(text).as_object();
    o["projectId"] = default_project_id_;
    return o;
  };
  imbrace_seed out;
  out.project_id = default_project_id_;
  out.echo_flow_id = flows.echo_flow_id;
  out.disabled_flow_id = flows.disabled_flow_id;
  out.run_count = flows.run_count;

  auto& onboarding = create_folder(body(R"({"displayName":"Onboarding"})"), now - 10 * hour);
  create_folder(body(R"({"displayName":"Support"})"), now - 9 * hour);
  out.folder_id = onboarding.id;
  if (auto* draft = flows_.find(flows.disabled_flow_id)) draft->folder_id = onboarding.id;

  out.connection_id = upsert_connection(body(R"j({"externalId":"slack-seed","displayName":"Slack (seed)",
      "pieceName":"@activepieces/piece-slack","type":"SECRET_TEXT",
      "value":{"type":"SECRET_TEXT","secret_text":"xoxb-emulator-seed-secret"}})j"),
                                        now - 8 * hour)
                          .id;
  upsert_connection(body(R"j({"externalId":"gmail-seed","displayName":"Gmail (seed)",
      "pieceName":"@activepieces/piece-gmail","type":"CLOUD_OAUTH2","metadata":{"team":"support"},
      "value":{"type":"CLOUD_OAUTH2","client_id":"emulator-client","code":"emulator-code",
               "scope":"https://www.googleapis.com/auth/gmail.send"}})j"),
                    now - 7 * hour);

  auto& table = create_table(body(R"({"name":"Contacts"})"), now - 6 * hour);
  out.table_id = table.id;
  auto field = [&](std::string_view name, std::string_view type, int minutes) {
    json::object b{{"tableId", table.id}, {"name", name}, {"type", type}};
    if (type == "STATIC_DROPDOWN")
      b["data"] = json::parse(R"({"options":[{"value":"Gold"},{"value":"Silver"},{"value":"Bronze"}]})");
    return create_field(b, now - 6 * hour + minutes * minute).id;
  };
  const auto name = field("Name", "TEXT", 1);
  const auto age = field("Age", "NUMBER", 2);
  const auto joined = field("Joined", "DATE", 3);
  const auto tier = field("Tier", "STATIC_DROPDOWN", 4);
  struct contact {
    const char* name;
    int age;
    const char* joined;
    const char* tier;
  };
  const contact contacts[] = {{"Ada Lovelace", 36, "2024-03-01", "Gold"},
                              {"Alan Turing", 41, "2024-04-15", "Silver"},
                              {"Grace Hopper", 85, "2024-05-30", "Bronze"}};
  int minutes = 10;
  for (const auto& c : contacts) {
    json::array cells{
        json::object{{"fieldId", name}, {"value", c.name}}, json::object{{"fieldId", age}, {"value", c.age}},
        json::object{{"fieldId", joined}, {"value", c.joined}}, json::object{{"fieldId", tier}, {"value", c.tier}}};
    json::array records;
    records.emplace_back(std::move(cells));
    create_rows(json::object{{"tableId", table.id}, {"records", std::move(records)}},
                now - 6 * hour + minutes++ * minute);
  }

  auto& mcp = create_mcp(body(R"({"name":"Support assistant"})"), now - 5 * hour);
  out.mcp_server_id = mcp.id;
  update_mcp(
      mcp.id,
      json::object{
          {"tools", json::array{json::parse(R"({"type":"PIECE","toolName":"slack_send_channel_message","pieceMetadata":{
          "pieceName":"@activepieces/piece-slack","pieceVersion":"0.9.1","actionName":"send_channel_message",
          "connectionExternalId":"slack-seed"}})"),
                                json::object{{"type", "FLOW"}, {"toolName", "echo"}, {"flowId", flows.echo_flow_id}}}}},
      now - 5 * hour);

  struct invitation {
    const char* email;
    const char* type;
    const char* status;
    const char* platform_role;
  };
  const invitation invitations[] = {{"ada@example.com", "PLATFORM", "PENDING", "ADMIN"},
                                    {"grace@example.com", "PLATFORM", "ACCEPTED", "MEMBER"},
                                    {"linus@example.com", "PROJECT", "PENDING", nullptr},
                                    {"ken@example.com", "PROJECT", "PENDING", nullptr},
                                    {"barbara@example.com", "PROJECT", "ACCEPTED", nullptr}};
  const std::string editor_role = ids_.next();
  minutes = 0;
  for (const auto& i : invitations) {
    invitation_record r;
    r.id = ids_.next();
    r.created = r.updated = now - 4 * hour + minutes++ * minute;
    r.email = i.email;
    r.type = i.type;
    r.status = i.status;
    r.platform_id = project_.platform_id;
    if (i.platform_role) {
      r.platform_role = i.platform_role;
    } else {
      r.project_id = default_project_id_;
      r.project_role_id = editor_role;
    }
    invitations_.insert(std::move(r));
  }
  return out;
}

}  // namespace flowsdk::emulator::detail
