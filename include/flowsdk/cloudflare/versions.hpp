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

/// Deployed versions of a workflow (`/accounts/{account_id}/workflows/{workflow}/versions`).
/// Conventions as in cloudflare::workflows.
class versions {
 public:
  explicit versions(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  /// `GET .../versions?page&per_page`
  paginator<version> list(std::string workflow, list_versions_params params = {}, request_options options = {}) const;
  /// `GET .../versions/{id}`
  boost::asio::awaitable<version> get(std::string workflow, std::string version_id, request_options options = {}) const;
  /// The version's step graph. `GET .../versions/{id}/graph`
  boost::asio::awaitable<version_graph> graph(std::string workflow, std::string version_id,
                                              request_options options = {}) const;
  /// The version's DAG. `GET .../versions/{id}/dag`
  boost::asio::awaitable<version_dag> dag(std::string workflow, std::string version_id,
                                          request_options options = {}) const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
