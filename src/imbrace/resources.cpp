// Folders, app connections, pieces, triggers, tables, fields, records, MCP servers,
// invitations, projects and channel automation.
#include "flowsdk/imbrace/workflows.hpp"

#include "requests.hpp"

namespace flowsdk::imbrace {

namespace asio = boost::asio;
using boost::json::object;
using boost::json::value;
using detail::channels_of;
using detail::engine_of;
using detail::route;
using detail::seek_pages;
using detail::state_ptr;
using http::verb;

namespace {

route one(const char* collection, const char* what, std::string id) {
  route r(collection);
  r.id(what, std::move(id));
  return r;
}

value cells_json(const std::vector<cell_input>& cells) { return json::encode(cells); }

asio::awaitable<mcp_server> do_create_mcp_server(state_ptr st, create_mcp_server_request request,
                                                 request_options options) {
  options = rest::whole_call(st->engine, std::move(options));  // the project lookup shares it
  if (!request.project_id || request.project_id->empty()) {
    request.project_id = co_await detail::project_or_resolved(st, std::nullopt, options, "create_mcp_server");
  }
  co_return co_await rest::call<mcp_server>(
      engine_of(st), rest::operation(verb::post, route("/v1/mcp-servers")).with_body(json::encode(request)),
      std::move(options));
}

value upsert_body(const upsert_connection_request& r);

asio::awaitable<app_connection> do_upsert_connection(state_ptr st, upsert_connection_request r,
                                                     request_options options) {
  for (const auto& [what, text] : {std::pair{"external_id", &r.external_id}, std::pair{"display_name", &r.display_name},
                                   std::pair{"piece_name", &r.piece_name}, std::pair{"project_id", &r.project_id}}) {
    if (text->empty()) throw_invalid_argument(std::string("upsert_connection_request::") + what + " must not be empty");
  }
  co_return co_await rest::call<app_connection>(
      engine_of(st), rest::operation(verb::post, route("/v1/app-connections")).with_body(upsert_body(r)),
      std::move(options));
}

value upsert_body(const upsert_connection_request& r) {
  object body{{"externalId", r.external_id}, {"displayName", r.display_name},  {"pieceName", r.piece_name},
              {"projectId", r.project_id},   {"type", r.value.type().value()}, {"value", r.value.to_json()}};
  if (r.metadata) body.emplace("metadata", *r.metadata);
  return body;
}

value update_mcp_body(const update_mcp_server_request& r) {
  object body;
  if (r.name) body.emplace("name", *r.name);
  if (r.tools) {
    boost::json::array tools;
    for (const auto& t : *r.tools) tools.push_back(t.to_json());
    body.emplace("tools", std::move(tools));
  }
  return body;
}

const char* invitation_type_name(invitation_type t) { return t == invitation_type::platform ? "PLATFORM" : "PROJECT"; }

}  // namespace

// ---- folders ---------------------------------------------------------------------------------

paginator<folder> workflows::list_folders(page_params params, request_options options) const {
  return seek_pages<folder>(state_, route("/v1/folders"), params.limit, params.cursor, std::move(options));
}

asio::awaitable<folder> workflows::get_folder(std::string folder_id, request_options options) const {
  return rest::call<folder>(engine_of(state_),
                            rest::operation(verb::get, one("/v1/folders", "folder_id", std::move(folder_id))),
                            std::move(options));
}

asio::awaitable<folder> workflows::create_folder(create_folder_request request, request_options options) const {
  return rest::call<folder>(engine_of(state_),
                            rest::operation(verb::post, route("/v1/folders")).with_body(json::encode(request)),
                            std::move(options));
}

asio::awaitable<folder> workflows::update_folder(std::string folder_id, std::string display_name,
                                                 request_options options) const {
  return rest::call<folder>(engine_of(state_),
                            rest::operation(verb::post, one("/v1/folders", "folder_id", std::move(folder_id)))
                                .with_body(value(object{{"displayName", std::move(display_name)}})),
                            std::move(options));
}

asio::awaitable<void> workflows::delete_folder(std::string folder_id, request_options options) const {
  return rest::call_void(engine_of(state_),
                         rest::operation(verb::delete_, one("/v1/folders", "folder_id", std::move(folder_id))),
                         std::move(options));
}

// ---- app connections -------------------------------------------------------------------------

paginator<app_connection> workflows::list_connections(list_connections_params params, request_options options) const {
  route r("/v1/app-connections");
  r.query_if("projectId", params.project_id).query_if("pieceName", params.piece_name);
  return seek_pages<app_connection>(state_, std::move(r), params.limit, params.cursor, std::move(options));
}

asio::awaitable<app_connection> workflows::get_connection(std::string connection_id, request_options options) const {
  return rest::call<app_connection>(
      engine_of(state_),
      rest::operation(verb::get, one("/v1/app-connections", "connection_id", std::move(connection_id))),
      std::move(options));
}

asio::awaitable<app_connection> workflows::upsert_connection(upsert_connection_request request,
                                                             request_options options) const {
  return do_upsert_connection(state_, std::move(request), std::move(options));
}

asio::awaitable<void> workflows::delete_connection(std::string connection_id, request_options options) const {
  return rest::call_void(
      engine_of(state_),
      rest::operation(verb::delete_, one("/v1/app-connections", "connection_id", std::move(connection_id))),
      std::move(options));
}

// ---- pieces and triggers ---------------------------------------------------------------------

asio::awaitable<std::vector<piece_summary>> workflows::list_pieces(request_options options) const {
  return rest::call<std::vector<piece_summary>>(
      engine_of(state_), rest::operation(verb::get, route("/v1/pieces")).decode(detail::bare_or_wrapped_list),
      std::move(options));
}

asio::awaitable<piece> workflows::get_piece(std::string name, std::optional<std::string> version,
                                            request_options options) const {
  auto r = one("/v1/pieces", "piece name", std::move(name));
  r.query_if("version", version);
  return rest::call<piece>(engine_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

asio::awaitable<trigger_run_status> workflows::get_trigger_run_status(request_options options) const {
  return rest::call<trigger_run_status>(engine_of(state_), rest::operation(verb::get, route("/v1/trigger-runs/status")),
                                        std::move(options));
}

asio::awaitable<value> workflows::test_trigger(test_trigger_request request, request_options options) const {
  return rest::call<value>(engine_of(state_),
                           rest::operation(verb::post, route("/v1/test-trigger")).with_body(json::encode(request)),
                           std::move(options));
}

// ---- tables, fields, records -----------------------------------------------------------------

paginator<table> workflows::list_tables(page_params params, request_options options) const {
  return seek_pages<table>(state_, route("/v1/tables"), params.limit, params.cursor, std::move(options));
}

asio::awaitable<table> workflows::get_table(std::string table_id, request_options options) const {
  return rest::call<table>(engine_of(state_),
                           rest::operation(verb::get, one("/v1/tables", "table_id", std::move(table_id))),
                           std::move(options));
}

asio::awaitable<std::vector<field>> workflows::list_fields(std::string table_id, request_options options) const {
  route r("/v1/fields");
  r.required_query("table_id", "tableId", std::move(table_id));
  return rest::call<std::vector<field>>(engine_of(state_),
                                        rest::operation(verb::get, std::move(r)).decode(detail::bare_or_wrapped_list),
                                        std::move(options));
}

asio::awaitable<field> workflows::get_field(std::string field_id, request_options options) const {
  return rest::call<field>(engine_of(state_),
                           rest::operation(verb::get, one("/v1/fields", "field_id", std::move(field_id))),
                           std::move(options));
}

asio::awaitable<field> workflows::create_field(std::string table_id, std::string name, field_type type,
                                               request_options options) const {
  return rest::call<field>(
      engine_of(state_),
      rest::operation(verb::post, route("/v1/fields"))
          .with_body(
              value(object{{"tableId", std::move(table_id)}, {"name", std::move(name)}, {"type", type.value()}})),
      std::move(options));
}

asio::awaitable<field> workflows::update_field(std::string field_id, std::string name, request_options options) const {
  return rest::call<field>(engine_of(state_),
                           rest::operation(verb::post, one("/v1/fields", "field_id", std::move(field_id)))
                               .with_body(value(object{{"name", std::move(name)}})),
                           std::move(options));
}

asio::awaitable<void> workflows::delete_field(std::string field_id, request_options options) const {
  return rest::call_void(engine_of(state_),
                         rest::operation(verb::delete_, one("/v1/fields", "field_id", std::move(field_id))),
                         std::move(options));
}

paginator<record> workflows::list_records(std::string table_id, page_params params, request_options options) const {
  route r("/v1/records");
  r.required_query("table_id", "tableId", std::move(table_id));
  return seek_pages<record>(state_, std::move(r), params.limit, params.cursor, std::move(options));
}

asio::awaitable<record> workflows::get_record(std::string record_id, request_options options) const {
  return rest::call<record>(engine_of(state_),
                            rest::operation(verb::get, one("/v1/records", "record_id", std::move(record_id))),
                            std::move(options));
}

asio::awaitable<std::vector<record>> workflows::create_records(std::string table_id,
                                                               std::vector<std::vector<cell_input>> records,
                                                               request_options options) const {
  boost::json::array rows;
  for (const auto& cells : records) rows.push_back(cells_json(cells));
  return rest::call<std::vector<record>>(
      engine_of(state_),
      rest::operation(verb::post, route("/v1/records"))
          .with_body(value(object{{"tableId", std::move(table_id)}, {"records", std::move(rows)}})),
      std::move(options));
}

asio::awaitable<record> workflows::update_record(std::string record_id, std::string table_id,
                                                 std::vector<cell_input> cells, request_options options) const {
  return rest::call<record>(
      engine_of(state_),
      rest::operation(verb::post, one("/v1/records", "record_id", std::move(record_id)))
          .with_body(value(object{{"tableId", std::move(table_id)}, {"cells", cells_json(cells)}})),
      std::move(options));
}

asio::awaitable<void> workflows::delete_records(std::vector<std::string> record_ids, request_options options) const {
  return rest::call_void(
      engine_of(state_),
      rest::operation(verb::delete_, route("/v1/records")).with_body(value(object{{"ids", json::encode(record_ids)}})),
      std::move(options));
}

// ---- MCP servers -----------------------------------------------------------------------------

paginator<mcp_server> workflows::list_mcp_servers(list_mcp_servers_params params, request_options options) const {
  return detail::seek_project_pages<mcp_server>(state_, route("/v1/mcp-servers"), std::move(params.project_id),
                                                params.limit, std::move(params.cursor), std::move(options),
                                                "list_mcp_servers");
}

asio::awaitable<mcp_server> workflows::get_mcp_server(std::string mcp_server_id, request_options options) const {
  return rest::call<mcp_server>(
      engine_of(state_), rest::operation(verb::get, one("/v1/mcp-servers", "mcp_server_id", std::move(mcp_server_id))),
      std::move(options));
}

asio::awaitable<mcp_server> workflows::create_mcp_server(create_mcp_server_request request,
                                                         request_options options) const {
  return do_create_mcp_server(state_, std::move(request), std::move(options));
}

asio::awaitable<mcp_server> workflows::update_mcp_server(std::string mcp_server_id, update_mcp_server_request request,
                                                         request_options options) const {
  return rest::call<mcp_server>(
      engine_of(state_),
      rest::operation(verb::post, one("/v1/mcp-servers", "mcp_server_id", std::move(mcp_server_id)))
          .with_body(update_mcp_body(request)),
      std::move(options));
}

asio::awaitable<void> workflows::delete_mcp_server(std::string mcp_server_id, request_options options) const {
  return rest::call_void(
      engine_of(state_),
      rest::operation(verb::delete_, one("/v1/mcp-servers", "mcp_server_id", std::move(mcp_server_id))),
      std::move(options));
}

asio::awaitable<mcp_server> workflows::rotate_mcp_token(std::string mcp_server_id, request_options options) const {
  // No body and no Content-Type, as the OpenAPI document and the TypeScript SDK have it (the
  // engine answers an empty body labelled JSON with 400).
  auto r = one("/v1/mcp-servers", "mcp_server_id", std::move(mcp_server_id));
  r.then("/rotate");
  return rest::call<mcp_server>(engine_of(state_), rest::operation(verb::post, std::move(r)), std::move(options));
}

// ---- invitations, projects, channel automation -----------------------------------------------

paginator<user_invitation> workflows::list_invitations(list_invitations_params params, request_options options) const {
  route r("/v1/user-invitations");
  r.query("type", invitation_type_name(params.type)).query_if("projectId", params.project_id);
  return seek_pages<user_invitation>(state_, std::move(r), params.limit, params.cursor, std::move(options));
}

asio::awaitable<void> workflows::delete_invitation(std::string invitation_id, request_options options) const {
  return rest::call_void(
      engine_of(state_),
      rest::operation(verb::delete_, one("/v1/user-invitations", "invitation_id", std::move(invitation_id))),
      std::move(options));
}

asio::awaitable<std::string> workflows::resolve_project_id(request_options options) const {
  return detail::resolve_project(state_, std::move(options), "resolve_project_id");
}

asio::awaitable<std::vector<channel_automation>> workflows::list_channel_automation(
    std::optional<std::string> channel_type, request_options options) const {
  route r("/v1/workflows/channel_automation");
  r.query_if("channelType", channel_type);
  return rest::call<std::vector<channel_automation>>(
      channels_of(state_), rest::operation(verb::get, std::move(r)).decode(detail::bare_or_wrapped_list),
      std::move(options));
}

}  // namespace flowsdk::imbrace
