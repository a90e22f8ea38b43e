// Flows, flow operations, webhook triggers and runs.
#include "flowsdk/imbrace/workflows.hpp"

#include "requests.hpp"

#include "../rest/poll.hpp"

#include <boost/json/parse.hpp>

namespace flowsdk::imbrace {

namespace asio = boost::asio;
using detail::engine_of;
using detail::route;
using detail::seek_pages;
using detail::state_ptr;
using http::verb;

namespace {

route flow_route(std::string flow_id) {
  route r("/v1/flows");
  r.id("flow_id", std::move(flow_id));
  return r;
}

route webhook_route(std::string flow_id, const char* suffix) {
  route r("/v1/webhooks");
  r.id("flow_id", std::move(flow_id)).then(suffix);
  return r;
}

asio::awaitable<flow> do_create_flow(state_ptr st, create_flow_request request, request_options options,
                                     const char* purpose) {
  if (request.display_name.empty()) throw_invalid_argument("create_flow_request::display_name must not be empty");
  options = rest::whole_call(st->engine, std::move(options));  // the project lookup shares it
  // The engine's document requires the project; resolve the caller's when it is not given.
  if (!request.project_id || request.project_id->empty()) {
    request.project_id = co_await detail::project_or_resolved(st, std::nullopt, options, purpose);
  }
  co_return co_await rest::call<flow>(engine_of(st),
                                      rest::operation(verb::post, route("/v1/flows")).with_body(json::encode(request)),
                                      std::move(options));
}

asio::awaitable<flow> do_apply_raw(state_ptr st, std::string flow_id, boost::json::object operation,
                                   request_options options) {
  const auto* type = operation.if_contains("type");
  if (!type || !type->is_string() || type->get_string().empty())
    throw_invalid_argument("a flow operation needs a \"type\" string");
  co_return co_await rest::call<flow>(
      engine_of(st),
      rest::operation(verb::post, flow_route(std::move(flow_id))).with_body(boost::json::value(std::move(operation))),
      std::move(options));
}

/// A POST to a webhook. The hand-written vendor SDKs send the payload itself, not the
/// {payload: ...} wrapper of the OpenAPI document; the engine hands this body to the trigger.
rest::operation webhook_post(std::string flow_id, const char* suffix, boost::json::value payload) {
  return rest::operation(verb::post, webhook_route(std::move(flow_id), suffix)).with_body(std::move(payload));
}

asio::awaitable<webhook_result> do_trigger_flow(state_ptr st, std::string flow_id, boost::json::value payload,
                                                request_options options) {
  rest::reply r =
      co_await rest::send(engine_of(st), webhook_post(std::move(flow_id), "", std::move(payload)), std::move(options));
  webhook_result out;
  out.webhook_id = std::string(r.response.header("x-webhook-id"));
  out.body = r.response.body.empty() ? boost::json::value(boost::json::object()) : rest::parse(r);
  co_return out;
}

asio::awaitable<sync_webhook_result> do_trigger_flow_sync(state_ptr st, std::string flow_id, boost::json::value payload,
                                                          request_options options) {
  if (!options.attempt_timeout) options.attempt_timeout = st->sync_trigger_timeout;
  rest::reply reply = co_await rest::send(engine_of(st), webhook_post(std::move(flow_id), "/sync", std::move(payload)),
                                          std::move(options));
  http::response& r = reply.response;
  sync_webhook_result out;
  out.status = r.status;
  out.webhook_id = std::string(r.header("x-webhook-id"));
  if (r.header("content-type").find("json") != std::string_view::npos && !r.body.empty()) {
    boost::system::error_code ec;
    auto doc = boost::json::parse(r.body, ec);
    if (!ec) out.json = std::move(doc);  // a flow may mislabel its body; the raw bytes remain
  }
  out.body = std::move(r.body);
  out.headers = std::move(r.headers);
  co_return out;
}

/// Adds `steps` after `parent` (the first one at `first_location`), loop bodies inside their
/// loops, numbering steps in document order.
asio::awaitable<void> add_steps(state_ptr st, std::string flow_id, std::string parent, step_location first_location,
                                std::vector<flow_step> steps, int& counter, request_options options) {
  step_location where = first_location;
  for (auto& step : steps) {
    step.action.rename("step_" + std::to_string(++counter));
    if (!step.children.empty() && !step.action.is_loop()) {
      throw_invalid_argument("step \"" + step.action.name() + "\" has children but is not a loop_on_items step");
    }
    auto op = flow_operation::add_action(parent, where, step.action);
    co_await rest::call<flow>(
        engine_of(st), rest::operation(verb::post, flow_route(flow_id)).with_body(boost::json::value(op.to_json())),
        options);
    if (!step.children.empty()) {
      co_await add_steps(st, flow_id, step.action.name(), step_location::inside_loop, std::move(step.children), counter,
                         options);
    }
    // The next sibling goes after this step, not after its loop body: otherwise the engine
    // orphans every later step.
    parent = step.action.name();
    where = step_location::after;
  }
}

asio::awaitable<flow> do_build_flow(state_ptr st, flow_spec spec, request_options options) {
  options = rest::whole_call(st->engine, std::move(options));  // one deadline for every step
  create_flow_request create(spec.display_name, spec.project_id);
  create.folder_id = spec.folder_id;
  flow created = co_await do_create_flow(st, std::move(create), options, "build_flow");
  const std::string id = created.id;
  auto trigger = flow_operation::update_trigger(spec.trigger);
  co_await rest::call<flow>(
      engine_of(st), rest::operation(verb::post, flow_route(id)).with_body(boost::json::value(trigger.to_json())),
      options);
  int counter = 0;
  co_await add_steps(st, id, "trigger", step_location::after, std::move(spec.steps), counter, options);
  if (spec.publish) {
    co_await rest::call<flow>(engine_of(st),
                              rest::operation(verb::post, flow_route(id))
                                  .with_body(boost::json::value(flow_operation::lock_and_publish().to_json())),
                              options);
  }
  // Re-read: the engine has been seen to answer 200 to an operation yet drop its content.
  co_return co_await rest::call<flow>(engine_of(st), rest::operation(verb::get, flow_route(id)), std::move(options));
}

route flows_route(const list_flows_params& p) {
  route r("/v1/flows");
  r.query_if("projectId", p.project_id).query_if("folderId", p.folder_id);
  if (p.status) r.query("status", p.status->value());
  return r;
}

route runs_route(const list_runs_params& p) {
  route r("/v1/flow-runs");
  r.query_if("flowId", p.flow_id).query_if("projectId", p.project_id);
  if (p.status) r.query("status", p.status->value());
  for (const auto& tag : p.tags) r.query("tags", tag);
  r.query_if("createdAfter", p.created_after).query_if("createdBefore", p.created_before);
  return r;
}

}  // namespace

paginator<flow> workflows::list_flows(list_flows_params params, request_options options) const {
  return seek_pages<flow>(state_, flows_route(params), params.limit, params.cursor, std::move(options));
}

asio::awaitable<flow> workflows::get_flow(std::string flow_id, request_options options) const {
  return rest::call<flow>(engine_of(state_), rest::operation(verb::get, flow_route(std::move(flow_id))),
                          std::move(options));
}

asio::awaitable<flow> workflows::create_flow(create_flow_request request, request_options options) const {
  return do_create_flow(state_, std::move(request), std::move(options), "create_flow");
}

asio::awaitable<void> workflows::delete_flow(std::string flow_id, request_options options) const {
  return rest::call_void(engine_of(state_), rest::operation(verb::delete_, flow_route(std::move(flow_id))),
                         std::move(options));
}

asio::awaitable<flow> workflows::apply_flow_operation(std::string flow_id, flow_operation operation,
                                                      request_options options) const {
  return rest::call<flow>(
      engine_of(state_),
      rest::operation(verb::post, flow_route(std::move(flow_id))).with_body(boost::json::value(operation.to_json())),
      std::move(options));
}

asio::awaitable<flow> workflows::apply_flow_operation(std::string flow_id, boost::json::object operation,
                                                      request_options options) const {
  return do_apply_raw(state_, std::move(flow_id), std::move(operation), std::move(options));
}

asio::awaitable<flow> workflows::build_flow(flow_spec spec, request_options options) const {
  return do_build_flow(state_, std::move(spec), std::move(options));
}

asio::awaitable<webhook_result> workflows::trigger_flow(std::string flow_id, boost::json::value payload,
                                                        request_options options) const {
  return do_trigger_flow(state_, std::move(flow_id), std::move(payload), std::move(options));
}

asio::awaitable<sync_webhook_result> workflows::trigger_flow_sync(std::string flow_id, boost::json::value payload,
                                                                  request_options options) const {
  return do_trigger_flow_sync(state_, std::move(flow_id), std::move(payload), std::move(options));
}

paginator<flow_run> workflows::list_runs(list_runs_params params, request_options options) const {
  return seek_pages<flow_run>(state_, runs_route(params), params.limit, params.cursor, std::move(options));
}

namespace {

route run_route(std::string run_id) {
  route r("/v1/flow-runs");
  r.id("run_id", std::move(run_id));
  return r;
}

asio::awaitable<flow_run> do_wait_for_run(state_ptr st, std::string run_id, wait_options options) {
  const route r = run_route(run_id);
  std::string target = r.target(st->engine.base_path());  // an empty id fails here, when awaited
  auto poll = std::make_shared<rest::typed_poll<flow_run>>();
  poll->read = [st, r](request_options per_read) {
    return rest::call<flow_run>(engine_of(st), rest::operation(verb::get, r), std::move(per_read));
  };
  poll->done = [](const flow_run& run) { return run.status.is_terminal(); };
  poll->state = [](const flow_run& run) { return run.status.value(); };
  rest::poll_subject subject("run \"" + run_id + "\"", "reach a final status", "GET", std::move(target));
  co_return co_await rest::poll_for(st->engine.transport(), options, std::move(subject), std::move(poll));
}

}  // namespace

asio::awaitable<flow_run> workflows::get_run(std::string run_id, request_options options) const {
  return rest::call<flow_run>(engine_of(state_), rest::operation(verb::get, run_route(std::move(run_id))),
                              std::move(options));
}

asio::awaitable<flow_run> workflows::wait_for_run(std::string run_id, wait_options options) const {
  return do_wait_for_run(state_, std::move(run_id), options);
}

}  // namespace flowsdk::imbrace
