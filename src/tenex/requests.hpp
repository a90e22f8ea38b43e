#pragma once
// 10ex's hooks into the call layer (src/rest/): the `{items, next_cursor, total}` page scheme,
// the idempotency key of a POST that starts work, and the handles' access to the client state.
// The paths are in routes.hpp. Public methods are plain functions handing copies to rest::
// calls, or to coroutines that take everything by value.

#include "client_state.hpp"
#include "routes.hpp"

#include "../rest/call.hpp"
#include "../rest/pages.hpp"

#include "flowsdk/core/paginator.hpp"

#include <memory>
#include <optional>
#include <string>

namespace flowsdk::tenex::detail {

using state_ptr = std::shared_ptr<client_state>;
using rest::operation;
using rest::route;

/// The flows API, held through the state.
inline rest::service_ptr api_of(const state_ptr& st) { return {st, &st->api}; }

/// `limit=&cursor=` → `{items, next_cursor, total?}` (https://docs.10ex.ai/guides/developers/pagination).
/// The cursor is sent percent-encoded (it may hold `=` and `+`); `total` is optional.
extern const rest::page_scheme cursor_pages;

/// 10ex's page size: 1..200 (errc::invalid_argument otherwise); nullopt leaves the server's 50.
void add_limit(route& r, const std::optional<int>& limit);

/// A paginator over a list route (its filters already in the query).
template <class T>
paginator<T> paged(state_ptr st, route r, request_options options) {
  return rest::paginate<T>(api_of(st), std::move(r), cursor_pages, std::move(options));
}

/// `options` with an Idempotency-Key: the caller's, or a random UUID chosen now, once per
/// logical call, so that every retry of the POST carries the same key and the server answers a
/// replay with the first answer (the transport then retries the POST like a GET).
request_options with_idempotency_key(request_options options);

}  // namespace flowsdk::tenex::detail
