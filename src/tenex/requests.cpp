#include "requests.hpp"

#include "../core/uuid.hpp"

#include "flowsdk/core/json.hpp"

#include <boost/json/parse.hpp>

namespace flowsdk::tenex::detail {

namespace {

void ask_for_cursor(route& r, const std::optional<std::string>& token) {
  if (token) r.query("cursor", *token);
}

const boost::json::object* object_of(const boost::json::value& v) { return v.is_object() ? &v.get_object() : nullptr; }

std::optional<std::string> next_cursor(const boost::json::value& document, const std::optional<std::string>&,
                                       std::size_t) {
  // `next_cursor: null` (or absent, or empty) is the end. An empty page with a cursor is
  // followed: a filtered walk may find nothing on one page and more on the next; the
  // paginator's repeated-token guard stops a server that loops.
  const auto* o = object_of(document);
  const auto* cursor = o ? o->if_contains("next_cursor") : nullptr;
  if (!cursor || !cursor->is_string() || cursor->get_string().empty()) return std::nullopt;
  return std::string(cursor->get_string());
}

std::optional<std::int64_t> total_of(const boost::json::value& document) {
  const auto* o = object_of(document);
  const auto* total = o ? o->if_contains("total") : nullptr;
  if (!total) return std::nullopt;
  return json::as_int64(*total);
}

std::string string_member(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// One Pydantic entry {loc, msg, type}: `loc` items are strings or array indices.
vendor_error validation_entry(const boost::json::object& e) {
  vendor_error ve;
  ve.code = string_member(e, "type");
  ve.message = string_member(e, "msg");
  if (const auto* loc = e.if_contains("loc"); loc && loc->is_array()) {
    for (const auto& part : loc->get_array()) {
      if (part.is_string()) {
        ve.location.emplace_back(part.get_string());
      } else if (auto n = json::as_int64(part)) {
        ve.location.push_back(std::to_string(*n));
      }
    }
  }
  return ve;
}

std::string dotted(const std::vector<std::string>& location) {
  std::string s;
  for (const auto& part : location) {
    if (!s.empty()) s += '.';
    s += part;
  }
  return s;
}

}  // namespace

const rest::page_scheme cursor_pages{&ask_for_cursor, "items", "a page {items, next_cursor, total}", &next_cursor,
                                     &total_of};

void add_limit(route& r, const std::optional<int>& limit) {
  if (!limit) return;
  if (*limit < 1 || *limit > 200) {
    throw_invalid_argument("a 10ex page holds 1 to 200 items, not " + std::to_string(*limit));
  }
  r.query("limit", std::to_string(*limit));
}

request_options with_idempotency_key(request_options options) {
  if (!options.idempotency_key) options.idempotency_key = flowsdk::detail::random_uuid();
  return options;
}

void decode_error_body(const http::response& r, error_details& d) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(r.body, ec);
  const auto* o = ec ? nullptr : object_of(doc);
  if (!o) return;
  const auto* detail = o->if_contains("detail");
  if (detail && detail->is_string()) {
    // {detail, code}: an application error (401, 403, 404, 409, 412, 5xx).
    d.vendor_code = string_member(*o, "code");
    d.vendor_message = detail->get_string();
  } else if (detail && detail->is_array()) {
    // {detail: [{loc, msg, type}]}: a validation error (422), one entry per field.
    for (const auto& e : detail->get_array()) {
      if (const auto* entry = object_of(e)) d.vendor_errors.push_back(validation_entry(*entry));
    }
    if (!d.vendor_errors.empty()) {
      const vendor_error& first = d.vendor_errors.front();
      d.vendor_code = first.code;
      d.vendor_message = first.location.empty() ? first.message : dotted(first.location) + ": " + first.message;
    }
    return;
  } else if (const auto* error = o->if_contains("error"); error && error->is_string()) {
    // {error, message}: the 429 body.
    d.vendor_code = error->get_string();
    d.vendor_message = string_member(*o, "message");
  } else {
    return;
  }
  if (!d.vendor_code.empty() || !d.vendor_message.empty())
    d.vendor_errors.push_back({d.vendor_code, d.vendor_message, {}});
  if (d.request_id.empty()) d.request_id = string_member(*o, "request_id");
}

}  // namespace flowsdk::tenex::detail
