#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/core/wait_options.hpp"
#include "flowsdk/imbrace/flow_operation.hpp"
#include "flowsdk/imbrace/flow_spec.hpp"
#include "flowsdk/imbrace/models.hpp"
#include "flowsdk/imbrace/params.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::imbrace {

class client;

namespace detail {
struct client_state;
}

/// The flow engine, `client.workflows()`: flows and their operations, webhook triggers, runs,
/// folders, app connections, pieces, tables, MCP servers and invitations. Method names follow
/// the vendor SDKs' `client.workflows.*` (listFlows is list_flows); docs/imbrace.md maps them.
/// A cheap handle made by imbrace::client; copies share the client, and every method may be
/// called from any number of coroutines at once.
///
/// Rules for every method below (a method's doc says where it differs):
/// - **Lifetime.** A returned awaitable or paginator owns copies of its arguments and a share
///   of the client's state; it borrows neither this handle nor the client. So
///   `co_spawn(ex, client.workflows().get_run(id), ...)` is fine although the temporary handle
///   dies at once. Nothing is sent until the awaitable is awaited or the paginator is asked
///   for an item or a page (docs/pagination.md).
/// - **Retries.** GET and DELETE are retried per the client's retry policy. A POST is retried
///   only with request_options::idempotency_key set (the engine does not de-duplicate, so do
///   not set it here), or when the failure proves the request never left
///   (docs/retries-and-timeouts.md).
/// - **Errors.** Failures throw flowsdk::error (docs/errors.md): errc::unauthorized for bad
///   credentials, errc::not_found for an unknown id (vendor_code "ENTITY_NOT_FOUND"),
///   errc::bad_request for a validation error (vendor_code "FST_ERR_VALIDATION"),
///   errc::decode_error for an answer that is not the documented JSON, and transport failures
///   (timeout, connection_lost, ...). Ids are percent-encoded into the path; an empty id fails
///   with errc::invalid_argument when awaited, before any I/O.
/// - Paths are relative to the engine, `{gateway}/activepieces`. `options` overrides timeouts,
///   retries and headers for one call.
class workflows {
 public:
  // ---- flows ---------------------------------------------------------------------------------

  /// Flows, newest first. `GET /v1/flows?limit&cursor&projectId&folderId&status`.
  paginator<flow> list_flows(list_flows_params params = {}, request_options options = {}) const;

  /// One flow with its current version. `GET /v1/flows/{id}`.
  boost::asio::awaitable<flow> get_flow(std::string flow_id, request_options options = {}) const;

  /// Creates a disabled flow with an empty draft and returns it. `POST /v1/flows` (201).
  /// In the caller's project (resolve_project_id, one more GET first) unless the request names
  /// one. errc::invalid_argument for an empty display_name.
  boost::asio::awaitable<flow> create_flow(create_flow_request request, request_options options = {}) const;

  /// Deletes a flow. `DELETE /v1/flows/{id}` (204).
  boost::asio::awaitable<void> delete_flow(std::string flow_id, request_options options = {}) const;

  /// Builds a whole flow and returns it, in the order the engine needs: create_flow, then
  /// UPDATE_TRIGGER, then one ADD_ACTION per step (named step_1, step_2, ... in document order;
  /// a loop's body goes INSIDE_LOOP, the step after a loop AFTER the loop), then
  /// LOCK_AND_PUBLISH if `spec.publish`, then `GET /v1/flows/{id}`. Each request follows the
  /// retry rule on its own; `options.timeout` bounds the whole build, not each request. A failure midway throws; the
  /// partly built flow stays (its id is in the error's target). errc::invalid_argument for a step with children that is
  /// not a loop.
  boost::asio::awaitable<flow> build_flow(flow_spec spec, request_options options = {}) const;

  // ---- flow operations -----------------------------------------------------------------------

  /// Applies one operation to the flow's draft and returns the flow after it.
  /// `POST /v1/flows/{id}` with `{"type", "request"}`.
  boost::asio::awaitable<flow> apply_flow_operation(std::string flow_id, flow_operation operation,
                                                    request_options options = {}) const;
  /// The same with a hand-built `{"type": ..., "request": {...}}` body; errc::invalid_argument
  /// without a non-empty "type" string.
  boost::asio::awaitable<flow> apply_flow_operation(std::string flow_id, boost::json::object operation,
                                                    request_options options = {}) const;

  // ---- webhook triggers ----------------------------------------------------------------------

  /// Triggers the flow's published version asynchronously; `payload` is the request body the
  /// flow sees. Returns the `x-webhook-id` and the engine's body. `POST /v1/webhooks/{id}`.
  /// errc::not_found if the flow is not enabled, errc::gone if it does not exist.
  boost::asio::awaitable<webhook_result> trigger_flow(std::string flow_id,
                                                      boost::json::value payload = boost::json::object(),
                                                      request_options options = {}) const;

  /// Triggers the flow and returns its own HTTP response (a "Return Response" step): status,
  /// headers, raw body and the body as JSON when it is JSON. `POST /v1/webhooks/{id}/sync`.
  /// A 204 means the engine gave up waiting (sync_webhook_result::no_response()); a non-2xx
  /// answer throws flowsdk::error with the flow's status and body. The attempt deadline is
  /// client_options::sync_trigger_timeout unless `options` sets one.
  boost::asio::awaitable<sync_webhook_result> trigger_flow_sync(std::string flow_id,
                                                                boost::json::value payload = boost::json::object(),
                                                                request_options options = {}) const;

  // ---- runs ----------------------------------------------------------------------------------

  /// Runs, newest first; list items carry no `steps`.
  /// `GET /v1/flow-runs?limit&cursor&flowId&status&projectId&tags&createdAfter&createdBefore`.
  paginator<flow_run> list_runs(list_runs_params params = {}, request_options options = {}) const;

  /// One run with its per-step results. `GET /v1/flow-runs/{id}`.
  boost::asio::awaitable<flow_run> get_run(std::string run_id, request_options options = {}) const;

  /// Waits for a run to end and returns it as it ended (with its per-step results): reads it
  /// with `GET /v1/flow-runs/{id}` until its status is final, pausing between reads as
  /// `options` says (backoff with jitter, docs/waiting.md). Final: SUCCEEDED, FAILED, TIMEOUT,
  /// CANCELED, QUOTA_EXCEEDED, INTERNAL_ERROR, MEMORY_LIMIT_EXCEEDED (and STOPPED, which older
  /// engines send). QUEUED, RUNNING and PAUSED are not, nor is a status this release does not
  /// know: the wait goes on. Throws errc::timeout when `options.timeout` passes first (the
  /// cause names the last status seen; the run goes on), errc::cancelled on cancellation, and
  /// a failed read at once (errc::not_found for an unknown run, after the read's own retries).
  /// An async trigger_flow does not say which run it started; docs/imbrace.md, "Waiting for a run".
  boost::asio::awaitable<flow_run> wait_for_run(std::string run_id, wait_options options = {}) const;

  // ---- folders -------------------------------------------------------------------------------

  /// Folders. `GET /v1/folders?limit&cursor`.
  paginator<folder> list_folders(page_params params = {}, request_options options = {}) const;
  /// One folder. `GET /v1/folders/{id}`.
  boost::asio::awaitable<folder> get_folder(std::string folder_id, request_options options = {}) const;
  /// Creates a folder and returns it. `POST /v1/folders`.
  boost::asio::awaitable<folder> create_folder(create_folder_request request, request_options options = {}) const;
  /// Renames a folder and returns it. `POST /v1/folders/{id}` with `{"displayName"}` (the
  /// engine updates with POST, so this is not retried).
  boost::asio::awaitable<folder> update_folder(std::string folder_id, std::string display_name,
                                               request_options options = {}) const;
  /// Deletes a folder. `DELETE /v1/folders/{id}`.
  boost::asio::awaitable<void> delete_folder(std::string folder_id, request_options options = {}) const;

  // ---- app connections -----------------------------------------------------------------------

  /// Connections, never with their secrets. `GET /v1/app-connections?limit&cursor&projectId&pieceName`.
  paginator<app_connection> list_connections(list_connections_params params = {}, request_options options = {}) const;
  /// One connection, without its secret. `GET /v1/app-connections/{id}`.
  boost::asio::awaitable<app_connection> get_connection(std::string connection_id, request_options options = {}) const;
  /// Creates a connection, or replaces the one with the same external id in the project, and
  /// returns it. The secret goes to the server only. `POST /v1/app-connections`.
  /// errc::invalid_argument for an empty external_id, display_name, piece_name or project_id.
  boost::asio::awaitable<app_connection> upsert_connection(upsert_connection_request request,
                                                           request_options options = {}) const;
  /// Deletes a connection. `DELETE /v1/app-connections/{id}`.
  boost::asio::awaitable<void> delete_connection(std::string connection_id, request_options options = {}) const;

  // ---- pieces --------------------------------------------------------------------------------

  /// Every piece the engine offers, as a plain list (the engine does not page it). `GET /v1/pieces`.
  boost::asio::awaitable<std::vector<piece_summary>> list_pieces(request_options options = {}) const;
  /// One piece with its actions and triggers; the latest version unless one is given.
  /// `GET /v1/pieces/{name}?version`.
  boost::asio::awaitable<piece> get_piece(std::string name, std::optional<std::string> version = std::nullopt,
                                          request_options options = {}) const;

  // ---- triggers ------------------------------------------------------------------------------

  /// Trigger successes and failures per piece and day. `GET /v1/trigger-runs/status`.
  boost::asio::awaitable<trigger_run_status> get_trigger_run_status(request_options options = {}) const;
  /// Tests a flow's trigger; returns the engine's answer as JSON. `POST /v1/test-trigger`.
  boost::asio::awaitable<boost::json::value> test_trigger(test_trigger_request request,
                                                          request_options options = {}) const;

  // ---- tables and fields ---------------------------------------------------------------------

  /// Tables. `GET /v1/tables?limit&cursor`.
  paginator<table> list_tables(page_params params = {}, request_options options = {}) const;
  /// One table. `GET /v1/tables/{id}`.
  boost::asio::awaitable<table> get_table(std::string table_id, request_options options = {}) const;
  /// The fields of a table, as a plain list. `GET /v1/fields?tableId`; errc::invalid_argument
  /// for an empty table id.
  boost::asio::awaitable<std::vector<field>> list_fields(std::string table_id, request_options options = {}) const;
  /// One field. `GET /v1/fields/{id}`.
  boost::asio::awaitable<field> get_field(std::string field_id, request_options options = {}) const;
  /// Adds a field to a table and returns it. `POST /v1/fields` with `{"tableId", "name", "type"}`.
  boost::asio::awaitable<field> create_field(std::string table_id, std::string name, field_type type,
                                             request_options options = {}) const;
  /// Renames a field and returns it. `POST /v1/fields/{id}` with `{"name"}`.
  boost::asio::awaitable<field> update_field(std::string field_id, std::string name,
                                             request_options options = {}) const;
  /// Deletes a field. `DELETE /v1/fields/{id}`.
  boost::asio::awaitable<void> delete_field(std::string field_id, request_options options = {}) const;

  // ---- records -------------------------------------------------------------------------------

  /// Records of a table, newest first. `GET /v1/records?tableId&limit&cursor`;
  /// errc::invalid_argument for an empty table id.
  paginator<record> list_records(std::string table_id, page_params params = {}, request_options options = {}) const;
  /// One record. `GET /v1/records/{id}`.
  boost::asio::awaitable<record> get_record(std::string record_id, request_options options = {}) const;
  /// Creates one record per inner vector of cells and returns them.
  /// `POST /v1/records` (201) with `{"tableId", "records": [[cell...]...]}`.
  boost::asio::awaitable<std::vector<record>> create_records(std::string table_id,
                                                             std::vector<std::vector<cell_input>> records,
                                                             request_options options = {}) const;
  /// Sets the given cells, the others keep their values; returns the record.
  /// `POST /v1/records/{id}` with `{"tableId", "cells"}`.
  boost::asio::awaitable<record> update_record(std::string record_id, std::string table_id,
                                               std::vector<cell_input> cells, request_options options = {}) const;
  /// Deletes records. `DELETE /v1/records` with `{"ids": [...]}` in the body.
  boost::asio::awaitable<void> delete_records(std::vector<std::string> record_ids, request_options options = {}) const;

  // ---- MCP servers ---------------------------------------------------------------------------

  /// MCP servers of a project, every page (the vendor SDKs stop at the first).
  /// `GET /v1/mcp-servers?projectId&limit&cursor`; without a project id the caller's project
  /// is resolved (resolve_project_id) when the first page is asked for.
  paginator<mcp_server> list_mcp_servers(list_mcp_servers_params params = {}, request_options options = {}) const;
  /// One MCP server with its tools. `GET /v1/mcp-servers/{id}`.
  boost::asio::awaitable<mcp_server> get_mcp_server(std::string mcp_server_id, request_options options = {}) const;
  /// Creates an MCP server and returns it. `POST /v1/mcp-servers`; in the caller's project
  /// (resolve_project_id, one more GET first) unless the request names one.
  boost::asio::awaitable<mcp_server> create_mcp_server(create_mcp_server_request request = create_mcp_server_request(),
                                                       request_options options = {}) const;
  /// Renames it and/or replaces its whole tool list; returns it. `POST /v1/mcp-servers/{id}`
  /// with `{"name"?, "tools"?}`.
  boost::asio::awaitable<mcp_server> update_mcp_server(std::string mcp_server_id, update_mcp_server_request request,
                                                       request_options options = {}) const;
  /// Deletes an MCP server. `DELETE /v1/mcp-servers/{id}`.
  boost::asio::awaitable<void> delete_mcp_server(std::string mcp_server_id, request_options options = {}) const;
  /// Issues a new token (the old one stops working) and returns the server with it.
  /// `POST /v1/mcp-servers/{id}/rotate`, no body.
  boost::asio::awaitable<mcp_server> rotate_mcp_token(std::string mcp_server_id, request_options options = {}) const;

  // ---- invitations and projects --------------------------------------------------------------

  /// Invitations of one type. `GET /v1/user-invitations?type&limit&cursor&projectId`.
  paginator<user_invitation> list_invitations(list_invitations_params params, request_options options = {}) const;
  /// Deletes an invitation. `DELETE /v1/user-invitations/{id}`.
  boost::asio::awaitable<void> delete_invitation(std::string invitation_id, request_options options = {}) const;

  /// The caller's project id: `GET /v1/users/projects/current`, or, if that fails, the project
  /// of the newest flow (`GET /v1/flows?limit=1`). Cached per client after the first success.
  /// errc::not_found when neither answers (an organisation without flows on an older gateway):
  /// pass the project id explicitly then.
  boost::asio::awaitable<std::string> resolve_project_id(request_options options = {}) const;

  // ---- channel automation --------------------------------------------------------------------

  /// Channel automations, optionally of one channel type, as a plain list. On the channel
  /// service, not the engine: `GET {gateway}/channel-service/v1/workflows/channel_automation?channelType`.
  boost::asio::awaitable<std::vector<channel_automation>> list_channel_automation(
      std::optional<std::string> channel_type = std::nullopt, request_options options = {}) const;

 private:
  friend class client;
  explicit workflows(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::imbrace
