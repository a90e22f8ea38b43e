#include "requests.hpp"

#include "flowsdk/imbrace/models.hpp"

namespace flowsdk::imbrace::detail {

namespace asio = boost::asio;

namespace {

const boost::json::value* data_member(const boost::json::value& doc) {
  return doc.is_object() ? doc.get_object().if_contains("data") : nullptr;
}

const boost::json::value* list_in(const boost::json::value& doc) {
  if (doc.is_array()) return &doc;
  if (const auto* data = data_member(doc); data && data->is_array()) return data;
  return nullptr;
}

void ask_for_cursor(route& r, const std::optional<std::string>& token) { r.query_if("cursor", token); }

std::optional<std::string> next_of(const boost::json::value& doc, const std::optional<std::string>&, std::size_t) {
  const auto* next = doc.is_object() ? doc.get_object().if_contains("next") : nullptr;
  if (next && next->is_string()) {
    return std::string(next->get_string());
  }
  return std::nullopt;
}

bool cancelled(const error& e) { return e.code() == errc::cancelled; }

// Answers that mean "this gateway has no /users/projects/current for this caller": older
// gateways, or principals (API keys) that are not a user. Any other failure, such as a refused
// key or a dead server, would fail the fallback the same way, so it is reported at once.
bool route_missing(const error& e) {
  return e.code() == errc::not_found || e.code() == errc::forbidden || e.code() == errc::client_error;
}

// The lookup's own failure, code and details kept, with what the SDK was doing in the cause.
[[noreturn]] void rethrow_lookup(const error& e, const char* purpose, const char* how) {
  error_details d = e.details();
  std::string doing = std::string("looking up the project for ") + purpose + how;
  d.cause = d.cause.empty() ? std::move(doing) : doing + ": " + d.cause;
  throw error(e.code(), std::move(d));
}

}  // namespace

const rest::page_scheme seek_page{&ask_for_cursor, "data", "a page {data: [...], next}", &next_of};
const rest::payload_rule bare_or_wrapped_list{&list_in, "a list"};

request_options lookup_options(const request_options& call) {
  // Deadlines and the retry budget carry over; headers, query parameters and an idempotency key
  // were meant for the call itself, not for the lookup it needs first.
  request_options o;
  o.timeout = call.timeout;
  o.deadline = call.deadline;
  o.attempt_timeout = call.attempt_timeout;
  o.max_retries = call.max_retries;
  return o;
}

asio::awaitable<std::string> project_or_resolved(state_ptr st, std::optional<std::string> project,
                                                 request_options options, const char* purpose) {
  if (project && !project->empty()) co_return std::move(*project);
  co_return co_await resolve_project(std::move(st), lookup_options(options), purpose);
}

asio::awaitable<std::string> resolve_project(state_ptr st, request_options options, const char* purpose) {
  options = rest::whole_call(st->engine, std::move(options));  // both lookups share it
  {
    std::lock_guard lock(st->project_mutex);
    if (st->project_id) co_return *st->project_id;
  }
  std::string id;
  std::string why;
  // The newer gateways answer /users/projects/current; older ones only reveal the project
  // through the flows it owns.
  try {
    auto p = co_await rest::call<project>(engine_of(st),
                                          operation(http::verb::get, route("/v1/users/projects/current")), options);
    id = p.id;
  } catch (const error& e) {
    if (cancelled(e)) throw;
    if (!route_missing(e)) rethrow_lookup(e, purpose, "");
    why = e.what();
  }
  if (id.empty()) {
    try {
      route flows("/v1/flows");
      flows.query("limit", "1");
      auto first = co_await rest::fetch_page<flow>(engine_of(st), std::move(flows), seek_page, std::nullopt, options);
      if (!first.items.empty()) id = first.items.front().project_id;
    } catch (const error& e) {
      if (cancelled(e)) throw;
      rethrow_lookup(e, purpose, " through its first flow");
    }
  }
  if (id.empty()) {
    // The one failure that is "not found": both ways answered, and neither named a project.
    error_details d;
    d.cause = std::string("looking up the project for ") + purpose + ": no project found (" +
              (why.empty() ? std::string("/v1/users/projects/current named none") : why) +
              "; no flow to take it from); pass the project id explicitly";
    throw error(errc::not_found, std::move(d));
  }
  std::lock_guard lock(st->project_mutex);
  st->project_id = id;
  co_return id;
}

}  // namespace flowsdk::imbrace::detail
