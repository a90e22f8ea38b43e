#pragma once
#include "flowsdk/http/pool_stats.hpp"
#include "flowsdk/http/transport.hpp"
#include "flowsdk/imbrace/client_options.hpp"
#include "flowsdk/imbrace/workflows.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>

namespace flowsdk::imbrace {

/// A client of the Imbrace gateway. Copyable handle; copies share one connection pool.
///
///     flowsdk::imbrace::client_options o;
///     o.credentials = flowsdk::imbrace::credentials::api_key(key);
///     flowsdk::imbrace::client imbrace(io.get_executor(), o);
///     auto run = co_await imbrace.workflows().get_run(run_id);
///
/// The client starts no threads: its I/O runs on the executor given here (and completes on the
/// awaiting coroutine's executor). Destroy it before that executor's io_context. Throws
/// flowsdk::error (errc::invalid_argument) for a malformed base URL or an unreadable CA file.
class client {
 public:
  client(boost::asio::any_io_executor executor, client_options options);
  /// Shares `transport` (and its pool) with other clients, or uses a fake one in tests.
  client(std::shared_ptr<http::transport> transport, client_options options);

  imbrace::workflows workflows() const { return imbrace::workflows(state_); }

  http::pool_stats pool_stats() const;
  const std::shared_ptr<http::transport>& transport() const noexcept;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::imbrace
