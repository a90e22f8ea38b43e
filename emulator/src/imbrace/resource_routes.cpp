// The Imbrace workflow resources beside flows, runs and webhooks.
// Every paged list goes through imbrace_routes::serve_page; bodies are parsed before the state lock
// is taken, and the state's methods validate and throw api_error.

#include "imbrace/routes.hpp"

namespace flowsdk::emulator::detail {

namespace {

using verb = http::verb;

api_error missing_query(std::string_view key) {
  return validation_error("querystring must have required property '" + std::string(key) + "'");
}

std::string require_query(const query_params& q, std::string_view key) {
  const auto v = q.get(key);
  if (!v) throw missing_query(key);
  return std::string(*v);
}

}  // namespace

// GET/POST /v1/folders, GET/POST/DELETE /v1/folders/{id}.
void imbrace_routes::route_folders(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto project = c.query.get("projectId");
    return serve_page(
        c, &imbrace_state::folders, [&](const folder_record& f) { return !project || f.project_id == *project; },
        [&](const folder_record& f) { return state_.folder_json(f); });
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.folder_json(s.create_folder(in, clock_->now())); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* f = s.folders().find(id);
      if (!f) throw entity_not_found("folder", id);
      return s.folder_json(*f);
    });
  if (method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.folder_json(s.rename_folder(id, in, clock_->now())); });
  }
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      state_.delete_folder(id);
    }
    return c.empty(http::status::ok);  // upstream: 200 with an empty body
  }
  c.not_found();
}

// GET/POST /v1/app-connections, GET/POST/DELETE /v1/app-connections/{id}. Responses never carry
// the connection's value (its secret).
void imbrace_routes::route_connections(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto project = c.query.get("projectId");
    const auto piece = c.query.get("pieceName");
    const auto name = c.query.get("displayName");
    return serve_page(
        c, &imbrace_state::connections,
        [&](const connection_record& x) {
          return (!project || x.project_id == *project) && (!piece || x.piece_name == *piece) &&
                 (!name || x.display_name.find(*name) != std::string::npos);
        },
        [&](const connection_record& x) { return state_.connection_json(x); });
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    const auto status = options_.spec_status_codes ? http::status::ok : http::status::created;
    return locked_json(c, status,
                       [&](imbrace_state& s) { return s.connection_json(s.upsert_connection(in, clock_->now())); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* x = s.connections().find(id);
      if (!x) throw entity_not_found("app_connection", id);
      return s.connection_json(*x);
    });
  if (method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.connection_json(s.update_connection(id, in, clock_->now())); });
  }
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      if (!state_.connections().erase(id)) throw entity_not_found("app_connection", id);
    }
    return c.empty(http::status::no_content);
  }
  c.not_found();
}

// GET /v1/pieces (a bare array; limit and cursor are ignored, as upstream), GET /v1/pieces/categories,
// POST /v1/pieces/options, GET /v1/pieces/{name}?version=. The name may arrive percent-encoded in
// one segment (%40activepieces%2Fpiece-http) or as two ("@activepieces/piece-http").
void imbrace_routes::route_pieces(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto search = c.query.get("searchQuery");
    return c.json(http::status::ok, piece_summaries(search ? *search : std::string_view{}, c.query.all("categories")));
  }
  if (seg.size() == 2 && seg[1] == "categories" && method == verb::get)
    return c.json(http::status::ok, piece_categories());
  if (seg.size() == 2 && seg[1] == "options" && method == verb::post) {
    // Dropdown options of a property: the static options the catalog knows, else none.
    const auto in = parse_json_object_body(c.req);
    const auto piece = require_string(in, "pieceName", "body");
    const auto version = require_string(in, "pieceVersion", "body");
    const auto step = require_string(in, "actionOrTriggerName", "body");
    const auto property = require_string(in, "propertyName", "body");
    const std::string flow_id(require_string(in, "flowId", "body"));
    require_string(in, "flowVersionId", "body");
    {
      std::lock_guard lock(mutex_);
      if (!state_.flows().find(flow_id)) throw entity_not_found("flow", flow_id);
    }
    const auto meta = piece_metadata(piece, version);
    const json::value* props = nullptr;
    for (const auto* kind : {"actions", "triggers"})
      if (const auto* s = meta.at(kind).as_object().if_contains(step)) props = s->as_object().if_contains("props");
    const auto* prop = props ? props->as_object().if_contains(property) : nullptr;
    if (!prop) throw entity_not_found("property", std::string(step) + "." + std::string(property));
    json::value options = json::array{};
    if (const auto* o = prop->as_object().if_contains("options");
        o && o->is_object() && o->as_object().contains("options"))
      options = o->as_object().at("options");
    return c.json(http::status::ok, json::object{{"disabled", false}, {"options", std::move(options)}});
  }
  if (seg.size() >= 2 && method == verb::get) {
    std::string name = seg[1];
    for (std::size_t i = 2; i < seg.size(); ++i) name += "/" + seg[i];
    const auto version = c.query.get("version");
    return c.json(http::status::ok, piece_metadata(name, version ? *version : std::string_view{}));
  }
  c.not_found();
}

// GET /v1/trigger-runs/status, POST /v1/test-trigger, GET /v1/trigger-events?flowId=.
void imbrace_routes::route_triggers(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg[0] == "trigger-runs" && seg.size() == 2 && seg[1] == "status" && method == verb::get)
    return locked_json(c, http::status::ok, [](imbrace_state& s) { return s.trigger_run_status(); });
  if (seg[0] == "test-trigger" && seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return trigger_event_to_json(s.test_trigger(in, clock_->now())); });
  }
  if (seg[0] == "trigger-events" && seg.size() == 1 && method == verb::get) {
    const auto flow = require_query(c.query, "flowId");
    return serve_page(
        c, &imbrace_state::trigger_events, [&](const trigger_event_record& e) { return e.flow_id == flow; },
        trigger_event_to_json);
  }
  c.not_found();
}

// GET/POST /v1/tables, GET/DELETE /v1/tables/{id}.
void imbrace_routes::route_tables(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto project = c.query.get("projectId");
    return serve_page(
        c, &imbrace_state::tables, [&](const table_record& t) { return !project || t.project_id == *project; },
        table_to_json);
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::created,
                       [&](imbrace_state& s) { return table_to_json(s.create_table(in, clock_->now())); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* t = s.tables().find(id);
      if (!t) throw entity_not_found("table", id);
      return table_to_json(*t);
    });
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      state_.delete_table(id);
    }
    return c.empty(http::status::no_content);
  }
  c.not_found();
}

// GET /v1/fields?tableId= (a bare array, oldest first), POST /v1/fields, GET/POST/DELETE
// /v1/fields/{id}; all 200.
void imbrace_routes::route_fields(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto table = require_query(c.query, "tableId");
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      if (!s.tables().find(table)) throw entity_not_found("table", table);
      json::array out;
      for (const auto* f : s.table_fields(table)) out.emplace_back(field_to_json(*f));
      return out;
    });
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return field_to_json(s.create_field(in, clock_->now())); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* f = s.fields().find(id);
      if (!f) throw entity_not_found("field", id);
      return field_to_json(*f);
    });
  if (method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return field_to_json(s.rename_field(id, in, clock_->now())); });
  }
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      state_.delete_field(id);
    }
    return c.empty(http::status::ok);
  }
  c.not_found();
}

// GET/POST/DELETE /v1/records, GET/POST/DELETE /v1/records/{id}.
void imbrace_routes::route_records(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto table = require_query(c.query, "tableId");
    {
      std::lock_guard lock(mutex_);
      if (!state_.tables().find(table)) throw entity_not_found("table", table);
    }
    return serve_page(
        c, &imbrace_state::rows, [&](const table_row& r) { return r.table_id == table; },
        [&](const table_row& r) { return state_.row_json(r); });
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::created, [&](imbrace_state& s) {
      json::array out;
      for (const auto* r : s.create_rows(in, clock_->now())) out.emplace_back(s.row_json(*r));
      return out;
    });
  }
  if (seg.size() == 1 && method == verb::delete_) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok, [&](imbrace_state& s) { return s.delete_rows(in); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* r = s.rows().find(id);
      if (!r) throw entity_not_found("record", id);
      return s.row_json(*r);
    });
  if (method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.row_json(s.update_row(id, in, clock_->now())); });
  }
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      if (!state_.rows().erase(id)) throw entity_not_found("record", id);
    }
    return c.empty(http::status::no_content);
  }
  c.not_found();
}

// GET/POST /v1/mcp-servers, GET/POST/DELETE /v1/mcp-servers/{id}, POST /v1/mcp-servers/{id}/rotate.
void imbrace_routes::route_mcp(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto project = require_query(c.query, "projectId");
    const auto name = c.query.get("name");
    return serve_page(
        c, &imbrace_state::mcp_servers,
        [&](const mcp_record& m) {
          return m.project_id == project && (!name || m.name.find(*name) != std::string::npos);
        },
        [&](const mcp_record& m) { return state_.mcp_json(m); });
  }
  if (seg.size() == 1 && method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.mcp_json(s.create_mcp(in, clock_->now())); });
  }
  if (seg.size() == 3 && seg[2] == "rotate" && method == verb::post) {
    parse_optional_json_body(c.req);  // TS sends no body and no Content-Type, Py sends {}
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.mcp_json(s.rotate_mcp(seg[1], clock_->now())); });
  }
  if (seg.size() != 2) return c.not_found();
  const auto& id = seg[1];
  if (method == verb::get)
    return locked_json(c, http::status::ok, [&](imbrace_state& s) {
      const auto* m = s.mcp_servers().find(id);
      if (!m) throw entity_not_found("mcp", id);
      return s.mcp_json(*m);
    });
  if (method == verb::post) {
    const auto in = parse_json_object_body(c.req);
    return locked_json(c, http::status::ok,
                       [&](imbrace_state& s) { return s.mcp_json(s.update_mcp(id, in, clock_->now())); });
  }
  if (method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      if (!state_.mcp_servers().erase(id)) throw entity_not_found("mcp", id);
    }
    return c.empty(http::status::no_content);
  }
  c.not_found();
}

// GET /v1/user-invitations?type=PLATFORM|PROJECT, DELETE /v1/user-invitations/{id}.
void imbrace_routes::route_invitations(context& c, const segments& seg) {
  const auto method = c.req.method();
  if (seg.size() == 1 && method == verb::get) {
    const auto type = require_query(c.query, "type");
    if (type != "PLATFORM" && type != "PROJECT")
      throw validation_error("querystring/type must be equal to one of the allowed values");
    const auto status = c.query.get("status");
    if (status && *status != "PENDING" && *status != "ACCEPTED")
      throw validation_error("querystring/status must be equal to one of the allowed values");
    const auto project = c.query.get("projectId");
    return serve_page(
        c, &imbrace_state::invitations,
        [&](const invitation_record& i) {
          return i.type == type && (!status || i.status == *status) &&
                 (!project || (i.project_id && *i.project_id == *project));
        },
        [&](const invitation_record& i) { return state_.invitation_json(i); });
  }
  if (seg.size() == 2 && method == verb::delete_) {
    {
      std::lock_guard lock(mutex_);
      if (!state_.invitations().erase(seg[1])) throw entity_not_found("user_invitation", seg[1]);
    }
    return c.empty(options_.spec_status_codes ? http::status::ok : http::status::no_content);
  }
  c.not_found();
}

// GET /v1/users/projects (a one-item SeekPage), GET /v1/users/projects/current and, upstream's
// quirk, GET /v1/users/projects/{anything}: the caller's project.
void imbrace_routes::route_projects(context& c, const segments& seg) {
  if (c.req.method() != verb::get || seg.size() < 2 || seg[1] != "projects" || seg.size() > 3) return c.not_found();
  if (seg.size() == 2) {
    parse_page(c.query);
    return locked_json(c, http::status::ok, [](imbrace_state& s) {
      return json::object{{"data", json::array{s.project_json()}}, {"next", nullptr}, {"previous", nullptr}};
    });
  }
  locked_json(c, http::status::ok, [](imbrace_state& s) { return s.project_json(); });
}

}  // namespace flowsdk::emulator::detail
