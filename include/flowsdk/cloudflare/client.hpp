#pragma once
#include "flowsdk/cloudflare/client_options.hpp"
#include "flowsdk/cloudflare/instances.hpp"
#include "flowsdk/cloudflare/versions.hpp"
#include "flowsdk/cloudflare/workflows.hpp"
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/transport.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace flowsdk::cloudflare {

/// A client of the Cloudflare Workflows REST API. Copyable handle; copies share one pool.
///
///     flowsdk::cloudflare::client_options o;
///     o.account_id = account;
///     o.credentials = flowsdk::cloudflare::credentials::api_token(token);
///     flowsdk::cloudflare::client cf(io.get_executor(), o);
///     auto created = co_await cf.instances().create("order-pipeline");
///
/// Starts no threads; destroy it before its executor's io_context. Throws flowsdk::error
/// (errc::invalid_argument) for a malformed base URL, an empty account id or an unreadable CA.
class client {
 public:
  client(boost::asio::any_io_executor executor, client_options options);
  client(std::shared_ptr<http::transport> transport, client_options options);

  cloudflare::workflows workflows() const { return cloudflare::workflows(state_); }
  cloudflare::instances instances() const { return cloudflare::instances(state_); }
  cloudflare::versions versions() const { return cloudflare::versions(state_); }

  http::pool_stats pool_stats() const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
