// Workflows and their versions (docs/tenex.md, "Templates, workflows and versions").
#include "flowsdk/tenex/workflows.hpp"

#include "requests.hpp"

#include <climits>

namespace flowsdk::tenex {

namespace asio = boost::asio;
using detail::api_of;
using detail::route;
using detail::state_ptr;
using http::verb;

version_conflict::version_conflict(error_details details, std::optional<std::int64_t> current_version)
    : error(errc::conflict, std::move(details)), current_version_(current_version) {}

namespace {

// Versions are integers from 1; the route table takes an int.
int checked_version(std::int64_t version) {
  if (version < 1 || version > INT_MAX) {
    throw_invalid_argument("a workflow version is an integer from 1, not " + std::to_string(version));
  }
  return static_cast<int>(version);
}

asio::awaitable<workflow_version> do_replace_graph(state_ptr st, std::string workflow_id, graph_update update,
                                                   std::optional<std::int64_t> expected_version,
                                                   request_options options) {
  // The read-back after a 412 shares the call's deadline.
  options = rest::whole_call(st->api, std::move(options));
  request_options put_options = options;
  if (expected_version) {
    // A quoted integer, as an entity tag is (RFC 9110 §8.8.3).
    put_options.extra_headers.emplace_back("If-Match", "\"" + std::to_string(*expected_version) + "\"");
  }
  std::optional<error_details> conflict;
  try {
    co_return co_await rest::call<workflow_version>(
        api_of(st), rest::operation(verb::put, detail::routes::graph(workflow_id)).with_body(json::encode(update)),
        std::move(put_options));
  } catch (const error& e) {
    if (e.http_status() != 412) throw;
    conflict = e.details();
  }
  // The 412 body is not relied on to name the latest version: the workflow says it.
  std::optional<std::int64_t> current;
  try {
    const workflow wf = co_await rest::call<workflow>(
        api_of(st), rest::operation(verb::get, detail::routes::workflow(std::move(workflow_id))), std::move(options));
    current = wf.latest_version;
  } catch (const error& e) {
    if (e.code() == errc::cancelled) throw;  // the caller's cancellation wins over the conflict
    conflict->cause +=
        std::string(conflict->cause.empty() ? "" : "; ") + "reading the latest version failed: " + e.what();
  }
  throw version_conflict(std::move(*conflict), current);
}

}  // namespace

paginator<workflow> workflows::list(list_workflows_params params, request_options options) const {
  route r = detail::routes::workflows();
  if (params.status) r.query("status", params.status->value());
  r.query_if("q", params.q);
  detail::add_limit(r, params.limit);
  return detail::paged<workflow>(state_, std::move(r), std::move(options));
}

asio::awaitable<workflow> workflows::create(workflow_create body, request_options options) const {
  // By method: a POST that may have been sent is not sent again (it could make two workflows).
  return rest::call<workflow>(api_of(state_),
                              rest::operation(verb::post, detail::routes::workflows()).with_body(json::encode(body)),
                              std::move(options));
}

asio::awaitable<workflow> workflows::get(std::string workflow_id, request_options options) const {
  return rest::call<workflow>(
      api_of(state_), rest::operation(verb::get, detail::routes::workflow(std::move(workflow_id))), std::move(options));
}

asio::awaitable<workflow> workflows::update(std::string workflow_id, workflow_update changes,
                                            request_options options) const {
  if (changes.status && *changes.status != workflow_status::active && *changes.status != workflow_status::paused) {
    throw_invalid_argument("workflow_update::status is \"active\" or \"paused\", not \"" + changes.status->value() +
                           "\" (archive() archives)");
  }
  return rest::call<workflow>(api_of(state_),
                              rest::operation(verb::patch, detail::routes::workflow(std::move(workflow_id)))
                                  .with_body(json::encode(changes))
                                  .declare(http::idempotency::idempotent),
                              std::move(options));
}

asio::awaitable<workflow_version> workflows::replace_graph(std::string workflow_id, graph_update update,
                                                           std::optional<std::int64_t> expected_version,
                                                           request_options options) const {
  if (expected_version) checked_version(*expected_version);
  return do_replace_graph(state_, std::move(workflow_id), std::move(update), expected_version, std::move(options));
}

asio::awaitable<workflow> workflows::archive(std::string workflow_id, request_options options) const {
  return rest::call<workflow>(api_of(state_),
                              rest::operation(verb::post, detail::routes::archive_workflow(std::move(workflow_id)))
                                  .declare(http::idempotency::idempotent),
                              std::move(options));
}

paginator<workflow_version> workflows::list_versions(std::string workflow_id, std::optional<int> limit,
                                                     request_options options) const {
  route r = detail::routes::versions(std::move(workflow_id));
  detail::add_limit(r, limit);
  return detail::paged<workflow_version>(state_, std::move(r), std::move(options));
}

asio::awaitable<workflow_version> workflows::get_version(std::string workflow_id, std::int64_t version,
                                                         request_options options) const {
  return rest::call<workflow_version>(
      api_of(state_),
      rest::operation(verb::get, detail::routes::version(std::move(workflow_id), checked_version(version))),
      std::move(options));
}

asio::awaitable<workflow_version> workflows::activate_version(std::string workflow_id, std::int64_t version,
                                                              request_options options) const {
  return rest::call<workflow_version>(
      api_of(state_),
      rest::operation(verb::post, detail::routes::activate_version(std::move(workflow_id), checked_version(version)))
          .declare(http::idempotency::idempotent),
      std::move(options));
}

asio::awaitable<workflow_version> workflows::archive_version(std::string workflow_id, std::int64_t version,
                                                             request_options options) const {
  return rest::call<workflow_version>(
      api_of(state_),
      rest::operation(verb::post, detail::routes::archive_version(std::move(workflow_id), checked_version(version)))
          .declare(http::idempotency::idempotent),
      std::move(options));
}

}  // namespace flowsdk::tenex
