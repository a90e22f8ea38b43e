#include "requests.hpp"

#include "flowsdk/core/json.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

namespace flowsdk::cloudflare::detail {

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
      if (c->is_string()) {
        ve.code = c->get_string();
      } else if (auto n = json::as_int64(*c)) {
        ve.code = std::to_string(*n);
      }
    }
    if (const auto* m = e.get_object().if_contains("message"); m && m->is_string()) ve.message = m->get_string();
    d.vendor_errors.push_back(std::move(ve));
  }
  if (!d.vendor_errors.empty()) {
    d.vendor_code = d.vendor_errors.front().code;
    d.vendor_message = d.vendor_errors.front().message;
  }
}

const boost::json::object* result_info_of(const boost::json::value& document) {
  const auto* info = document.is_object() ? document.get_object().if_contains("result_info") : nullptr;
  return info && info->is_object() ? &info->get_object() : nullptr;
}

int page_number_of(const std::optional<std::string>& token) {
  int page = 1;
  if (token) std::from_chars(token->data(), token->data() + token->size(), page);  // our own tokens
  return page;
}

void ask_for_page(route& r, const std::optional<std::string>& token) {
  r.query("page", std::to_string(page_number_of(token)));
}

std::optional<std::string> next_page(const boost::json::value& document, const std::optional<std::string>& token,
                                     std::size_t items) {
  if (items == 0) return std::nullopt;
  // The vendor SDKs ignore result_info and always ask once more for an empty page; when the
  // server says how many pages there are, that request is skipped.
  const int page = page_number_of(token);
  if (const auto* info = result_info_of(document)) {
    if (const auto* total = info->if_contains("total_pages")) {
      if (auto n = json::as_int64(*total); n && page >= *n) return std::nullopt;
    }
  }
  return std::to_string(page + 1);
}

void ask_for_cursor(route& r, const std::optional<std::string>& token) {
  if (token) r.query("cursor", *token);
}

std::optional<std::string> next_cursor(const boost::json::value& document, const std::optional<std::string>&,
                                       std::size_t) {
  // An empty page with a cursor is followed: a filtered walk may find nothing on one page and
  // more on the next. The paginator's repeated-token guard stops a server that loops.
  const auto* info = result_info_of(document);
  const auto* cursor = info ? info->if_contains("cursor") : nullptr;
  if (!cursor || !cursor->is_string() || cursor->get_string().empty()) return std::nullopt;
  return std::string(cursor->get_string());
}

}  // namespace

const rest::page_scheme page_numbers{&ask_for_page, nullptr, "a list result", &next_page};
const rest::page_scheme cursors{&ask_for_cursor, nullptr, "a list result", &next_cursor};

void decode_error_body(const http::response& r, error_details& d) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(r.body, ec);
  if (!ec && doc.is_object()) read_errors(doc.get_object(), d);
}

const boost::json::value* unwrap_envelope(const boost::json::value& document, const rest::reply& r) {
  if (!document.is_object()) rest::throw_decode_error(r, "expected the {success, result} envelope");
  const auto& o = document.get_object();
  if (const auto* success = o.if_contains("success"); success && success->is_bool() && !success->get_bool()) {
    // A 2xx that reports failure is still a failure (the vendor SDKs miss it).
    error_details d = rest::details_of(r);
    read_errors(o, d);
    throw error(errc::api_failure, std::move(d));
  }
  const auto* result = o.if_contains("result");
  return result && !result->is_null() ? result : nullptr;
}

}  // namespace flowsdk::cloudflare::detail
