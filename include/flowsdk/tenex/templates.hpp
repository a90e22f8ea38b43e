#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/tenex/models/workflow.hpp"
#include "flowsdk/tenex/models/workflow_template.hpp"
#include "flowsdk/tenex/params/list_templates_params.hpp"
#include "flowsdk/tenex/params/template_inputs.hpp"

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <string>
#include <utility>

namespace flowsdk::tenex {

class client;

namespace detail {
struct client_state;
}

/// Workflow templates, `client.templates()`: the vetted, parameterised graphs a workflow is
/// instantiated from. Routes under `/templates`.
///
/// The rules of every 10ex handle: a cheap copy made by tenex::client; the returned awaitable
/// or paginator owns copies of what it needs and borrows neither this handle nor the client;
/// GET, PUT, PATCH and DELETE are retried per the retry policy, a POST only where the method
/// says so (it then carries an Idempotency-Key generated once per call); failures throw
/// flowsdk::error (docs/errors.md, docs/tenex.md), errc::invalid_argument for an empty id
/// before anything is sent.
class templates {
 public:
  /// Templates, newest first, page by page (`graph` is left out of list items; get() has it).
  /// `GET /templates?limit&cursor&category&q`; = MCP `list_workflow_templates`. Retried.
  /// Throws errc::invalid_argument at once for a limit outside 1..200.
  paginator<workflow_template> list(list_templates_params params = {}, request_options options = {}) const;
  /// One template with its inputs_schema and graph. `GET /templates/{slug}`. Retried.
  boost::asio::awaitable<workflow_template> get(std::string slug, request_options options = {}) const;
  /// A new workflow made from the template with `inputs` (checked against its inputs_schema:
  /// errc::unprocessable). `POST /templates/{slug}/instantiate` → 201 workflow; = MCP
  /// `create_workflow_from_template`. Carries an Idempotency-Key (options.idempotency_key, or
  /// one generated for this call) and is retried with the same key, so a retry never makes a
  /// second workflow.
  boost::asio::awaitable<workflow> instantiate(std::string slug, template_inputs inputs,
                                               request_options options = {}) const;

 private:
  friend class client;
  explicit templates(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::tenex
