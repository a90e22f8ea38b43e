#pragma once
// The 10ex flows routes as docs/tenex.md gives them (method, path, query keys, body,
// Idempotency-Key), for unit tests that check every request the SDK sends. Written from the
// route tables of the documentation, not from src/tenex/routes.cpp, so that a wrong path in
// the SDK fails here.

#include "flowsdk/http/request.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::test {

struct tenex_route {
  http::verb method;
  std::string path;                  ///< relative to the base, `{name}` for a segment; `{version}` digits only
  std::set<std::string> query_keys;  ///< the keys it takes (repeatable ones may repeat)
  bool body = false;                 ///< sends a JSON object
  bool idempotency_key = false;      ///< starts work: must carry an Idempotency-Key
};

inline const std::vector<tenex_route>& tenex_routes() {
  using v = http::verb;
  static const std::set<std::string> page{"limit", "cursor"};
  auto with = [](std::set<std::string> a, std::set<std::string> b) {
    a.insert(b.begin(), b.end());
    return a;
  };
  static const std::vector<tenex_route> table{
      {v::get, "/templates", with(page, {"category", "q"})},
      {v::get, "/templates/{slug}", {}},
      {v::post, "/templates/{slug}/instantiate", {}, true, true},
      {v::get, "/workflows", with(page, {"status", "q"})},
      {v::post, "/workflows", {}, true},
      {v::get, "/workflows/{id}", {}},
      {v::patch, "/workflows/{id}", {}, true},
      {v::put, "/workflows/{id}/graph", {}, true},
      {v::post, "/workflows/{id}/archive", {}},
      {v::get, "/workflows/{id}/versions", page},
      {v::get, "/workflows/{id}/versions/{version}", {}},
      {v::post, "/workflows/{id}/versions/{version}/activate", {}},
      {v::post, "/workflows/{id}/versions/{version}/archive", {}},
      {v::post, "/workflows/{id}/runs", {}, true, true},
      {v::get, "/runs",
       with(page, {"workflow_id", "status", "trigger_type", "trigger_id", "created_after", "created_before"})},
      {v::get, "/runs/{id}", {}},
      {v::post, "/runs/{id}/pause", {}},
      {v::post, "/runs/{id}/resume", {}},
      {v::post, "/runs/{id}/cancel", {}},
      {v::get, "/runs/{id}/steps", page},
      {v::get, "/runs/{id}/steps/{step_id}", {"attempt"}},
      {v::get, "/runs/{id}/events", {"after"}},
      {v::get, "/triggers", with(page, {"workflow_id", "source", "event_type", "enabled"})},
      {v::post, "/triggers", {}, true, true},
      {v::get, "/triggers/{id}", {}},
      {v::patch, "/triggers/{id}", {}, true},
      {v::delete_, "/triggers/{id}", {}},
      {v::post, "/triggers/{id}/test", {}, true, true},
  };
  return table;
}

namespace tenex_detail {
inline std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

inline bool matches(const std::string& pattern, const std::vector<std::string>& got) {
  const auto want = segments(pattern);
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].front() == '{') {
      if (got[i].empty()) return false;
      if (want[i] == "{version}" &&
          !std::all_of(got[i].begin(), got[i].end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  return true;
}

inline bool has_header(const http::request& r, std::string_view name) {
  return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(h.first.begin(), h.first.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  });
}
}  // namespace tenex_detail

/// "" when `r` is one of the routes above under `base_path`, with only its query keys, a JSON
/// object body where it takes one (none elsewhere), an Idempotency-Key where it starts work and
/// the Bearer credentials; otherwise what is wrong.
inline std::string validate_tenex_request(const http::request& r, std::string_view base_path = "/api/v1/flows") {
  auto url = boost::urls::parse_origin_form(r.target);
  if (!url) return "not an origin-form target: " + r.target;
  std::string path = url->encoded_path().decode();
  if (path.rfind(base_path, 0) != 0) return "not under " + std::string(base_path) + ": " + path;
  // Decode each segment after splitting, so an encoded '/' inside an id stays one segment.
  std::vector<std::string> encoded = tenex_detail::segments(std::string(url->encoded_path()).substr(base_path.size()));
  const tenex_route* route = nullptr;
  for (const auto& candidate : tenex_routes()) {
    if (candidate.method == r.method && tenex_detail::matches(candidate.path, encoded)) {
      route = &candidate;
      break;
    }
  }
  if (!route) return "no such route: " + std::string(boost::beast::http::to_string(r.method)) + " " + path;
  for (const auto& param : url->params()) {
    if (!route->query_keys.count(std::string(param.key)))
      return "query key \"" + std::string(param.key) + "\" is not one of " + route->path + "'s";
  }
  if (route->body) {
    boost::system::error_code ec;
    auto doc = boost::json::parse(r.body, ec);
    if (ec || !doc.is_object()) return route->path + " takes a JSON object body, got: " + r.body;
    if (r.content_type != "application/json") return "body without Content-Type application/json";
  } else if (!r.body.empty()) {
    return route->path + " takes no body, got: " + r.body;
  }
  if (route->idempotency_key && !tenex_detail::has_header(r, "idempotency-key"))
    return route->path + " without an Idempotency-Key";
  if (!tenex_detail::has_header(r, "authorization")) return "no Authorization header";
  return "";
}

}  // namespace flowsdk::test
