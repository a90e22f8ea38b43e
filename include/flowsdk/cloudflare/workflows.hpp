#pragma once
#include "flowsdk/cloudflare/models/workflow.hpp"
#include "flowsdk/cloudflare/models/workflow_put_result.hpp"
#include "flowsdk/cloudflare/models/workflow_settings.hpp"
#include "flowsdk/cloudflare/params/list_workflows_params.hpp"
#include "flowsdk/cloudflare/params/workflow_put.hpp"
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>
#include <utility>

namespace flowsdk::cloudflare {

class client;

namespace detail {
struct client_state;
}

/// Workflows of an account and the account's Workflows settings, `client.workflows()`.
/// A cheap handle made by cloudflare::client; copies share the client, and every method may
/// be called from any number of coroutines at once.
///
/// Rules for every method below, and for cloudflare::instances and cloudflare::versions (a
/// method's doc says where it differs):
/// - **Lifetime.** A returned awaitable or paginator owns copies of its arguments and a share
///   of the client's state; it borrows neither this handle nor the client, so
///   `co_spawn(ex, cf.workflows().get_workflow(name), ...)` is fine although the temporary
///   handle dies at once. Nothing is sent until it is awaited or asked for a page.
/// - **Retries.** GET, PUT and DELETE are retried per the client's retry policy; POST and PATCH
///   only with request_options::idempotency_key set or where the method says the operation is
///   safe to repeat, otherwise only when the failure proves the request never left
///   (docs/retries-and-timeouts.md).
/// - **Errors.** Failures throw flowsdk::error (docs/errors.md). The API's `{success, errors,
///   messages, result, result_info}` envelope is unwrapped: a failure envelope puts every
///   vendor code and message in error_details::vendor_errors, and a 2xx whose envelope says
///   `success: false` throws errc::api_failure. Names and ids are percent-encoded; an empty one
///   fails with errc::invalid_argument when awaited, before any I/O.
/// - Paths are relative to `{base_url}/accounts/{account_id}` (docs/cloudflare.md;
///   https://developers.cloudflare.com/api/resources/workflows/). `options` overrides
///   timeouts, retries and headers for one call.
class workflows {
 public:
  /// Workflows ordered by name, page by page; stops at the last page without an extra request
  /// when the server says how many pages there are. `GET /workflows?page&per_page&search`.
  paginator<workflow> list_workflows(list_workflows_params params = {}, request_options options = {}) const;
  /// One workflow with its instance counts. `GET /workflows/{name}`.
  boost::asio::awaitable<workflow> get_workflow(std::string name, request_options options = {}) const;
  /// Creates or updates a workflow; each call deploys a new version, whose id the result
  /// carries. `PUT /workflows/{name}`.
  boost::asio::awaitable<workflow_put_result> put_workflow(std::string name, workflow_put body,
                                                           request_options options = {}) const;
  /// Deletes a workflow and its instances. `DELETE /workflows/{name}`.
  boost::asio::awaitable<void> delete_workflow(std::string name, request_options options = {}) const;

  /// The account's Workflows defaults. `GET /workflows/settings`.
  boost::asio::awaitable<workflow_settings> get_settings(request_options options = {}) const;
  /// Merges the given defaults into the account's settings and returns the result.
  /// `PATCH /workflows/settings`.
  boost::asio::awaitable<workflow_settings> update_settings(workflow_settings settings,
                                                            request_options options = {}) const;

 private:
  friend class client;
  explicit workflows(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
