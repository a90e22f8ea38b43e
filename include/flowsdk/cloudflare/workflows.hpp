#pragma once
#include "flowsdk/cloudflare/models.hpp"
#include "flowsdk/cloudflare/params.hpp"
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>

namespace flowsdk::cloudflare {

namespace detail {
struct client_state;
}

/// Workflows of an account and the account's Workflows settings
/// (`/accounts/{account_id}/workflows`). A cheap handle; copies share the client.
///
/// Common to all methods (and to `instances` and `versions`):
/// - The `{success, errors, messages, result, result_info}` envelope is unwrapped; a failure
///   envelope throws flowsdk::error with every vendor code and message in
///   error_details::vendor_errors; a 2xx whose envelope says `success: false` throws
///   errc::api_failure.
/// - Names and ids are percent-encoded; an empty one fails with errc::invalid_argument
///   before any I/O.
/// - GET, PUT and DELETE are retried per the retry policy; 409 never is.
class workflows {
 public:
  explicit workflows(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  /// Workflows ordered by name, page by page; stops at the last page without an extra request
  /// when the server says how many pages there are. `GET /workflows?page&per_page&search`
  paginator<workflow> list_workflows(list_workflows_params params = {}, request_options options = {}) const;
  /// `GET /workflows/{name}`
  boost::asio::awaitable<workflow> get_workflow(std::string name, request_options options = {}) const;
  /// Creates or updates a workflow; each call deploys a new version. `PUT /workflows/{name}`
  boost::asio::awaitable<workflow_put_result> put_workflow(std::string name, workflow_put body,
                                                           request_options options = {}) const;
  /// Deletes a workflow and its instances. `DELETE /workflows/{name}`
  boost::asio::awaitable<void> delete_workflow(std::string name, request_options options = {}) const;

  /// `GET /workflows/settings`
  boost::asio::awaitable<workflow_settings> get_settings(request_options options = {}) const;
  /// Merges the given defaults into the account's settings. `PATCH /workflows/settings`
  boost::asio::awaitable<workflow_settings> update_settings(workflow_settings settings,
                                                            request_options options = {}) const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
