#pragma once
#include "flowsdk/cloudflare/models/version.hpp"
#include "flowsdk/cloudflare/models/version_dag.hpp"
#include "flowsdk/cloudflare/models/version_graph.hpp"
#include "flowsdk/cloudflare/params/list_versions_params.hpp"
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

/// Deployed versions of a workflow, `client.versions()`; paths below are under
/// `/workflows/{workflow}/versions`. A cheap handle made by cloudflare::client.
///
/// The rules of cloudflare::workflows hold for every method: the returned awaitable or
/// paginator owns copies of what it needs and borrows neither this handle nor the client
/// (`co_spawn(ex, cf.versions().get(wf, id), ...)` is fine); every method is a GET, retried
/// per the retry policy; failures throw flowsdk::error (docs/errors.md),
/// errc::invalid_argument for an empty name or id.
class versions {
 public:
  /// Versions of a workflow, page by page. `GET .../versions?page&per_page`.
  paginator<version> list(std::string workflow, list_versions_params params = {}, request_options options = {}) const;
  /// One version. `GET .../versions/{id}`.
  boost::asio::awaitable<version> get(std::string workflow, std::string version_id, request_options options = {}) const;
  /// The version's step graph (none when the version has none). `GET .../versions/{id}/graph`.
  boost::asio::awaitable<version_graph> graph(std::string workflow, std::string version_id,
                                              request_options options = {}) const;
  /// The version's DAG as JSON (none when the version has none). `GET .../versions/{id}/dag`.
  boost::asio::awaitable<version_dag> dag(std::string workflow, std::string version_id,
                                          request_options options = {}) const;

 private:
  friend class client;
  explicit versions(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
