#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/imbrace/flow_operation.hpp"
#include "flowsdk/imbrace/flow_spec.hpp"
#include "flowsdk/imbrace/models.hpp"
#include "flowsdk/imbrace/params.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>

namespace flowsdk::imbrace {

namespace detail {
struct client_state;
}

/// The flow engine (`client.workflows()`): flows, their operations, webhook triggers and runs.
/// A cheap handle; copies share the client. Every method can be called from any number of
/// coroutines at once.
///
/// Common to all methods:
/// - Ids are percent-encoded into the path; an empty id fails with errc::invalid_argument
///   before any I/O.
/// - Failures throw flowsdk::error: errc::unauthorized for bad credentials, errc::not_found for
///   unknown ids (vendor_code "ENTITY_NOT_FOUND"), errc::bad_request for validation errors
///   (vendor_code "FST_ERR_VALIDATION"), and transport failures (timeout, connection_lost, ...).
/// - GET and DELETE are retried per the retry policy; POSTs are not (the engine has no
///   idempotency keys), except when the request provably never left.
/// - `options` overrides timeouts, retries and headers for one call.
class workflows {
 public:
  explicit workflows(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  /// Flows, newest first. No request is made until the paginator is asked for an item or page.
  /// `GET /v1/flows?limit&cursor&projectId&folderId&status`
  paginator<flow> list_flows(list_flows_params params = {}, request_options options = {}) const;

  /// `GET /v1/flows/{id}`
  boost::asio::awaitable<flow> get_flow(std::string flow_id, request_options options = {}) const;

  /// Creates a disabled flow with an empty draft, in the caller's project (resolve_project_id)
  /// unless the request names one. `POST /v1/flows` (201)
  boost::asio::awaitable<flow> create_flow(create_flow_request request, request_options options = {}) const;

  /// `DELETE /v1/flows/{id}` (204)
  boost::asio::awaitable<void> delete_flow(std::string flow_id, request_options options = {}) const;

  /// Applies one operation to the flow's draft and returns the flow after it. Not retried.
  /// `POST /v1/flows/{id}`
  boost::asio::awaitable<flow> apply_flow_operation(std::string flow_id, flow_operation operation,
                                                    request_options options = {}) const;
  /// The same with a hand-built `{"type": ..., "request": {...}}` body (errc::invalid_argument
  /// without a "type" string).
  boost::asio::awaitable<flow> apply_flow_operation(std::string flow_id, boost::json::object operation,
                                                    request_options options = {}) const;

  /// Creates a flow from a trigger and steps, in the order the engine needs: create, then
  /// UPDATE_TRIGGER, then one ADD_ACTION per step (named step_1, step_2, ... in document order;
  /// a loop's body goes INSIDE_LOOP, the step after a loop AFTER the loop), then LOCK_AND_PUBLISH
  /// if asked, then a fresh GET of the flow, which is returned. A failure midway throws; the
  /// partly built flow stays (its id is in the error's target).
  boost::asio::awaitable<flow> build_flow(flow_spec spec, request_options options = {}) const;

  /// Triggers the flow's published version asynchronously with `payload` as the request body
  /// the flow sees. Throws errc::not_found if the flow is not enabled and errc::gone if it does
  /// not exist. `POST /v1/webhooks/{id}`
  boost::asio::awaitable<webhook_result> trigger_flow(std::string flow_id,
                                                      boost::json::value payload = boost::json::object(),
                                                      request_options options = {}) const;

  /// Triggers the flow and waits for its own HTTP response (a "Return Response" step). A 204
  /// result means the engine gave up waiting (sync_webhook_result::no_response()). A non-2xx
  /// answer throws flowsdk::error with the flow's status and body. The attempt deadline is
  /// client_options::sync_trigger_timeout unless `options` sets one. Never retried once sent.
  /// `POST /v1/webhooks/{id}/sync`
  boost::asio::awaitable<sync_webhook_result> trigger_flow_sync(std::string flow_id,
                                                                boost::json::value payload = boost::json::object(),
                                                                request_options options = {}) const;

  /// Runs, newest first; list items carry no `steps`.
  /// `GET /v1/flow-runs?limit&cursor&flowId&status&projectId&tags&createdAfter&createdBefore`
  paginator<flow_run> list_runs(list_runs_params params = {}, request_options options = {}) const;

  /// One run with its per-step results. `GET /v1/flow-runs/{id}`
  boost::asio::awaitable<flow_run> get_run(std::string run_id, request_options options = {}) const;

  // ---- folders -------------------------------------------------------------------------------

  /// `GET /v1/folders?limit&cursor`
  paginator<folder> list_folders(page_params params = {}, request_options options = {}) const;
  /// `GET /v1/folders/{id}`
  boost::asio::awaitable<folder> get_folder(std::string folder_id, request_options options = {}) const;
  /// `POST /v1/folders`
  boost::asio::awaitable<folder> create_folder(create_folder_request request, request_options options = {}) const;
  /// Renames a folder. `POST /v1/folders/{id}` (the engine updates with POST)
  boost::asio::awaitable<folder> update_folder(std::string folder_id, std::string display_name,
                                               request_options options = {}) const;
  /// `DELETE /v1/folders/{id}`
  boost::asio::awaitable<void> delete_folder(std::string folder_id, request_options options = {}) const;

  // ---- app connections -----------------------------------------------------------------------

  /// Connections; never with their secrets. `GET /v1/app-connections?limit&cursor&projectId&pieceName`
  paginator<app_connection> list_connections(list_connections_params params = {}, request_options options = {}) const;
  /// `GET /v1/app-connections/{id}`
  boost::asio::awaitable<app_connection> get_connection(std::string connection_id, request_options options = {}) const;
  /// Creates a connection, or replaces the one with the same external id. The secret goes to
  /// the server only. Empty ids or names fail with errc::invalid_argument before any I/O.
  /// `POST /v1/app-connections`
  boost::asio::awaitable<app_connection> upsert_connection(upsert_connection_request request,
                                                           request_options options = {}) const;
  /// `DELETE /v1/app-connections/{id}`
  boost::asio::awaitable<void> delete_connection(std::string connection_id, request_options options = {}) const;

  // ---- pieces and triggers -------------------------------------------------------------------

  /// Every piece the engine offers (a plain list: the engine does not page it). `GET /v1/pieces`
  boost::asio::awaitable<std::vector<piece_summary>> list_pieces(request_options options = {}) const;
  /// One piece with its actions and triggers; the latest version unless one is given.
  /// `GET /v1/pieces/{name}?version`
  boost::asio::awaitable<piece> get_piece(std::string name, std::optional<std::string> version = std::nullopt,
                                          request_options options = {}) const;
  /// Trigger successes and failures per piece and day. `GET /v1/trigger-runs/status`
  boost::asio::awaitable<trigger_run_status> get_trigger_run_status(request_options options = {}) const;
  /// Tests a flow's trigger; returns what the engine answers. Not retried. `POST /v1/test-trigger`
  boost::asio::awaitable<boost::json::value> test_trigger(test_trigger_request request,
                                                          request_options options = {}) const;

  // ---- tables, fields, records ---------------------------------------------------------------

  /// `GET /v1/tables?limit&cursor`
  paginator<table> list_tables(page_params params = {}, request_options options = {}) const;
  /// `GET /v1/tables/{id}`
  boost::asio::awaitable<table> get_table(std::string table_id, request_options options = {}) const;
  /// The fields of a table. `GET /v1/fields?tableId`
  boost::asio::awaitable<std::vector<field>> list_fields(std::string table_id, request_options options = {}) const;
  /// `GET /v1/fields/{id}`
  boost::asio::awaitable<field> get_field(std::string field_id, request_options options = {}) const;
  /// `POST /v1/fields`
  boost::asio::awaitable<field> create_field(std::string table_id, std::string name, field_type type,
                                             request_options options = {}) const;
  /// Renames a field. `POST /v1/fields/{id}`
  boost::asio::awaitable<field> update_field(std::string field_id, std::string name, request_options options = {}) const;
  /// `DELETE /v1/fields/{id}`
  boost::asio::awaitable<void> delete_field(std::string field_id, request_options options = {}) const;
  /// Records of a table, newest first. `GET /v1/records?tableId&limit&cursor`
  paginator<record> list_records(std::string table_id, page_params params = {}, request_options options = {}) const;
  /// `GET /v1/records/{id}`
  boost::asio::awaitable<record> get_record(std::string record_id, request_options options = {}) const;
  /// Creates one record per inner vector of cells. Not retried. `POST /v1/records` (201)
  boost::asio::awaitable<std::vector<record>> create_records(std::string table_id,
                                                             std::vector<std::vector<cell_input>> records,
                                                             request_options options = {}) const;
  /// Sets the given cells; the others keep their values. `POST /v1/records/{id}`
  boost::asio::awaitable<record> update_record(std::string record_id, std::string table_id,
                                               std::vector<cell_input> cells, request_options options = {}) const;
  /// `DELETE /v1/records` with the ids in the body.
  boost::asio::awaitable<void> delete_records(std::vector<std::string> record_ids, request_options options = {}) const;

  // ---- MCP servers ---------------------------------------------------------------------------

  /// MCP servers of a project, every page (the vendor SDKs stop at the first). Without a
  /// project id the caller's project is resolved first (resolve_project_id).
  /// `GET /v1/mcp-servers?projectId&limit&cursor`
  paginator<mcp_server> list_mcp_servers(list_mcp_servers_params params = {}, request_options options = {}) const;
  /// `GET /v1/mcp-servers/{id}`
  boost::asio::awaitable<mcp_server> get_mcp_server(std::string mcp_server_id, request_options options = {}) const;
  /// Creates an MCP server, in the caller's project unless one is given. `POST /v1/mcp-servers`
  boost::asio::awaitable<mcp_server> create_mcp_server(create_mcp_server_request request = create_mcp_server_request(),
                                                       request_options options = {}) const;
  /// Renames it and/or replaces its whole tool list. `POST /v1/mcp-servers/{id}`
  boost::asio::awaitable<mcp_server> update_mcp_server(std::string mcp_server_id, update_mcp_server_request request,
                                                       request_options options = {}) const;
  /// `DELETE /v1/mcp-servers/{id}`
  boost::asio::awaitable<void> delete_mcp_server(std::string mcp_server_id, request_options options = {}) const;
  /// Issues a new token; the old one stops working. `POST /v1/mcp-servers/{id}/rotate`
  boost::asio::awaitable<mcp_server> rotate_mcp_token(std::string mcp_server_id, request_options options = {}) const;

  // ---- invitations, projects, channel automation ---------------------------------------------

  /// `GET /v1/user-invitations?type&limit&cursor&projectId`
  paginator<user_invitation> list_invitations(list_invitations_params params, request_options options = {}) const;
  /// `DELETE /v1/user-invitations/{id}`
  boost::asio::awaitable<void> delete_invitation(std::string invitation_id, request_options options = {}) const;

  /// The caller's project id: `GET /v1/users/projects/current`, or, if that fails, the project
  /// of the newest flow. Cached per client after the first success. Throws errc::not_found
  /// when neither answers (an organisation without flows on an older gateway): pass the
  /// project id explicitly then.
  boost::asio::awaitable<std::string> resolve_project_id(request_options options = {}) const;

  /// Channel automations (channel-service base URL), optionally of one channel type.
  /// `GET {channel-service}/v1/workflows/channel_automation?channelType`
  boost::asio::awaitable<std::vector<channel_automation>> list_channel_automation(
      std::optional<std::string> channel_type = std::nullopt, request_options options = {}) const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::imbrace
