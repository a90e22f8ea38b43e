#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/tenex/models/workflow.hpp"
#include "flowsdk/tenex/models/workflow_version.hpp"
#include "flowsdk/tenex/params/graph_update.hpp"
#include "flowsdk/tenex/params/list_workflows_params.hpp"
#include "flowsdk/tenex/params/workflow_create.hpp"
#include "flowsdk/tenex/params/workflow_update.hpp"
#include "flowsdk/tenex/version_conflict.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace flowsdk::tenex {

class client;

namespace detail {
struct client_state;
}

/// Workflows and their versions, `client.workflows()`. Routes under `/workflows`.
///
/// The rules of every 10ex handle: a cheap copy made by tenex::client; the returned awaitable
/// or paginator owns copies of what it needs and borrows neither this handle nor the client;
/// GET, PUT, PATCH and DELETE are retried per the retry policy, a POST only where the method
/// says so (it then carries an Idempotency-Key generated once per call); failures throw
/// flowsdk::error (docs/errors.md, docs/tenex.md), errc::invalid_argument for an empty id
/// before anything is sent.
///
/// Versions are integers from 1: a version below 1 (or above INT_MAX) is errc::invalid_argument
/// at once. Concurrency control of graph edits: workflow::latest_version is the version an edit
/// is based on; replace_graph sends it as `If-Match` and throws tenex::version_conflict when the
/// workflow has moved on.
class workflows {
 public:
  /// Workflows, newest first, page by page. `GET /workflows?limit&cursor&status&q`. Retried.
  /// Throws errc::invalid_argument at once for a limit outside 1..200.
  paginator<workflow> list(list_workflows_params params = {}, request_options options = {}) const;
  /// A new `draft` workflow with version 1. `POST /workflows` → 201. A plain POST: not retried
  /// once it may have reached the server (a retry could create a second workflow), only when
  /// the failure proves it was never sent.
  boost::asio::awaitable<workflow> create(workflow_create body, request_options options = {}) const;
  /// One workflow, with active_version and latest_version. `GET /workflows/{id}`. Retried.
  boost::asio::awaitable<workflow> get(std::string workflow_id, request_options options = {}) const;
  /// Changes the metadata: name, description, status active or paused (errc::invalid_argument
  /// at once for another status). `PATCH /workflows/{id}`; errc::conflict (`no_active_version`)
  /// to activate a workflow without an active version. Retried: setting the same values twice
  /// is harmless.
  boost::asio::awaitable<workflow> update(std::string workflow_id, workflow_update changes,
                                          request_options options = {}) const;
  /// Replaces the graph (and the schemas that are set) and returns the new, not yet active,
  /// version. `PUT /workflows/{id}/graph`, with `If-Match: "<expected_version>"` when
  /// expected_version is set (std::nullopt: accepted whatever the latest version is). Throws
  /// tenex::version_conflict (errc::conflict, the 412's details) when the latest version is no
  /// longer expected_version; its current_version() comes from a GET of the workflow made
  /// within the same timeout. errc::unprocessable for a graph the server finds invalid.
  /// Retried (PUT); note that a retry after a lost answer is itself refused with a conflict
  /// when the first attempt was applied: version_conflict::details().attempts is then above 1.
  boost::asio::awaitable<workflow_version> replace_graph(std::string workflow_id, graph_update update,
                                                         std::optional<std::int64_t> expected_version,
                                                         request_options options = {}) const;
  /// Archives the workflow: its runs are kept, new runs are refused (409). `POST
  /// /workflows/{id}/archive` → the workflow, status archived. Retried: archiving twice is
  /// harmless.
  boost::asio::awaitable<workflow> archive(std::string workflow_id, request_options options = {}) const;

  /// The workflow's versions, newest first, page by page. `GET /workflows/{id}/versions?limit&cursor`.
  /// Retried. errc::invalid_argument at once for a limit outside 1..200.
  paginator<workflow_version> list_versions(std::string workflow_id, std::optional<int> limit = std::nullopt,
                                            request_options options = {}) const;
  /// One version, its graph and schemas. `GET /workflows/{id}/versions/{version}`. Retried.
  boost::asio::awaitable<workflow_version> get_version(std::string workflow_id, std::int64_t version,
                                                       request_options options = {}) const;
  /// Makes the version the one new runs use. `POST /workflows/{id}/versions/{version}/activate`;
  /// errc::conflict (`version_archived`) for an archived version. Retried: activating twice is
  /// harmless.
  boost::asio::awaitable<workflow_version> activate_version(std::string workflow_id, std::int64_t version,
                                                            request_options options = {}) const;
  /// Archives the version, keeping its run history. `POST /workflows/{id}/versions/{version}/archive`;
  /// errc::conflict (`version_active`) for the active version. Retried: archiving twice is
  /// harmless.
  boost::asio::awaitable<workflow_version> archive_version(std::string workflow_id, std::int64_t version,
                                                           request_options options = {}) const;

 private:
  friend class client;
  explicit workflows(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::tenex
