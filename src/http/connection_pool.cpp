#include "connection_pool.hpp"

#include "flowsdk/core/error.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace flowsdk::http::detail {

namespace asio = boost::asio;

// ---- lease ----------------------------------------------------------------------------------

lease::lease(std::shared_ptr<origin_pool> pool, connection_ptr conn)
    : pool_(std::move(pool)), conn_(std::move(conn)), reused_(conn_ != nullptr) {}

lease& lease::operator=(lease&& other) noexcept {
  if (this != &other) {
    give_back();
    pool_ = std::move(other.pool_);
    conn_ = std::move(other.conn_);
    reused_ = other.reused_;
    reusable_ = other.reusable_;
  }
  return *this;
}

lease::~lease() { give_back(); }

void lease::give_back() noexcept {
  if (!pool_) return;
  const bool reusable = reusable_ && conn_ != nullptr;
  pool_->release(std::move(conn_), reusable);  // one not kept is closed by its deleter
  pool_.reset();
}

// ---- origin_pool ----------------------------------------------------------------------------

origin_pool::origin_pool(pool_options options) : options_(options) {
  if (options_.max_connections_per_origin == 0) {
    throw_invalid_argument("pool_options::max_connections_per_origin must be at least 1");
  }
}

bool origin_pool::expired(const connection& c, steady_clock::time_point now) const noexcept {
  return now - c.last_used >= options_.idle_timeout || now - c.created >= options_.max_connection_age;
}

const char* origin_pool::eviction_reason(const connection& c, steady_clock::time_point now) const noexcept {
  if (now - c.last_used >= options_.idle_timeout) return "idle_timeout";
  if (now - c.created >= options_.max_connection_age) return "max_age";
  return "peer_closed";
}

connection_ptr origin_pool::take_idle(steady_clock::time_point now, std::vector<connection_ptr>& evicted) {
  // The front holds the least recently used connections: evict expired ones from there.
  auto first_live = std::find_if(idle_.begin(), idle_.end(), [&](const auto& c) { return !expired(*c, now); });
  for (auto it = idle_.begin(); it != first_live; ++it) evicted.push_back(std::move(*it));
  open_ -= static_cast<std::size_t>(first_live - idle_.begin());
  idle_.erase(idle_.begin(), first_live);
  // The most recently used connection is the likeliest to be alive; one the server has closed
  // meanwhile is dropped here rather than failing the request.
  while (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    if (!expired(*c, now) && !c->peer_closed()) return c;
    evicted.push_back(std::move(c));
    --open_;
  }
  return nullptr;
}

std::optional<connection_ptr> origin_pool::try_grant_locked(std::vector<connection_ptr>& evicted) {
  if (auto c = take_idle(steady_clock::now(), evicted)) {
    ++in_use_;
    ++reused_;
    return c;
  }
  if (open_ < options_.max_connections_per_origin) {
    ++open_;
    ++in_use_;
    return connection_ptr();  // a permit
  }
  return std::nullopt;
}

std::optional<lease> origin_pool::try_acquire(std::vector<connection_ptr>* evicted_out) {
  std::vector<connection_ptr> dropped;  // closed (on their strands) when this returns, outside the lock
  std::vector<connection_ptr>& evicted = evicted_out ? *evicted_out : dropped;
  std::optional<connection_ptr> grant;
  {
    std::lock_guard lock(mutex_);
    grant = try_grant_locked(evicted);
  }
  if (!grant) return std::nullopt;
  return lease(shared_from_this(), std::move(*grant));
}

asio::awaitable<lease> origin_pool::acquire(steady_clock::time_point deadline, std::error_code& ec,
                                            std::vector<connection_ptr>* evicted_out) {
  ec.clear();
  // Evicted connections are closed (on their strands) when this frame ends, outside the lock.
  std::vector<connection_ptr> dropped;
  std::vector<connection_ptr>& evicted = evicted_out ? *evicted_out : dropped;

  {
    std::lock_guard lock(mutex_);
    if (auto grant = try_grant_locked(evicted)) co_return lease(shared_from_this(), std::move(*grant));
  }

  waiter w(co_await asio::this_coro::executor);
  w.timer.expires_at(deadline);
  // If this frame is destroyed without resuming (its io_context stopped and destroyed), the
  // waiter must leave the queue with it, or a later release() would touch freed memory.
  struct unlist_on_exit {
    origin_pool& pool;
    waiter& w;
    ~unlist_on_exit() {
      std::lock_guard lock(pool.mutex_);
      if (w.listed) {
        pool.waiters_.erase(w.position);
        w.listed = false;
      }
    }
  } unlist{*this, w};
  boost::system::error_code wait_ec;
  // The wait starts before the waiter is published, so release() can never cancel a wait that
  // has not begun. The pool is checked again under the same lock: a connection may have come
  // back since the check above.
  auto start_waiting = [&](auto handler) {
    w.timer.async_wait(std::move(handler));
    std::lock_guard lock(mutex_);
    if (auto grant = try_grant_locked(evicted)) {
      w.served = true;
      w.handed = std::move(*grant);
      w.timer.cancel();
    } else {
      w.position = waiters_.insert(waiters_.end(), &w);
      w.listed = true;
    }
  };
  auto token = asio::redirect_error(asio::use_awaitable, wait_ec);
  co_await asio::async_initiate<decltype(token), void(boost::system::error_code)>(start_waiting, token);

  {
    std::lock_guard lock(mutex_);
    if (w.served) co_return lease(shared_from_this(), std::move(w.handed));
    waiters_.erase(w.position);
    w.listed = false;
  }
  if (wait_ec == asio::error::operation_aborted) throw boost::system::system_error(wait_ec);
  ec = errc::timeout;
  co_return lease();
}

void origin_pool::connection_opened() noexcept {
  std::lock_guard lock(mutex_);
  ++created_;
}

void origin_pool::release(connection_ptr conn, bool reusable) noexcept {
  connection_ptr closing;  // closed by its deleter once the lock is released
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (reusable && !expired(*conn, steady_clock::now())) {
      if (!waiters_.empty()) {
        waiter* w = waiters_.front();
        waiters_.pop_front();
        w->listed = false;
        w->served = true;
        w->handed = std::move(conn);
        ++in_use_;
        ++reused_;
        w->timer.cancel();
        return;
      }
      idle_.push_back(std::move(conn));
      return;
    }
    closing = std::move(conn);
    --open_;
    if (!waiters_.empty()) {
      // The slot freed by the closed connection becomes a permit for the first waiter.
      waiter* w = waiters_.front();
      waiters_.pop_front();
      w->listed = false;
      w->served = true;
      ++open_;
      ++in_use_;
      w->timer.cancel();
    }
  }
}

void origin_pool::add_stats(pool_stats& into) const {
  std::lock_guard lock(mutex_);
  into.open += open_;
  into.idle += idle_.size();
  into.in_use += in_use_;
  into.waiting += waiters_.size();
  into.created += created_;
  into.reused += reused_;
}

// ---- connection_pool ------------------------------------------------------------------------

std::shared_ptr<origin_pool> connection_pool::for_origin(const origin& to, const proxy_endpoint* via) {
  key k{to, via ? std::optional<proxy_endpoint>(*via) : std::nullopt};
  std::lock_guard lock(mutex_);
  for (auto& [o, pool] : pools_) {
    if (o == k) return pool;
  }
  auto pool = std::make_shared<origin_pool>(options_);
  pools_.emplace_back(std::move(k), pool);
  return pool;
}

pool_stats connection_pool::stats() const {
  pool_stats s;
  std::lock_guard lock(mutex_);
  for (const auto& [o, pool] : pools_) pool->add_stats(s);
  return s;
}

}  // namespace flowsdk::http::detail
