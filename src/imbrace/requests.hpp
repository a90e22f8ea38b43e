#pragma once
// Imbrace's hooks into the call layer (src/rest/): its two services, its SeekPage scheme, its
// list shapes, and the caller's project, resolved once per client. Public methods are plain
// functions that hand copies to rest:: calls or to coroutines here that take everything by value.

#include "client_state.hpp"

#include "../rest/call.hpp"
#include "../rest/pages.hpp"
#include "../rest/route.hpp"

#include "flowsdk/core/paginator.hpp"

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <optional>
#include <string>

namespace flowsdk::imbrace::detail {

using state_ptr = std::shared_ptr<client_state>;
using rest::operation;
using rest::route;

/// The workflow engine ({gateway}/activepieces) and the channel service, held through the state.
inline rest::service_ptr engine_of(const state_ptr& st) { return {st, &st->engine}; }
inline rest::service_ptr channels_of(const state_ptr& st) { return {st, &st->channels}; }

/// A SeekPage: `{data: [...], next, previous}`, asked for with `cursor`.
extern const rest::page_scheme seek_page;
/// A list that may come bare (`[...]`) or wrapped (`{"data": [...]}`).
extern const rest::payload_rule bare_or_wrapped_list;

/// A paginator over a SeekPage route with `limit`, starting at `first_cursor`.
template <class T>
paginator<T> seek_pages(state_ptr st, route r, std::optional<int> limit, std::optional<std::string> first_cursor,
                        request_options options) {
  r.query_if("limit", limit);
  return rest::paginate<T>(engine_of(st), std::move(r), seek_page, std::move(options), std::move(first_cursor));
}

/// The caller's project id: `project` when set, else resolved (and cached) from the gateway.
/// `purpose` names the public call that needs it ("create_flow"): a failed lookup keeps its own
/// code and says "looking up the project for <purpose>" in its cause. A string literal.
boost::asio::awaitable<std::string> project_or_resolved(state_ptr st, std::optional<std::string> project,
                                                        request_options options, const char* purpose);

/// One page of a SeekPage route that takes the caller's project as `projectId`.
template <class T>
boost::asio::awaitable<page<T>> fetch_project_page(state_ptr st, route r, std::optional<std::string> project,
                                                   std::optional<std::string> token, request_options options,
                                                   const char* purpose) {
  options = rest::whole_call(st->engine, std::move(options));  // the lookup and the page share it
  r.query_first("projectId", co_await project_or_resolved(st, std::move(project), options, purpose));
  co_return co_await rest::fetch_page<T>(engine_of(st), std::move(r), seek_page, std::move(token), std::move(options));
}

/// seek_pages for a route that needs the caller's project, resolved when the first page is asked for.
template <class T>
paginator<T> seek_project_pages(state_ptr st, route r, std::optional<std::string> project, std::optional<int> limit,
                                std::optional<std::string> first_cursor, request_options options, const char* purpose) {
  r.query_if("limit", limit);
  return paginator<T>([st = std::move(st), r = std::move(r), project = std::move(project),
                       first_cursor = std::move(first_cursor), options = std::move(options),
                       purpose](std::optional<std::string> token) {
    return fetch_project_page<T>(st, r, project, token ? std::move(token) : std::optional<std::string>(first_cursor),
                                 options, purpose);
  });
}

/// The caller's project, asked of the gateway once and cached; see project_or_resolved.
boost::asio::awaitable<std::string> resolve_project(state_ptr st, request_options options, const char* purpose);

/// The options for a project lookup made on behalf of a call with `call` options.
request_options lookup_options(const request_options& call);

}  // namespace flowsdk::imbrace::detail
