#include "requests.hpp"

#include "flowsdk/core/url.hpp"
#include "flowsdk/imbrace/models.hpp"

namespace flowsdk::imbrace::detail {

namespace asio = boost::asio;
using flowsdk::detail::service;

asio::awaitable<std::string> route::build(state_ptr st, request_options options) const {
  target_builder t = service_of(*st).target();
  append_path(t);
  if (needs_project_) {
    std::string project = project_.value_or("");
    if (project.empty()) project = co_await resolve_project(st, lookup_options(options));
    t.query("projectId", project);
  }
  append_query(t);
  co_return std::move(t).str();
}

asio::awaitable<http::response> send(state_ptr st, http::verb method, const route& r,
                                     std::optional<boost::json::value> body, request_options options,
                                     std::string& target) {
  target = co_await r.build(st, options);
  const service& svc = r.service_of(*st);
  if (body) co_return co_await svc.send(service::json_request(method, target, *body), std::move(options));
  co_return co_await svc.send(http::request(method, target), std::move(options));
}

asio::awaitable<void> call_empty(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                 request_options options) {
  std::string target;
  co_await send(st, method, r, std::move(body), std::move(options), target);
}

const boost::json::value* list_in(const boost::json::value& doc) {
  if (doc.is_array()) return &doc;
  if (doc.is_object()) {
    if (const auto* data = doc.get_object().if_contains("data"); data && data->is_array()) return data;
  }
  return nullptr;
}

namespace {
bool cancelled(const error& e) { return e.code() == errc::cancelled; }
}  // namespace

request_options lookup_options(const request_options& call) {
  // Deadlines and the retry budget carry over; headers, query parameters and an idempotency key
  // were meant for the call itself, not for the lookup it needs first.
  request_options o;
  o.timeout = call.timeout;
  o.attempt_timeout = call.attempt_timeout;
  o.max_retries = call.max_retries;
  return o;
}

asio::awaitable<std::string> resolve_project(state_ptr st, request_options options) {
  {
    std::lock_guard lock(st->project_mutex);
    if (st->project_id) co_return *st->project_id;
  }
  std::string id;
  std::string why;
  // The newer gateways answer /users/projects/current; older ones only reveal the project
  // through the flows it owns.
  try {
    auto p = co_await call_json<project>(st, http::verb::get, route("/v1/users/projects/current"), std::nullopt,
                                         options);
    id = p.id;
  } catch (const error& e) {
    if (cancelled(e)) throw;
    why = e.what();
  }
  if (id.empty()) {
    try {
      auto first = co_await fetch_seek_page<flow>(st, route("/v1/flows"), 1, std::nullopt, options);
      if (!first.items.empty()) id = first.items.front().project_id;
    } catch (const error& e) {
      if (cancelled(e)) throw;
      why += std::string(why.empty() ? "" : "; ") + e.what();
    }
  }
  if (id.empty()) {
    error_details d;
    d.cause = "could not resolve the caller's project (no /v1/users/projects/current and no flows" +
              (why.empty() ? std::string(")") : "; " + why + ")") + "; pass the project id explicitly";
    throw error(errc::not_found, std::move(d));
  }
  std::lock_guard lock(st->project_mutex);
  st->project_id = id;
  co_return id;
}

}  // namespace flowsdk::imbrace::detail
