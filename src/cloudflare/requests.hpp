#pragma once
// The shapes every Cloudflare method is made of: a route under the account's workflows, a call
// whose envelope is unwrapped, and the two paginators (page numbers, cursors). As for Imbrace,
// public methods are plain functions handing a copy of the state to coroutines that take
// everything by value.

#include "client_state.hpp"

#include "flowsdk/core/paginator.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>

namespace flowsdk::cloudflare::detail {

using state_ptr = std::shared_ptr<client_state>;
using flowsdk::detail::route;

/// `/accounts/{account_id}/workflows`, then a workflow, then an instance.
route workflows_route(const client_state& st);
route workflow_route(const client_state& st, std::string workflow);
route instance_route(const client_state& st, std::string workflow, std::string instance_id);

/// A parsed envelope: the result and result_info of a 2xx answer.
struct envelope {
  boost::json::value result;
  boost::json::object result_info;
};

/// Sends, checks `success`, and returns the envelope. `retry_safe` overrides the method's
/// idempotency for the retry decision.
boost::asio::awaitable<envelope> call(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                      request_options options, std::optional<bool> retry_safe = std::nullopt);

/// Sends and ignores the result.
boost::asio::awaitable<void> call_void(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                       request_options options);

/// Whether a missing or null `result` is an answer (a few operations document none).
inline constexpr bool result_may_be_absent = true;

/// Decodes an envelope's result into T (decode errors name the target). A missing or null
/// result is a decode error unless `absent_ok`: a default model would be a silent wrong answer.
template <class T>
T result_as(const envelope& e, const std::string& what, bool absent_ok = false) {
  if (e.result.is_null() && !absent_ok) {
    error_details d;
    d.cause = what + ": the envelope has no result";
    throw error(errc::decode_error, std::move(d));
  }
  try {
    return json::decode_as<T>(e.result);
  } catch (const json::decode_exception& ex) {
    error_details d;
    d.cause = what + ": " + ex.what();
    throw error(errc::decode_error, std::move(d));
  }
}

template <class T>
boost::asio::awaitable<T> call_as(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                  request_options options, std::optional<bool> retry_safe = std::nullopt,
                                  bool absent_ok = false) {
  envelope e = co_await call(st, method, std::move(r), std::move(body), std::move(options), retry_safe);
  co_return result_as<T>(e, std::string(boost::beast::http::to_string(method)) + " result", absent_ok);
}

/// The next token from a page-number list: none after an empty page or the last known page.
std::optional<std::string> next_page_number(int page, std::size_t items, const boost::json::object& result_info);
/// The next token from a cursor list: result_info.cursor, none when absent, empty, or after an empty page.
std::optional<std::string> next_cursor(const boost::json::object& result_info);

enum class paging { page_numbers, cursors };

template <class T>
boost::asio::awaitable<page<T>> fetch_page(state_ptr st, route r, paging how, std::optional<std::string> token,
                                           request_options options) {
  int page_number = 1;
  if (how == paging::page_numbers) {
    if (token) page_number = std::stoi(*token);
    r.query("page", std::to_string(page_number));
  } else if (token) {
    r.query("cursor", *token);
  }
  envelope e = co_await call(st, http::verb::get, std::move(r), std::nullopt, std::move(options));
  page<T> p;
  p.items = result_as<std::vector<T>>(e, "list result");
  p.next_token = how == paging::page_numbers ? next_page_number(page_number, p.items.size(), e.result_info)
                                             : next_cursor(e.result_info);
  co_return p;
}

/// A paginator over a list route; `first_page` starts a page-number walk elsewhere than page 1.
template <class T>
paginator<T> paged(state_ptr st, route r, paging how, request_options options, std::optional<int> first_page = std::nullopt) {
  std::optional<std::string> first;
  if (first_page) first = std::to_string(*first_page);
  return paginator<T>([st = std::move(st), r = std::move(r), how, options = std::move(options),
                       first = std::move(first)](std::optional<std::string> token) {
    return fetch_page<T>(st, r, how, token ? std::move(token) : first, options);
  });
}

}  // namespace flowsdk::cloudflare::detail
