#pragma once
// The Cloudflare Workflows REST API (https://developers.cloudflare.com/api/resources/workflows/), mounted at
// /client/v4/accounts/{account_id}/workflows... and /accounts/{account_id}/workflows..., over
// cf_state. Every answer is in the Cloudflare v4 envelope, routing and auth errors included.
//
// Execution runs on the server's scheduler: each request and each scheduled wake-up plays the
// state forward to the clock's now under the mutex, then asks the scheduler to wake it at the next
// moment anything is due. stop() (or the scheduler's) leaves instances where they are. A wake-up
// holds the routes alive and plays the whole state forward, so it is safe against the instance
// that asked for it being deleted meanwhile.

#include "cloudflare/state.hpp"
#include "common/vendor.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::emulator::detail {

class cloudflare_routes final : public vendor, public std::enable_shared_from_this<cloudflare_routes> {
 public:
  explicit cloudflare_routes(const vendor_context& ctx);

  /// Anything under /client/v4/, and /accounts/{account_id}/workflows[/...].
  bool owns(std::string_view path) const override;
  void handle(http_request& req, std::string_view path, std::string_view query, reply& out) override;
  /// The failure envelope with the status as its error code.
  json::value fault_body(http::status status) const override;
  /// Accounts are made on first use and seed themselves then; this only names the fixture.
  void seed(seed_data& out) override;
  /// Stops playing instances forward; they stay as they are. Idempotent.
  void stop() override;

  /// One request on its way through the routes (under the mutex).
  struct context {
    http_request& req;
    query_params query;
    reply& out;
    epoch_ms now;
    cf::account* acct = nullptr;
  };

 private:
  void route(context& c, const std::vector<std::string>& rest);
  cf::workflow& find_workflow(context& c, const std::string& name);
  cf::instance& find_instance(context& c, cf::workflow& w, const std::string& id);
  bool authenticated(const http_request& req, std::string& problem) const;

  void list_workflows(context& c);
  void put_workflow(context& c, const std::string& name);
  void get_settings(context& c);
  void patch_settings(context& c);
  void list_instances(context& c, cf::workflow& w);
  void create_instance(context& c, cf::workflow& w);
  void batch_create(context& c, cf::workflow& w);
  void batch_delete(context& c, cf::workflow& w);
  void batch_terminate(context& c, cf::workflow& w);
  void get_instance(context& c, cf::instance& i);
  void step_output(context& c, cf::instance& i);
  void change_status(context& c, cf::instance& i);
  void send_event(context& c, cf::instance& i, const std::string& type);
  void list_versions(context& c, cf::workflow& w);
  void get_workflow(context& c, const std::string& name);
  void delete_workflow(context& c, const std::string& name);
  void terminate_job_status(context& c, const std::string& name);
  void delete_instance(context& c, const std::string& name, const std::string& id);
  void get_version(context& c, const std::string& name, const std::string& id, std::string_view view);

  // Wake-ups (see the header comment). arm() runs under mutex_; fire() on the scheduler.
  void arm(std::optional<epoch_ms> next);
  void fire();

  const cloudflare_options options_;
  const std::shared_ptr<scheduler> clock_;

  std::mutex mutex_;  // guards the members below
  cf::cf_state state_;
  std::optional<epoch_ms> armed_for_;  // the earliest wake-up asked of the scheduler
  bool stopped_ = false;
};

}  // namespace flowsdk::emulator::detail
