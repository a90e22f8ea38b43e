#pragma once
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/transport.hpp"
#include "flowsdk/tenex/client_options.hpp"
#include "flowsdk/tenex/client_stats.hpp"
#include "flowsdk/tenex/runs.hpp"
#include "flowsdk/tenex/templates.hpp"
#include "flowsdk/tenex/triggers.hpp"
#include "flowsdk/tenex/workflows.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace flowsdk::tenex {

/// A client of the 10ex flows API (`/api/v1/flows`). Copyable handle; copies share one pool
/// (and one request budget, when client_options::requests_per_minute is set).
///
///     flowsdk::tenex::client_options o;
///     o.credentials = flowsdk::tenex::credentials::api_key(std::getenv("TENEX_API_KEY"));
///     flowsdk::tenex::client tenex(io.get_executor(), o);
///     auto run = co_await tenex.runs().trigger(workflow_id, input);
///
/// Starts no threads; destroy it before its executor's io_context. Throws flowsdk::error
/// (errc::invalid_argument) for a malformed base URL, an unreadable CA or a
/// requests_per_minute below 1.
class client {
 public:
  client(boost::asio::any_io_executor executor, client_options options);
  client(std::shared_ptr<http::transport> transport, client_options options);

  tenex::templates templates() const { return tenex::templates(state_); }
  tenex::workflows workflows() const { return tenex::workflows(state_); }
  tenex::runs runs() const { return tenex::runs(state_); }
  tenex::triggers triggers() const { return tenex::triggers(state_); }

  http::pool_stats pool_stats() const;
  /// The pools and, when requests_per_minute is set, the request budget's counters (how many
  /// calls are queued for a token now, how many waited and how long). Thread-safe.
  client_stats stats() const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::tenex
