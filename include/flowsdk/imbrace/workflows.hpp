#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
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

  /// Creates a disabled flow with an empty draft. `POST /v1/flows` (201)
  boost::asio::awaitable<flow> create_flow(create_flow_request request, request_options options = {}) const;

  /// `DELETE /v1/flows/{id}` (204)
  boost::asio::awaitable<void> delete_flow(std::string flow_id, request_options options = {}) const;

  /// Applies one flow operation `{"type": ..., "request": {...}}` to the draft and returns the
  /// flow after it. `POST /v1/flows/{id}`
  boost::asio::awaitable<flow> apply_flow_operation(std::string flow_id, boost::json::object operation,
                                                    request_options options = {}) const;

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

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::imbrace
