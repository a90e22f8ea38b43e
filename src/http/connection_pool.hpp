#pragma once
// Connections per origin: a maximum count, FIFO waiters, idle and age eviction, statistics.
// The pool hands out connections or permits to open one; it does no I/O itself, so its
// bookkeeping is unit-tested without sockets.

#include "connection.hpp"

#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/pool_options.hpp"
#include "flowsdk/http/pool_stats.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <vector>

namespace flowsdk::http::detail {

class origin_pool;

/// A connection (or the right to open one) held by one request. Giving it back is automatic:
/// the destructor returns a reusable connection to the pool and closes any other.
class lease {
 public:
  lease() = default;
  lease(std::shared_ptr<origin_pool> pool, connection_ptr conn);
  lease(lease&&) noexcept = default;
  lease& operator=(lease&&) noexcept;
  ~lease();

  /// Null when the lease is a permit: the holder opens the connection and assigns it here.
  connection_ptr& conn() noexcept { return conn_; }
  bool reused() const noexcept { return reused_; }
  /// Only a connection marked reusable goes back to the pool.
  void mark_reusable() noexcept { reusable_ = true; }
  explicit operator bool() const noexcept { return pool_ != nullptr; }

 private:
  void give_back() noexcept;

  std::shared_ptr<origin_pool> pool_;
  connection_ptr conn_;
  bool reused_ = false;
  bool reusable_ = false;
};

class origin_pool : public std::enable_shared_from_this<origin_pool> {
 public:
  explicit origin_pool(pool_options options);

  /// A lease on an idle connection, or a permit to open one, as soon as the pool allows;
  /// FIFO among waiters. Returns errc::timeout at `deadline`; throws the caller's cancellation
  /// (asio::error::operation_aborted) if cancelled while waiting. With `evicted`, the idle
  /// connections it dropped on the way go there instead of being closed at once (for an observer,
  /// which the caller tells before it lets them go).
  boost::asio::awaitable<lease> acquire(steady_clock::time_point deadline, std::error_code& ec,
                                        std::vector<connection_ptr>* evicted = nullptr);
  /// acquire's fast path, without a coroutine: an idle connection or a permit when one is free
  /// now, nullopt when the caller would have to wait (then acquire). `evicted` as for acquire.
  std::optional<lease> try_acquire(std::vector<connection_ptr>* evicted = nullptr);

  /// Why acquire dropped `c`, an idle connection: "idle_timeout", "max_age" or "peer_closed".
  const char* eviction_reason(const connection& c, steady_clock::time_point now) const noexcept;

  /// Called by lease: a connection comes back, reusable or not (null for a permit never used).
  void release(connection_ptr conn, bool reusable) noexcept;

  /// Called by the holder of a permit once its new connection is open.
  void connection_opened() noexcept;

  void add_stats(pool_stats& into) const;

 private:
  struct waiter {
    explicit waiter(boost::asio::any_io_executor ex) : timer(ex) {}
    boost::asio::steady_timer timer;
    bool served = false;
    connection_ptr handed;  // null with served == true: a permit
    std::list<waiter*>::iterator position;
    bool listed = false;  // in waiters_ (guarded by mutex_)
  };

  // A reused connection, a permit (null), or nothing when the pool is at its limit.
  std::optional<connection_ptr> try_grant_locked(std::vector<connection_ptr>& evicted);

  connection_ptr take_idle(steady_clock::time_point now, std::vector<connection_ptr>& evicted);
  bool expired(const connection& c, steady_clock::time_point now) const noexcept;

  const pool_options options_;
  mutable std::mutex mutex_;
  std::vector<connection_ptr> idle_;  // back = most recently used
  std::list<waiter*> waiters_;
  std::size_t open_ = 0;    // idle + leased + permits being opened
  std::size_t in_use_ = 0;  // leased connections and permits
  std::uint64_t created_ = 0;
  std::uint64_t reused_ = 0;
};

/// The pools of one transport, one per origin and proxy.
class connection_pool {
 public:
  explicit connection_pool(pool_options options) : options_(options) {}
  /// The pool of connections to `to` through `via` (null: direct). Connections through another
  /// proxy, or with other proxy credentials, are in another pool: a tunnel or a forwarding
  /// connection belongs to the proxy that opened it.
  std::shared_ptr<origin_pool> for_origin(const origin& to, const proxy_endpoint* via = nullptr);
  pool_stats stats() const;

 private:
  struct key {
    origin to;
    std::optional<proxy_endpoint> via;
    friend bool operator==(const key&, const key&) = default;
  };
  const pool_options options_;
  mutable std::mutex mutex_;
  std::vector<std::pair<key, std::shared_ptr<origin_pool>>> pools_;  // few origins: a vector beats a map
};

}  // namespace flowsdk::http::detail
