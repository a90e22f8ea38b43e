#pragma once
// The Cloudflare Workflows REST API (specs/cloudflare-workflows.md), mounted at
// /client/v4/accounts/{account_id}/workflows... and /accounts/{account_id}/workflows..., over
// cf_state. Every answer is in the Cloudflare v4 envelope, routing and auth errors included.
//
// Execution is driven by one timer on a strand of the server's executor: each request and each
// timer expiry plays the state forward to the current time under the mutex, then (re)arms the
// timer for the next scheduled moment. stop() cancels the timer; instances then stay where they
// are. The timer's handlers hold the routes alive (shared_from_this), so they are safe against
// stop() and against the instance they serve being deleted (they look instances up by serial).

#include "cloudflare_state.hpp"
#include "flowsdk/emulator/server.hpp"
#include "http_server.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::emulator::detail {

class cloudflare_routes : public std::enable_shared_from_this<cloudflare_routes> {
 public:
  cloudflare_routes(boost::asio::any_io_executor ex, const server_options& options);

  /// Whether `path` (without the query) is one of these routes: anything under /client/v4/, and
  /// /accounts/{account_id}/workflows[/...].
  static bool owns(std::string_view path);

  /// Answers a request whose path owns() accepts; returns false for any other path. Thread-safe.
  bool handle(http_request& req, std::string_view path, std::string_view query, reply& out);

  /// Gives an injected http_status fault's answer the Cloudflare failure envelope (headers kept).
  static void restyle_fault(reply& out);

  /// Seed names for seed_data (every account starts with this workflow when seeding is on).
  static constexpr std::string_view seed_workflow = "echo-workflow";
  static std::vector<std::string> seed_instance_ids() { return {"seed-1", "seed-2", "seed-3"}; }

  /// Cancels the execution timer; instances stay as they are. Idempotent.
  void stop();

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

  // Timer (see the header comment). arm() runs under mutex_; rearm() and fire() on strand_.
  void arm(std::optional<epoch_ms> next);
  void rearm();
  void fire();

  server_options options_;
  boost::asio::any_io_executor strand_;
  boost::asio::steady_timer timer_;  // only touched on strand_

  std::mutex mutex_;  // guards the members below
  cf::cf_state state_;
  std::optional<epoch_ms> armed_for_;  // the time the timer is (being) set for
  bool stopped_ = false;
};

}  // namespace flowsdk::emulator::detail
