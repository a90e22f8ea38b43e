#pragma once
// The Imbrace routes: /activepieces/v1/... (the flow engine) and
// /channel-service/v1/workflows/channel_automation, over imbrace_state.

#include "flowsdk/emulator/server.hpp"
#include "http_server.hpp"
#include "imbrace_state.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <memory>
#include <mutex>
#include <set>

namespace flowsdk::emulator::detail {

class imbrace_routes : public std::enable_shared_from_this<imbrace_routes> {
 public:
  imbrace_routes(boost::asio::any_io_executor ex, const server_options& options);

  /// Creates the seed fixture; call once, before serving.
  seed_data seed();

  /// Answers a request whose path starts with /activepieces/ or /channel-service/; returns false
  /// for any other path. Thread-safe.
  bool handle(http_request& req, std::string_view path, std::string_view query, reply& out);

  /// Cancels the timers of running runs (they stay RUNNING). Idempotent.
  void stop();

 private:
  struct context;

  void route_engine(context& c, const std::vector<std::string>& seg);
  void list_flows(context& c);
  void create_flow(context& c);
  void flow_by_id(context& c, const std::string& id);
  void list_runs(context& c);
  void get_run(context& c, const std::string& id);
  void webhook(context& c, const std::string& flow_id, bool sync);
  void channel_automation(context& c);
  bool authenticated(const http_request& req, std::string& problem) const;

  void schedule_finish(std::string run_id);

  server_options options_;
  boost::asio::any_io_executor strand_;  // owns timers_ and stopped_
  std::set<std::shared_ptr<boost::asio::steady_timer>> timers_;
  bool stopped_ = false;

  std::mutex mutex_;  // guards state_
  imbrace_state state_;
};

}  // namespace flowsdk::emulator::detail
