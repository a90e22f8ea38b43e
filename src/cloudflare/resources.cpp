// Workflows, settings, instances and versions: the 21 operations of the Workflows API.
#include "flowsdk/cloudflare/instances.hpp"
#include "flowsdk/cloudflare/versions.hpp"
#include "flowsdk/cloudflare/workflows.hpp"

#include "requests.hpp"

#include "../core/uuid.hpp"
#include "../rest/poll.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace flowsdk::cloudflare {

namespace asio = boost::asio;
using boost::json::object;
using boost::json::value;
using detail::api_of;
using detail::instance_route;
using detail::paged;
using detail::route;
using detail::state_ptr;
using detail::workflow_route;
using detail::workflows_route;
using http::verb;

namespace {

void check_batch_size(std::size_t n, const char* what) {
  if (n == 0 || n > 100) throw_invalid_argument(std::string(what) + " takes 1 to 100 items, not " + std::to_string(n));
}

value instance_body(const detail::client_state& st, const instance_create& in) {
  object o;
  if (!in.instance_id.empty()) o.emplace("instance_id", in.instance_id);
  if (!in.params.is_null()) {
    o.emplace("params", st.params_as_string ? value(boost::json::serialize(in.params)) : in.params);
  }
  if (in.instance_retention) o.emplace("instance_retention", json::encode(*in.instance_retention));
  if (in.location_hint) o.emplace("location_hint", *in.location_hint);
  return o;
}

asio::awaitable<instance_created> do_create(state_ptr st, std::string workflow, instance_create in,
                                            request_options options) {
  options = rest::whole_call(st->api, std::move(options));  // the read-back shares the deadline
  const bool generated_id = in.instance_id.empty();
  if (generated_id) in.instance_id = flowsdk::detail::random_uuid();
  const std::string id = in.instance_id;
  try {
    // The id makes the create safe to send twice: a replay is refused as a duplicate.
    co_return co_await rest::call<instance_created>(
        api_of(st),
        rest::operation(verb::post, workflow_route(*st, workflow).then("/instances"))
            .with_body(instance_body(*st, in))
            .declare(http::idempotency::idempotent),
        options);
  } catch (const error& e) {
    // A duplicate of a random id the client chose can only be an earlier send of this very
    // call (a retry, or a resend on a fresh connection); of a caller's id, only after a retry.
    if (e.code() != errc::conflict || (!generated_id && e.details().attempts < 2)) throw;
  }
  detail::route r = instance_route(*st, workflow, id);
  r.query("simple", "true");
  auto details =
      co_await rest::call<instance_details>(api_of(st), rest::operation(verb::get, std::move(r)), std::move(options));
  instance_created out;
  out.id = id;
  out.status = details.status;
  out.version_id = details.version_id;
  if (details.trigger) out.trigger_source = details.trigger->source;
  co_return out;
}

asio::awaitable<std::vector<instance_created>> do_create_batch(state_ptr st, std::string workflow,
                                                               std::vector<instance_create> instances,
                                                               request_options options) {
  check_batch_size(instances.size(), "create_batch");
  boost::json::array body;
  for (const auto& in : instances) body.push_back(instance_body(*st, in));
  co_return co_await rest::call<std::vector<instance_created>>(
      api_of(st),
      rest::operation(verb::post, workflow_route(*st, workflow).then("/instances/batch"))
          .with_body(value(std::move(body))),
      std::move(options));
}

asio::awaitable<step_output_result> do_step(state_ptr st, std::string workflow, std::string instance_id,
                                            step_output_params p, request_options options) {
  if (p.name.empty()) throw_invalid_argument("step_output_params::name must not be empty");
  if (p.type != "step" && p.type != "waitForEvent")
    throw_invalid_argument("step_output_params::type must be \"step\" or \"waitForEvent\"");
  if (p.attempt && p.type == "waitForEvent") throw_invalid_argument("a waitForEvent step has no attempts");
  route path = instance_route(*st, std::move(workflow), std::move(instance_id));
  path.then("/step").query("name", p.name).query("type", p.type);
  if (p.attempt) path.query("attempt", std::to_string(*p.attempt));

  // Step outputs may be raw bytes, so this reads the response itself instead of the envelope.
  rest::reply r = co_await rest::send(api_of(st), rest::operation(verb::get, std::move(path)), std::move(options));
  step_output_result out;
  out.content_type = std::string(r.response.header("content-type"));
  if (out.content_type.find("json") == std::string::npos) {
    out.raw = std::move(r.response.body);
    co_return out;
  }
  out.json = rest::decode<step_output>(st->api, r, rest::payload_rule{});
  co_return out;
}

}  // namespace

// ---- workflows and settings --------------------------------------------------------------------

paginator<workflow> workflows::list_workflows(list_workflows_params params, request_options options) const {
  route r = workflows_route(*state_);
  r.query_if("search", params.search).query_if("per_page", params.per_page);
  return paged<workflow>(state_, std::move(r), detail::page_numbers, std::move(options), params.page);
}

asio::awaitable<workflow> workflows::get_workflow(std::string name, request_options options) const {
  return rest::call<workflow>(api_of(state_), rest::operation(verb::get, workflow_route(*state_, std::move(name))),
                              std::move(options));
}

asio::awaitable<workflow_put_result> workflows::put_workflow(std::string name, workflow_put body,
                                                             request_options options) const {
  return rest::call<workflow_put_result>(
      api_of(state_),
      rest::operation(verb::put, workflow_route(*state_, std::move(name))).with_body(json::encode(body)),
      std::move(options));
}

asio::awaitable<void> workflows::delete_workflow(std::string name, request_options options) const {
  return rest::call_void(api_of(state_), rest::operation(verb::delete_, workflow_route(*state_, std::move(name))),
                         std::move(options));
}

asio::awaitable<workflow_settings> workflows::get_settings(request_options options) const {
  return rest::call<workflow_settings>(
      api_of(state_), rest::operation(verb::get, workflows_route(*state_).then("/settings")), std::move(options));
}

asio::awaitable<workflow_settings> workflows::update_settings(workflow_settings settings,
                                                              request_options options) const {
  return rest::call<workflow_settings>(
      api_of(state_),
      rest::operation(verb::patch, workflows_route(*state_).then("/settings")).with_body(json::encode(settings)),
      std::move(options));
}

// ---- instances ---------------------------------------------------------------------------------

paginator<instance_summary> instances::list(std::string workflow, list_instances_params params,
                                            request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/instances");
  if (params.status) r.query("status", params.status->value());
  r.query_if("date_start", params.date_start).query_if("date_end", params.date_end);
  r.query_if("direction", params.direction).query_if("per_page", params.per_page);
  const rest::page_scheme& how = params.mode == pagination_mode::cursor ? detail::cursors : detail::page_numbers;
  return paged<instance_summary>(state_, std::move(r), how, std::move(options));
}

asio::awaitable<instance_details> instances::get(std::string workflow, std::string instance_id,
                                                 get_instance_params params, request_options options) const {
  route r = instance_route(*state_, std::move(workflow), std::move(instance_id));
  if (params.simple) r.query("simple", "true");
  r.query_if("order", params.order);
  return rest::call<instance_details>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

namespace {

asio::awaitable<instance_details> do_wait_for_instance(state_ptr st, std::string workflow, std::string instance_id,
                                                       wait_options options, std::vector<instance_status> until) {
  route r = instance_route(*st, std::move(workflow), instance_id);
  r.query("simple", "true");                           // the status is what is waited for, not the step log
  std::string target = r.target(st->api.base_path());  // an empty name or id fails here, when awaited
  auto poll = std::make_shared<rest::typed_poll<instance_details>>();
  poll->read = [st, r](request_options per_read) {
    return rest::call<instance_details>(api_of(st), rest::operation(verb::get, r), std::move(per_read));
  };
  std::string waited_for = "reach a final status";
  for (std::size_t i = 0; i < until.size(); ++i) waited_for += (i == 0 ? " or " : "/") + until[i].value();
  poll->done = [until = std::move(until)](const instance_details& d) {
    return d.status.is_terminal() || std::find(until.begin(), until.end(), d.status) != until.end();
  };
  poll->state = [](const instance_details& d) { return d.status.value(); };
  rest::poll_subject subject("instance \"" + instance_id + "\"", std::move(waited_for), "GET", std::move(target));
  co_return co_await rest::poll_for(st->api.transport(), options, std::move(subject), std::move(poll));
}

}  // namespace

asio::awaitable<instance_details> instances::wait_for_instance(std::string workflow, std::string instance_id,
                                                               wait_options options,
                                                               std::vector<instance_status> until) const {
  return do_wait_for_instance(state_, std::move(workflow), std::move(instance_id), options, std::move(until));
}

asio::awaitable<instance_created> instances::create(std::string workflow, instance_create instance,
                                                    request_options options) const {
  return do_create(state_, std::move(workflow), std::move(instance), std::move(options));
}

asio::awaitable<std::vector<instance_created>> instances::create_batch(std::string workflow,
                                                                       std::vector<instance_create> instances,
                                                                       request_options options) const {
  return do_create_batch(state_, std::move(workflow), std::move(instances), std::move(options));
}

asio::awaitable<step_output_result> instances::step(std::string workflow, std::string instance_id,
                                                    step_output_params params, request_options options) const {
  return do_step(state_, std::move(workflow), std::move(instance_id), std::move(params), std::move(options));
}

asio::awaitable<status_change_result> instances::change_status(std::string workflow, std::string instance_id,
                                                               status_change change, request_options options) const {
  route r = instance_route(*state_, std::move(workflow), std::move(instance_id));
  r.then("/status");
  // Pause and resume can be repeated harmlessly; terminate and restart must not be.
  return rest::call<status_change_result>(
      api_of(state_),
      rest::operation(verb::patch, std::move(r))
          .with_body(value(change.to_json()))
          .declare(change.repeatable() ? http::idempotency::idempotent : http::idempotency::by_method),
      std::move(options));
}

asio::awaitable<instance_ack> instances::send_event(std::string workflow, std::string instance_id,
                                                    std::string event_type, value payload,
                                                    request_options options) const {
  route r = instance_route(*state_, std::move(workflow), std::move(instance_id));
  r.then("/events").id("event_type", std::move(event_type));
  // An event without a payload is sent as {}, never as an empty JSON body.
  // The 7.1 document makes the result optional; 7.3 servers answer {instanceId, timestamp}.
  return rest::call<instance_ack>(api_of(state_),
                                  rest::operation(verb::post, std::move(r))
                                      .with_body(payload.is_null() ? value(object()) : std::move(payload))
                                      .decode(detail::result_may_be_absent),
                                  std::move(options));
}

asio::awaitable<instance_ack> instances::remove(std::string workflow, std::string instance_id,
                                                request_options options) const {
  return rest::call<instance_ack>(
      api_of(state_),
      rest::operation(verb::delete_, instance_route(*state_, std::move(workflow), std::move(instance_id))),
      std::move(options));
}

asio::awaitable<batch_delete_result> instances::remove_batch(std::string workflow,
                                                             std::vector<std::string> instance_ids,
                                                             request_options options) const {
  check_batch_size(instance_ids.size(), "remove_batch");
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/instances/batch/delete");
  return rest::call<batch_delete_result>(
      api_of(state_),
      rest::operation(verb::post, std::move(r)).with_body(value(object{{"instances", json::encode(instance_ids)}})),
      std::move(options));
}

asio::awaitable<batch_terminate_result> instances::terminate_batch(std::string workflow,
                                                                   std::vector<std::string> instance_ids,
                                                                   request_options options) const {
  check_batch_size(instance_ids.size(), "terminate_batch");
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/instances/batch/terminate");
  // The body is a bare array of ids.
  return rest::call<batch_terminate_result>(
      api_of(state_), rest::operation(verb::post, std::move(r)).with_body(json::encode(instance_ids)),
      std::move(options));
}

asio::awaitable<terminate_job_status> instances::terminate_status(std::string workflow, request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/instances/terminate");
  return rest::call<terminate_job_status>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

// ---- versions ----------------------------------------------------------------------------------

paginator<version> versions::list(std::string workflow, list_versions_params params, request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/versions").query_if("per_page", params.per_page);
  return paged<version>(state_, std::move(r), detail::page_numbers, std::move(options), params.page);
}

asio::awaitable<version> versions::get(std::string workflow, std::string version_id, request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/versions").id("version_id", std::move(version_id));
  return rest::call<version>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

asio::awaitable<version_graph> versions::graph(std::string workflow, std::string version_id,
                                               request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/versions").id("version_id", std::move(version_id)).then("/graph");
  return rest::call<version_graph>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

asio::awaitable<version_dag> versions::dag(std::string workflow, std::string version_id,
                                           request_options options) const {
  route r = workflow_route(*state_, std::move(workflow));
  r.then("/versions").id("version_id", std::move(version_id)).then("/dag");
  return rest::call<version_dag>(api_of(state_), rest::operation(verb::get, std::move(r)), std::move(options));
}

}  // namespace flowsdk::cloudflare
