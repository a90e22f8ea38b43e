#pragma once
// The Imbrace routes: /activepieces/v1/... (the flow engine) and
// /channel-service/v1/workflows/channel_automation, over imbrace_state.
// routes.cpp holds the dispatch, flows, runs and webhooks; resource_routes.cpp the other
// resources (folders, connections, pieces, triggers, tables, fields, records, MCP servers,
// invitations, projects).

#include "common/vendor.hpp"
#include "imbrace/state.hpp"

#include <memory>
#include <mutex>

namespace flowsdk::emulator::detail {

/// `limit` and `cursor` of a paged list, validated (400 Fastify on a bad value).
struct page_params {
  std::size_t limit = 10;
  std::optional<seek_cursor> cursor;
};
page_params parse_page(const query_params& q);

/// The SeekPage envelope {data, next, previous}.
template <class T, class ToJson>
json::object page_to_json(const seek_page<T>& page, ToJson&& to_json) {
  json::array data;
  data.reserve(page.items.size());
  for (const T* item : page.items) data.emplace_back(to_json(*item));
  auto opt = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  return json::object{{"data", std::move(data)}, {"next", opt(page.next)}, {"previous", opt(page.previous)}};
}

/// The body as a JSON object: 400 Fastify when absent, not JSON or not an object.
json::object parse_json_object_body(const http_request& req);
/// For routes whose body is optional: an empty body without a JSON content type reads as {}; an
/// empty body that claims to be JSON is Fastify's FST_ERR_CTP_EMPTY_JSON_BODY (400).
json::object parse_optional_json_body(const http_request& req);

/// Runs finish on the server's scheduler, run_duration after they start; stopping the scheduler
/// leaves them RUNNING.
class imbrace_routes final : public vendor, public std::enable_shared_from_this<imbrace_routes> {
 public:
  explicit imbrace_routes(const vendor_context& ctx);

  /// Paths under /activepieces/ and /channel-service/.
  bool owns(std::string_view path) const override;
  void handle(http_request& req, std::string_view path, std::string_view query, reply& out) override;
  /// Fastify's error object with code INJECTED_FAULT.
  json::value fault_body(http::status status) const override;
  void seed(seed_data& out) override;
  /// Nothing of its own to stop: pending run completions live on the scheduler.
  void stop() override {}

  /// One request on its way through the routes.
  struct context {
    http_request& req;
    std::string_view path;
    query_params query;
    reply& out;

    void json(http::status status, const json::value& body) { set_json(out.response, status, body); }
    void empty(http::status status) { set_empty(out.response, status); }
    void not_found() { json(http::status::not_found, route_not_found(req, path)); }
  };
  using segments = std::vector<std::string>;

 private:
  void route_engine(context& c, const segments& seg);
  void list_flows(context& c);
  void create_flow(context& c);
  void flow_by_id(context& c, const std::string& id);
  void list_runs(context& c);
  void get_run(context& c, const std::string& id);
  void webhook(context& c, const std::string& flow_id, bool sync);
  void channel_automation(context& c);
  bool authenticated(const http_request& req, std::string& problem) const;

  // imbrace_resource_routes.cpp; each answers every method and sub-path under its first segment.
  void route_folders(context& c, const segments& seg);
  void route_connections(context& c, const segments& seg);
  void route_pieces(context& c, const segments& seg);
  void route_triggers(context& c, const segments& seg);
  void route_tables(context& c, const segments& seg);
  void route_fields(context& c, const segments& seg);
  void route_records(context& c, const segments& seg);
  void route_mcp(context& c, const segments& seg);
  void route_invitations(context& c, const segments& seg);
  void route_projects(context& c, const segments& seg);

  /// The one list implementation: validates limit and cursor, then answers the SeekPage of the
  /// items of `store` that `keep` accepts. `keep` and `to_json` run under the state lock.
  template <class T, class Keep, class ToJson>
  void serve_page(context& c, seek_store<T>& (imbrace_state::*store)(), Keep&& keep, ToJson&& to_json) {
    const auto p = parse_page(c.query);
    json::object body;
    {
      std::lock_guard lock(mutex_);
      body = page_to_json((state_.*store)().seek(p.cursor, p.limit, keep), to_json);
    }
    c.json(http::status::ok, body);
  }

  /// Runs `f(state_)` under the lock and answers its JSON result with `status`.
  template <class F>
  void locked_json(context& c, http::status status, F&& f) {
    json::value body;
    {
      std::lock_guard lock(mutex_);
      body = f(state_);
    }
    c.json(status, body);
  }

  void schedule_finish(std::string run_id);

  const imbrace_options options_;
  const std::shared_ptr<scheduler> clock_;

  std::mutex mutex_;  // guards state_
  imbrace_state state_;
};

}  // namespace flowsdk::emulator::detail
