#pragma once
// Cloudflare's hooks into the call layer (src/rest/): the account's routes and the two page
// schemes (page numbers and cursors); the envelope and error body live with the client state.
// Public methods are plain functions handing copies to rest:: calls or to coroutines that take
// everything by value.

#include "client_state.hpp"

#include "../rest/call.hpp"
#include "../rest/pages.hpp"
#include "../rest/route.hpp"

#include "flowsdk/core/paginator.hpp"

#include <memory>
#include <optional>
#include <string>

namespace flowsdk::cloudflare::detail {

using state_ptr = std::shared_ptr<client_state>;
using rest::operation;
using rest::route;

/// The account's API, held through the state.
inline rest::service_ptr api_of(const state_ptr& st) { return {st, &st->api}; }

/// `/accounts/{account_id}/workflows`, then a workflow, then an instance.
route workflows_route(const client_state& st);
route workflow_route(const client_state& st, std::string workflow);
route instance_route(const client_state& st, std::string workflow, std::string instance_id);

/// `page=N` with `result_info.total_pages`; a token is a page number.
extern const rest::page_scheme page_numbers;
/// `cursor=` with `result_info.cursor`.
extern const rest::page_scheme cursors;

/// Operations documented with an optional result.
inline constexpr rest::payload_rule result_may_be_absent{nullptr, nullptr, true};

/// A paginator over a list route; `first_page` starts a page-number walk elsewhere than page 1.
template <class T>
paginator<T> paged(state_ptr st, route r, const rest::page_scheme& how, request_options options,
                   std::optional<int> first_page = std::nullopt) {
  std::optional<std::string> first;
  if (first_page) first = std::to_string(*first_page);
  return rest::paginate<T>(api_of(st), std::move(r), how, std::move(options), std::move(first));
}

}  // namespace flowsdk::cloudflare::detail
