#pragma once
// The 10ex flows API (docs: https://docs.10ex.ai/reference/api/flows), mounted at /api/v1/flows
// with POST /api/v1/users/login, plus the emulator-only control routes under /_emulator/tenex/.
// The route table and the request handlers are in routes.cpp and resources.cpp, the execution
// engine in engine.cpp, the event stream in stream.cpp and webhook deliveries in webhooks.cpp.
//
// One mutex guards all state: every request, every engine wake-up (on the server's scheduler),
// every stream poll and every delivery result takes it. A wake-up carries the run's cursor token;
// a run that moved on meanwhile (paused, cancelled, rescheduled) ignores stale ones.

#include "common/vendor.hpp"
#include "tenex/state.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::emulator::detail {

class tenex_routes final : public vendor, public std::enable_shared_from_this<tenex_routes> {
 public:
  explicit tenex_routes(const vendor_context& ctx);

  /// /api/v1/flows[/...], /api/v1/users/login and /_emulator/tenex/...
  bool owns(std::string_view path) const override;
  void handle(http_request& req, std::string_view path, std::string_view query, reply& out) override;
  /// {detail, code}: internal_error for 500, upstream_unavailable for 502..504, rate_limited's
  /// {error, message} for 429, conflict or the status name otherwise.
  json::value fault_body(http::status status) const override;
  void seed(seed_data& out) override;
  void stop() override;

  /// One request on its way through the routes (under the mutex).
  struct context {
    http_request& req;
    query_params query;
    reply& out;
    epoch_ms now;
    tenex::workspace* ws = nullptr;
  };

  /// One webhook delivery attempt (webhooks.cpp).
  struct webhook_job {
    webhook_job(std::string delivery, std::string event, std::string type, std::string trigger, std::string target,
                std::string payload, std::string sig)
        : delivery_id(std::move(delivery)),
          event_id(std::move(event)),
          event_type(std::move(type)),
          trigger_id(std::move(trigger)),
          url(std::move(target)),
          body(std::move(payload)),
          signature(std::move(sig)) {}
    std::string delivery_id, event_id, event_type, trigger_id, url, body, signature;
    int attempt = 1;
  };

 private:
  using segments = std::vector<std::string>;

  // routes.cpp
  void route(context& c, const segments& seg);
  /// Sets c.ws; returns the credential's rate-limit bucket.
  std::string authenticate(context& c);
  /// false: the 429 is in c.out.
  bool rate_limit(context& c, const std::string& bucket);
  void login(context& c);
  void control(context& c, std::string_view path);
  std::string issue_jwt(const std::string& email, const std::string& ws, epoch_ms now) const;
  tenex::workspace& workspace_of(const std::string& id);
  std::string new_id(std::string_view prefix);

  // resources.cpp
  void list_templates(context& c);
  void get_template(context& c, const std::string& slug);
  void instantiate(context& c, const std::string& slug);
  void list_workflows(context& c);
  void create_workflow(context& c);
  void get_workflow(context& c, const std::string& id);
  void patch_workflow(context& c, const std::string& id);
  void put_graph(context& c, const std::string& id);
  void archive_workflow(context& c, const std::string& id);
  void list_versions(context& c, const std::string& id);
  void get_version(context& c, const std::string& id, const std::string& version);
  void version_action(context& c, const std::string& id, const std::string& version, bool activate);
  void list_triggers(context& c);
  void create_trigger(context& c);
  void get_trigger(context& c, const std::string& id);
  void patch_trigger(context& c, const std::string& id);
  void delete_trigger(context& c, const std::string& id);
  void test_trigger(context& c, const std::string& id);
  tenex::workflow_rec& find_workflow(context& c, const std::string& id);
  tenex::trigger_rec& find_trigger(context& c, const std::string& id);
  /// A stored idempotent reply for this request, answered; false when there is none to replay.
  bool replay(context& c, std::string& slot);
  void remember(context& c, const std::string& slot);
  tenex::workflow_rec& add_workflow(tenex::workspace& ws, std::string name, json::value description,
                                    json::value input_schema, json::value output_schema, tenex::graph g,
                                    json::value template_slug, epoch_ms now);

  // runs.cpp
  void trigger_run(context& c, const std::string& workflow_id);
  void list_runs(context& c);
  void get_run(context& c, const std::string& id);
  void run_action(context& c, const std::string& id, std::string_view action);
  void list_steps(context& c, const std::string& id);
  void get_step(context& c, const std::string& id, const std::string& step_id);
  tenex::run_rec& find_run(context& c, const std::string& id);

  // engine.cpp
  tenex::run_rec& start_run(tenex::workspace& ws, const tenex::workflow_rec& w, const tenex::version_rec& v,
                            json::value input, json::object trigger, epoch_ms now);
  /// Feeds an event to the workspace: runs waiting for `event_type` continue; returns how many.
  int wake_waiters(tenex::workspace& ws, const std::string& event_type, const json::object& event, epoch_ms now);
  void pause(tenex::workspace& ws, tenex::run_rec& r, epoch_ms now);
  void resume(tenex::workspace& ws, tenex::run_rec& r, epoch_ms now);
  void cancel(tenex::workspace& ws, tenex::run_rec& r, epoch_ms now);
  void emit(tenex::workspace& ws, tenex::run_rec& r, std::string type, json::object fields, epoch_ms at);
  void set_status(tenex::workspace& ws, tenex::run_rec& r, const std::string& status, epoch_ms at);
  void schedule(tenex::workspace& ws, tenex::run_rec& r, epoch_ms when);
  void wake(const std::string& ws, const std::string& run_id, std::uint64_t token, epoch_ms when);
  void play(tenex::workspace& ws, tenex::run_rec& r, epoch_ms t);
  void begin_step(tenex::workspace& ws, tenex::run_rec& r, const std::string& step_id, int attempt, epoch_ms t);
  void finish_attempt(tenex::workspace& ws, tenex::run_rec& r, epoch_ms t);
  void fail_attempt(tenex::workspace& ws, tenex::run_rec& r, json::object error, epoch_ms t);
  void after_step(tenex::workspace& ws, tenex::run_rec& r, const std::string& next, epoch_ms t);
  void finish_run(tenex::workspace& ws, tenex::run_rec& r, const std::string& status, epoch_ms t);
  json::value run_context(const tenex::run_rec& r) const;

  // schedule triggers (engine.cpp)
  void arm_schedule(tenex::workspace& ws, tenex::trigger_rec& t, epoch_ms after);
  void fire_schedule(const std::string& ws, const std::string& trigger_id, std::uint64_t token, epoch_ms when);

  // stream.cpp
  void serve_events(context& c, const std::string& run_id);

  // webhooks.cpp
  void notify_webhooks(tenex::workspace& ws, const tenex::run_rec& r, const std::string& type, epoch_ms at);
  void send_delivery(webhook_job job);
  void delivery_done(webhook_job job, int status, std::string error);
  static boost::asio::awaitable<void> post_webhook(std::shared_ptr<tenex_routes> self, webhook_job job);

  const tenex_options options_;
  const std::shared_ptr<scheduler> clock_;
  const boost::asio::any_io_executor executor_;

  std::mutex mutex_;  // guards the members below
  std::vector<tenex::template_def> templates_;
  std::map<std::string, tenex::workspace> workspaces_;
  std::vector<tenex::delivery_rec> deliveries_;
  struct bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  std::map<std::string, bucket> buckets_;
  std::uint64_t next_id_ = 0;
  bool stopped_ = false;
};

}  // namespace flowsdk::emulator::detail
