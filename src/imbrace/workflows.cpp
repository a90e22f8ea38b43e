#include "flowsdk/imbrace/workflows.hpp"

#include "client_state.hpp"

#include <boost/json/parse.hpp>

namespace flowsdk::imbrace {

namespace asio = boost::asio;
using flowsdk::detail::decode_body;
using flowsdk::detail::parse_body;
using flowsdk::detail::service;
using flowsdk::detail::throw_decode_error;
using http::verb;
using state_ptr = std::shared_ptr<detail::client_state>;

namespace {

/// Decodes an Activepieces SeekPage `{data: [...], next, previous}`.
template <class T>
page<T> decode_seek_page(const http::response& r, const std::string& target) {
  const auto doc = parse_body(r, "GET", target);
  const auto* data = doc.is_object() ? doc.get_object().if_contains("data") : nullptr;
  if (!data || !data->is_array()) throw_decode_error(r, "GET", target, "expected a page {data: [...], next}");
  page<T> p;
  try {
    json::decode(*data, p.items);
  } catch (json::decode_exception& e) {
    e.prepend(".data");
    throw_decode_error(r, "GET", target, e.what());
  }
  if (const auto* next = doc.get_object().if_contains("next"); next && next->is_string()) {
    p.next_token = std::string(next->get_string());
  }
  return p;
}

/// Fetches one page of a SeekPage list: the route's own filters come in `target`.
template <class T>
asio::awaitable<page<T>> fetch_seek_page(state_ptr st, target_builder target, std::optional<int> limit,
                                         std::optional<std::string> cursor, request_options options) {
  if (limit) target.query("limit", std::to_string(*limit));
  if (cursor) target.query("cursor", *cursor);
  std::string path = std::move(target).str();
  http::response r = co_await st->engine.send(http::request(verb::get, path), std::move(options));
  co_return decode_seek_page<T>(r, path);
}

target_builder flows_target(const detail::client_state& st, const list_flows_params& p) {
  auto t = st.engine.target();
  t.route("/v1/flows");
  if (p.project_id) t.query("projectId", *p.project_id);
  if (p.folder_id) t.query("folderId", *p.folder_id);
  if (p.status) t.query("status", p.status->value());
  return t;
}

target_builder runs_target(const detail::client_state& st, const list_runs_params& p) {
  auto t = st.engine.target();
  t.route("/v1/flow-runs");
  if (p.flow_id) t.query("flowId", *p.flow_id);
  if (p.project_id) t.query("projectId", *p.project_id);
  if (p.status) t.query("status", p.status->value());
  for (const auto& tag : p.tags) t.query("tags", tag);
  if (p.created_after) t.query("createdAfter", *p.created_after);
  if (p.created_before) t.query("createdBefore", *p.created_before);
  return t;
}

/// A paginator over a SeekPage route. The first page starts at `first_cursor` if given.
template <class T>
paginator<T> seek_paginator(state_ptr st, target_builder base, std::optional<int> limit,
                            std::optional<std::string> first_cursor, request_options options) {
  // The lambda only forwards to a coroutine that takes everything by value, so nothing it
  // captures has to outlive a suspension.
  return paginator<T>([st = std::move(st), base = std::move(base), limit, first_cursor = std::move(first_cursor),
                       options = std::move(options)](std::optional<std::string> token) {
    return fetch_seek_page<T>(st, base, limit, token ? std::move(token) : first_cursor, options);
  });
}

asio::awaitable<http::response> post_webhook(state_ptr st, std::string path, boost::json::value payload,
                                             request_options options) {
  // The hand-written vendor SDKs send the payload itself, not the {payload: ...} wrapper of the
  // OpenAPI document; the engine hands this body to the flow's trigger.
  co_return co_await st->engine.send(service::json_request(verb::post, std::move(path), payload), std::move(options));
}

// Each public method is a plain function that hands a copy of the shared state to a coroutine
// taking everything by value: awaitables start lazily, so a coroutine member would read `this`
// after a temporary handle (`client.workflows().get_run(id)` passed to co_spawn) has died.

asio::awaitable<flow> do_get_flow(state_ptr st, std::string flow_id, request_options options) {
  auto path = st->engine.target().route("/v1/flows").id("flow_id", flow_id).str();
  co_return co_await st->engine.call<flow>(http::request(verb::get, std::move(path)), std::move(options));
}

asio::awaitable<flow> do_create_flow(state_ptr st, create_flow_request request, request_options options) {
  if (request.display_name.empty()) {
    error_details d;
    d.cause = "create_flow_request::display_name must not be empty";
    throw error(errc::invalid_argument, std::move(d));
  }
  auto path = st->engine.target().route("/v1/flows").str();
  co_return co_await st->engine.call<flow>(service::json_request(verb::post, std::move(path), json::encode(request)),
                                           std::move(options));
}

asio::awaitable<void> do_delete_flow(state_ptr st, std::string flow_id, request_options options) {
  auto path = st->engine.target().route("/v1/flows").id("flow_id", flow_id).str();
  co_await st->engine.send(http::request(verb::delete_, std::move(path)), std::move(options));
}

asio::awaitable<flow> do_apply_flow_operation(state_ptr st, std::string flow_id, boost::json::object operation,
                                              request_options options) {
  auto path = st->engine.target().route("/v1/flows").id("flow_id", flow_id).str();
  const auto* type = operation.if_contains("type");
  if (!type || !type->is_string() || type->get_string().empty()) {
    error_details d;
    d.cause = "a flow operation needs a \"type\" string";
    throw error(errc::invalid_argument, std::move(d));
  }
  co_return co_await st->engine.call<flow>(service::json_request(verb::post, std::move(path), operation),
                                           std::move(options));
}

asio::awaitable<webhook_result> do_trigger_flow(state_ptr st, std::string flow_id, boost::json::value payload,
                                                request_options options) {
  auto path = st->engine.target().route("/v1/webhooks").id("flow_id", flow_id).str();
  const std::string target = path;
  http::response r = co_await post_webhook(st, std::move(path), std::move(payload), std::move(options));
  webhook_result out;
  out.webhook_id = std::string(r.header("x-webhook-id"));
  out.body = r.body.empty() ? boost::json::value(boost::json::object()) : parse_body(r, "POST", target);
  co_return out;
}

asio::awaitable<sync_webhook_result> do_trigger_flow_sync(state_ptr st, std::string flow_id, boost::json::value payload,
                                                          request_options options) {
  auto path = st->engine.target().route("/v1/webhooks").id("flow_id", flow_id).route("/sync").str();
  if (!options.attempt_timeout) options.attempt_timeout = st->sync_trigger_timeout;
  http::response r = co_await post_webhook(st, std::move(path), std::move(payload), std::move(options));
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

asio::awaitable<flow_run> do_get_run(state_ptr st, std::string run_id, request_options options) {
  auto path = st->engine.target().route("/v1/flow-runs").id("run_id", run_id).str();
  co_return co_await st->engine.call<flow_run>(http::request(verb::get, std::move(path)), std::move(options));
}

}  // namespace

paginator<flow> workflows::list_flows(list_flows_params params, request_options options) const {
  auto target = flows_target(*state_, params);
  return seek_paginator<flow>(state_, std::move(target), params.limit, params.cursor, std::move(options));
}

asio::awaitable<flow> workflows::get_flow(std::string flow_id, request_options options) const {
  return do_get_flow(state_, std::move(flow_id), std::move(options));
}

asio::awaitable<flow> workflows::create_flow(create_flow_request request, request_options options) const {
  return do_create_flow(state_, std::move(request), std::move(options));
}

asio::awaitable<void> workflows::delete_flow(std::string flow_id, request_options options) const {
  return do_delete_flow(state_, std::move(flow_id), std::move(options));
}

asio::awaitable<flow> workflows::apply_flow_operation(std::string flow_id, boost::json::object operation,
                                                      request_options options) const {
  return do_apply_flow_operation(state_, std::move(flow_id), std::move(operation), std::move(options));
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
  auto target = runs_target(*state_, params);
  return seek_paginator<flow_run>(state_, std::move(target), params.limit, params.cursor, std::move(options));
}

asio::awaitable<flow_run> workflows::get_run(std::string run_id, request_options options) const {
  return do_get_run(state_, std::move(run_id), std::move(options));
}

bool flow_run_status::is_terminal() const noexcept {
  return !(*this == queued || *this == running || *this == paused || empty());
}

}  // namespace flowsdk::imbrace
