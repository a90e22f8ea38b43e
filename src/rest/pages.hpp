#pragma once
// The one way a vendor list becomes a paginator: a page scheme says how a page is asked for
// and where its items and the next token are; the call layer does the rest, for every vendor.

#include "call.hpp"

#include "flowsdk/core/page.hpp"
#include "flowsdk/core/paginator.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/monotonic_resource.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace flowsdk::rest {

/// How one vendor pages a list: Imbrace seek cursors, Cloudflare page numbers or cursors, ...
struct page_scheme {
  /// Puts the page token (nullopt: the first page) into the route's query.
  void (*ask)(route& r, const std::optional<std::string>& token);
  /// The key of the items array in the payload; null: the payload is the array.
  const char* items_key;
  /// What a page looks like, for the decode error of one that does not.
  const char* expected;
  /// The next page's token from the whole document, or nullopt after the last page. Items are
  /// counted in `items`; the document may hold a stand-in in their place (read_page).
  std::optional<std::string> (*next)(const boost::json::value& document, const std::optional<std::string>& token,
                                     std::size_t items);
  /// The size of the whole list from the document, when the scheme reports one; null: never.
  std::optional<std::int64_t> (*total)(const boost::json::value& document) = nullptr;
};

/// Decodes one page of T from a reply.
template <class T>
page<T> decode_page(const service& svc, const reply& r, const page_scheme& scheme,
                    const std::optional<std::string>& token) {
  {
    unsigned char buffer[2048];
    boost::json::monotonic_resource scratch(buffer, sizeof buffer);
    std::optional<boost::json::value> document;
    page<T> p;
    if (read_page(svc, r, scheme.items_key, json::detail::sink_of(p.items), scratch, document)) {
      p.next_token = scheme.next(*document, token, p.items.size());
      if (scheme.total) p.total = scheme.total(*document);
      return p;
    }
  }
  boost::json::monotonic_resource scratch;
  const boost::json::value document = parse(r, &scratch);
  const boost::json::value& payload = payload_of(svc, r, document, payload_rule{});
  const boost::json::value* items = &payload;
  if (scheme.items_key) {
    items = payload.is_object() ? payload.get_object().if_contains(scheme.items_key) : nullptr;
  }
  if (!items || !items->is_array()) throw_decode_error(r, std::string("expected ") + scheme.expected);
  page<T> p;
  try {
    json::decode(*items, p.items);
  } catch (json::decode_exception& e) {
    if (scheme.items_key) e.prepend(std::string(".") + scheme.items_key);
    throw_decode_error(r, e.what());
  }
  p.next_token = scheme.next(document, token, p.items.size());
  if (scheme.total) p.total = scheme.total(document);
  return p;
}

/// Fetches the page for `token` of the list at `path`.
template <class T>
boost::asio::awaitable<page<T>> fetch_page(service_ptr svc, route path, page_scheme scheme,
                                           std::optional<std::string> token, request_options options) {
  scheme.ask(path, token);
  const reply r = co_await send(svc, operation(http::verb::get, std::move(path)), std::move(options));
  co_return decode_page<T>(*svc, r, scheme, token);
}

/// A lazy paginator over the list at `path`; `first` is the token of the first page (nullopt:
/// the list's own first page).
template <class T>
paginator<T> paginate(service_ptr svc, route path, page_scheme scheme, request_options options,
                      std::optional<std::string> first = std::nullopt) {
  // The lambda only forwards to a coroutine taking everything by value: nothing it captures has
  // to outlive a suspension.
  return paginator<T>([svc = std::move(svc), path = std::move(path), scheme, options = std::move(options),
                       first = std::move(first)](std::optional<std::string> token) {
    return fetch_page<T>(svc, path, scheme, token ? std::move(token) : std::optional<std::string>(first), options);
  });
}

}  // namespace flowsdk::rest
