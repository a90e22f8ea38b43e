#pragma once
// The few shapes every Imbrace method is made of: a route, a JSON call, a call without a
// result, and a SeekPage paginator. Every public method of `workflows` is a plain function that
// hands a copy of the shared state to one of these coroutines, which take everything by value:
// awaitables start lazily, so a coroutine member would read `this` after a temporary handle
// (`client.workflows().get_run(id)` passed to co_spawn) has died.

#include "client_state.hpp"

#include "../core/route.hpp"

#include "flowsdk/core/paginator.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::imbrace::detail {

using state_ptr = std::shared_ptr<client_state>;

/// A route under one of the client's services, with the Imbrace extras: the caller's project
/// as a query value, resolved on demand, and the channel service as an alternative base.
class route : public flowsdk::detail::route {
 public:
  using flowsdk::detail::route::route;

  /// Adds `projectId`, resolving the caller's project when `value` is empty.
  route& project_query(std::optional<std::string> value) {
    project_ = std::move(value);
    needs_project_ = true;
    return *this;
  }
  route& on_channel_service() {
    channel_ = true;
    return *this;
  }

  /// The target; awaits project resolution when needed.
  boost::asio::awaitable<std::string> build(state_ptr st, request_options options) const;
  const flowsdk::detail::service& service_of(const client_state& st) const noexcept {
    return channel_ ? st.channels : st.engine;
  }

 private:
  std::optional<std::string> project_;
  bool needs_project_ = false;
  bool channel_ = false;
};

/// Sends and decodes the JSON answer into T.
template <class T>
boost::asio::awaitable<T> call_json(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                    request_options options);
/// Sends; the answer's body (usually empty) is ignored.
boost::asio::awaitable<void> call_empty(state_ptr st, http::verb method, route r,
                                        std::optional<boost::json::value> body, request_options options);
/// A list that may come bare (`[...]`) or wrapped (`{"data": [...]}`).
template <class T>
boost::asio::awaitable<std::vector<T>> call_list(state_ptr st, route r, request_options options);
/// A paginator over a SeekPage route (`{data, next, previous}` with `limit` and `cursor`).
template <class T>
paginator<T> seek_pages(state_ptr st, route r, std::optional<int> limit, std::optional<std::string> first_cursor,
                        request_options options);

boost::asio::awaitable<std::string> resolve_project(state_ptr st, request_options options);

/// The options for a project lookup made on behalf of a call with `call` options.
request_options lookup_options(const request_options& call);

// ---- implementation of the templates --------------------------------------------------------

boost::asio::awaitable<http::response> send(state_ptr st, http::verb method, const route& r,
                                            std::optional<boost::json::value> body, request_options options,
                                            std::string& target);

/// Finds the list in `{"data": [...]}` or a bare array; null if neither.
const boost::json::value* list_in(const boost::json::value& doc);

template <class T>
boost::asio::awaitable<T> call_json(state_ptr st, http::verb method, route r, std::optional<boost::json::value> body,
                                    request_options options) {
  std::string target;
  http::response resp = co_await send(st, method, r, std::move(body), std::move(options), target);
  co_return flowsdk::detail::decode_body<T>(resp, boost::beast::http::to_string(method), target);
}

template <class T>
boost::asio::awaitable<std::vector<T>> call_list(state_ptr st, route r, request_options options) {
  std::string target;
  http::response resp = co_await send(st, http::verb::get, r, std::nullopt, std::move(options), target);
  const auto doc = flowsdk::detail::parse_body(resp, "GET", target);
  const auto* list = list_in(doc);
  if (!list) flowsdk::detail::throw_decode_error(resp, "GET", target, "expected a list");
  std::vector<T> out;
  try {
    json::decode(*list, out);
  } catch (json::decode_exception& e) {
    flowsdk::detail::throw_decode_error(resp, "GET", target, e.what());
  }
  co_return out;
}

template <class T>
page<T> decode_seek_page(const http::response& resp, const std::string& target);

template <class T>
boost::asio::awaitable<page<T>> fetch_seek_page(state_ptr st, route r, std::optional<int> limit,
                                                std::optional<std::string> cursor, request_options options) {
  r.query_if("limit", limit);
  r.query_if("cursor", cursor);
  std::string target;
  http::response resp = co_await send(st, http::verb::get, r, std::nullopt, std::move(options), target);
  co_return decode_seek_page<T>(resp, target);
}

/// Decodes a SeekPage `{data: [...], next, previous}`; the document is parsed into scratch memory.
template <class T>
page<T> decode_seek_page(const http::response& resp, const std::string& target) {
  boost::json::monotonic_resource scratch;
  const auto doc = flowsdk::detail::parse_body(resp, "GET", target, &scratch);
  const auto* data = doc.is_object() ? doc.get_object().if_contains("data") : nullptr;
  if (!data || !data->is_array()) {
    flowsdk::detail::throw_decode_error(resp, "GET", target, "expected a page {data: [...], next}");
  }
  page<T> p;
  try {
    json::decode(*data, p.items);
  } catch (json::decode_exception& e) {
    e.prepend(".data");
    flowsdk::detail::throw_decode_error(resp, "GET", target, e.what());
  }
  if (const auto* next = doc.get_object().if_contains("next"); next && next->is_string()) {
    p.next_token = std::string(next->get_string());
  }
  return p;
}

template <class T>
paginator<T> seek_pages(state_ptr st, route r, std::optional<int> limit, std::optional<std::string> first_cursor,
                        request_options options) {
  // The lambda only forwards to a coroutine taking everything by value: nothing it captures has
  // to outlive a suspension.
  return paginator<T>([st = std::move(st), r = std::move(r), limit, first_cursor = std::move(first_cursor),
                       options = std::move(options)](std::optional<std::string> token) {
    return fetch_seek_page<T>(st, r, limit, token ? std::move(token) : first_cursor, options);
  });
}

}  // namespace flowsdk::imbrace::detail
