#include "requests.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <charconv>
#include <cmath>

namespace flowsdk::cloudflare::detail {

namespace asio = boost::asio;
using flowsdk::detail::service;

route workflows_route(const client_state& st) {
  route r("/accounts");
  r.id("account_id", st.account_id).then("/workflows");
  return r;
}

route workflow_route(const client_state& st, std::string workflow) {
  route r = workflows_route(st);
  r.id("workflow name", std::move(workflow));
  return r;
}

route instance_route(const client_state& st, std::string workflow, std::string instance_id) {
  route r = workflow_route(st, std::move(workflow));
  r.then("/instances").id("instance_id", std::move(instance_id));
  return r;
}

namespace {

// Reads `errors: [{code, message}]` into the details; code may be a number or a string.
void read_errors(const boost::json::object& o, error_details& d) {
  const auto* errors = o.if_contains("errors");
  if (!errors || !errors->is_array()) return;
  for (const auto& e : errors->get_array()) {
    if (!e.is_object()) continue;
    vendor_error ve;
    if (const auto* c = e.get_object().if_contains("code")) {
      if (c->is_string()) ve.code = c->get_string();
      else if (c->is_int64()) ve.code = std::to_string(c->get_int64());
      else if (c->is_uint64()) ve.code = std::to_string(c->get_uint64());
      else if (c->is_double() && std::abs(c->get_double()) < 9.2e18) ve.code = std::to_string(static_cast<std::int64_t>(c->get_double()));
    }
    if (const auto* m = e.get_object().if_contains("message"); m && m->is_string()) ve.message = m->get_string();
    d.vendor_errors.push_back(std::move(ve));
  }
  if (!d.vendor_errors.empty()) {
    d.vendor_code = d.vendor_errors.front().code;
    d.vendor_message = d.vendor_errors.front().message;
  }
}

}  // namespace

void decode_error_body(const http::response& r, error_details& d) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(r.body, ec);
  if (!ec && doc.is_object()) read_errors(doc.get_object(), d);
}

asio::awaitable<envelope> call(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                               request_options options, std::optional<bool> retry_safe) {
  target_builder t = st->api.target();
  r.append_path(t);
  r.append_query(t);
  const std::string target = std::move(t).str();
  const std::string verb_name(boost::beast::http::to_string(method));

  http::request req = body ? service::json_request(method, target, *body) : http::request(method, target);
  req.retry_safe = retry_safe;
  req.headers.emplace_back("accept", "application/json");
  http::response resp = co_await st->api.send(std::move(req), std::move(options));

  envelope out;
  if (resp.status == 204 || resp.body.empty()) co_return out;  // no value
  // Parsed into scratch memory; the assignments below copy what is kept into out's own storage.
  boost::json::monotonic_resource scratch;
  const auto doc = flowsdk::detail::parse_body(resp, verb_name, target, &scratch);
  if (!doc.is_object()) flowsdk::detail::throw_decode_error(resp, verb_name, target, "expected the {success, result} envelope");
  const auto& o = doc.get_object();
  if (const auto* success = o.if_contains("success"); success && success->is_bool() && !success->get_bool()) {
    // A 2xx that reports failure is still a failure (the vendor SDKs miss it).
    error_details d;
    d.method = verb_name;
    d.target = target;
    d.http_status = resp.status;
    d.attempts = 1;
    d.body = resp.body.substr(0, error_details::body_excerpt_limit);
    read_errors(o, d);
    throw error(errc::api_failure, std::move(d));
  }
  if (const auto* result = o.if_contains("result")) out.result = *result;
  if (const auto* info = o.if_contains("result_info"); info && info->is_object()) out.result_info = info->get_object();
  co_return out;
}

asio::awaitable<void> call_void(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                request_options options) {
  co_await call(std::move(st), method, std::move(r), std::move(body), std::move(options));
}

namespace {
std::optional<std::int64_t> integer_in(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double() && std::abs(v->get_double()) < 9.2e18) return static_cast<std::int64_t>(v->get_double());
  return std::nullopt;
}
}  // namespace

std::optional<std::string> next_page_number(int page, std::size_t items, const boost::json::object& result_info) {
  if (items == 0) return std::nullopt;
  // The vendor SDKs ignore result_info and always ask once more for an empty page; when the
  // server says how many pages there are, that request is skipped.
  if (auto total = integer_in(result_info, "total_pages"); total && page >= *total) return std::nullopt;
  return std::to_string(page + 1);
}

std::optional<std::string> next_cursor(const boost::json::object& result_info) {
  // An empty page with a cursor is followed: a filtered walk may find nothing on one page and
  // more on the next. The paginator's repeated-token guard stops a server that loops.
  const auto* cursor = result_info.if_contains("cursor");
  if (!cursor || !cursor->is_string() || cursor->get_string().empty()) return std::nullopt;
  return std::string(cursor->get_string());
}

}  // namespace flowsdk::cloudflare::detail
