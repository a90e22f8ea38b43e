#pragma once
#include "connection_pool.hpp"

#include "flowsdk/http/sender.hpp"
#include "flowsdk/http/transport_options.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>

#include <memory>

namespace flowsdk::http::detail {

/// The real sender: pooled keep-alive connections over Beast, TLS through OpenSSL. Callable
/// from any thread: each attempt takes its connection's strand for the I/O and returns to the
/// caller's executor; the pool's bookkeeping is under its own lock.
class beast_sender final : public sender, public std::enable_shared_from_this<beast_sender> {
 public:
  beast_sender(boost::asio::any_io_executor executor, const transport_options& options);

  boost::asio::awaitable<attempt_result> send(const origin& to, const request& req,
                                              steady_clock::time_point deadline) override;
  boost::asio::awaitable<attempt_result> open(const origin& to, const request& req,
                                              steady_clock::time_point deadline) override;
  pool_stats stats() const override { return pool_.stats(); }

 private:
  // send and open differ only in whether the body is read before returning.
  boost::asio::awaitable<attempt_result> attempt(const origin& to, const request& req,
                                                 steady_clock::time_point deadline, bool streamed);

  static on_strand<attempt_result> on_connection(const beast_sender* self, connection* conn, bool fresh,
                                                 const origin* to, const proxy_endpoint* via, const request* req,
                                                 steady_clock::time_point deadline, bool streamed,
                                                 exchange_status* status);

  boost::asio::any_io_executor executor_;
  // Shared by every connection, which keeps it alive. OpenSSL lets threads share an SSL_CTX
  // once it is set up; nothing changes it after this constructor (see docs/connection-pool.md).
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  bool verify_peer_;
  std::chrono::milliseconds connect_timeout_;
  std::size_t max_body_;
  std::string user_agent_;
  std::size_t max_stale_retries_;
  // Told about connects, handshakes, reuse, evictions and closes, from attempt() on the
  // caller's executor (flowsdk/http/observer.hpp); null: none of it is measured.
  std::shared_ptr<observer> observer_;
  proxy_routes proxies_;  // checked here: an invalid proxy URL fails the transport's construction
  connection_pool pool_;
};

}  // namespace flowsdk::http::detail
