// Pool bookkeeping without sockets: connections here are never opened.
#include "http/connection_pool.hpp"

#include "flowsdk/core/error.hpp"
#include "support/run.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

using namespace flowsdk::http;
using namespace flowsdk::http::detail;
namespace asio = boost::asio;
using std::chrono::milliseconds;

namespace {
pool_options small(std::size_t max) {
  pool_options o;
  o.max_connections_per_origin = max;
  return o;
}

pool_stats stats_of(const origin_pool& p) {
  pool_stats s;
  p.add_stats(s);
  return s;
}

// A connection over one end of a socketpair: alive until the other end closes. No network.
struct paired_connection {
  paired_connection() = default;
  paired_connection(paired_connection&& o) noexcept : conn(std::move(o.conn)), peer(std::exchange(o.peer, -1)) {}
  connection_ptr conn;
  int peer = -1;
  ~paired_connection() {
    if (peer >= 0) ::close(peer);
  }
};

paired_connection open_paired(asio::io_context& io) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) throw std::runtime_error("socketpair");
  paired_connection p;
  p.conn = make_connection(io.get_executor(), nullptr);
  p.conn->tcp().socket().assign(asio::ip::tcp::v4(), fds[0]);
  p.peer = fds[1];
  return p;
}

// Acquires with a deadline; returns the lease (empty with ec set on timeout).
asio::awaitable<lease> take(std::shared_ptr<origin_pool> pool, milliseconds wait, std::error_code* ec_out) {
  std::error_code ec;
  auto l = co_await pool->acquire(steady_clock::now() + wait, ec);
  if (ec_out) *ec_out = ec;
  co_return l;
}
}  // namespace

TEST(Pool, HandsOutPermitsUpToTheLimitThenTimesOut) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(2));
  std::error_code ec;
  lease a = flowsdk::test::run(io, take(pool, milliseconds(50), &ec));
  lease b = flowsdk::test::run(io, take(pool, milliseconds(50), &ec));
  EXPECT_FALSE(ec);
  EXPECT_FALSE(a.conn());  // permits: the caller opens the connection
  auto s = stats_of(*pool);
  EXPECT_EQ(s.open, 2u);
  EXPECT_EQ(s.in_use, 2u);

  lease c = flowsdk::test::run(io, take(pool, milliseconds(20), &ec));
  EXPECT_EQ(ec, flowsdk::errc::timeout);
  EXPECT_FALSE(c);
  EXPECT_EQ(stats_of(*pool).waiting, 0u);
}

TEST(Pool, AReusableConnectionGoesIdleAndIsReused) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(1));
  auto paired = open_paired(io);
  {
    lease a = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
    a.conn() = std::move(paired.conn);
    pool->connection_opened();
    a.mark_reusable();
  }
  auto s = stats_of(*pool);
  EXPECT_EQ(s.idle, 1u);
  EXPECT_EQ(s.in_use, 0u);
  EXPECT_EQ(s.created, 1u);
  lease b = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
  ASSERT_TRUE(b.conn());
  EXPECT_TRUE(b.reused());
  EXPECT_EQ(stats_of(*pool).reused, 1u);
}

TEST(Pool, AnIdleConnectionTheServerClosedIsDroppedNotReused) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(1));
  auto paired = open_paired(io);
  {
    lease a = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
    a.conn() = std::move(paired.conn);
    a.mark_reusable();
  }
  EXPECT_EQ(stats_of(*pool).idle, 1u);
  ::close(paired.peer);  // the server closes the idle connection
  paired.peer = -1;
  lease b = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
  EXPECT_FALSE(b.conn());  // a permit for a new connection instead
  auto s = stats_of(*pool);
  EXPECT_EQ(s.idle, 0u);
  EXPECT_EQ(s.open, 1u);
  EXPECT_EQ(s.reused, 0u);
}

TEST(Pool, ABrokenConnectionFreesItsSlot) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(1));
  {
    lease a = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
    a.conn() = make_connection(io.get_executor(), nullptr);
    // not marked reusable: closed on release
  }
  auto s = stats_of(*pool);
  EXPECT_EQ(s.open, 0u);
  EXPECT_EQ(s.idle, 0u);
  std::error_code ec;
  lease b = flowsdk::test::run(io, take(pool, milliseconds(50), &ec));
  EXPECT_FALSE(ec);
  EXPECT_FALSE(b.conn());
}

TEST(Pool, WaitersAreServedFirstComeFirstServed) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(1));
  lease held = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
  auto paired = open_paired(io);
  held.conn() = std::move(paired.conn);

  std::vector<int> order;
  std::vector<lease> got(3);
  for (int i = 0; i < 3; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          std::error_code ec;
          got[i] = co_await pool->acquire(steady_clock::now() + milliseconds(2000), ec);
          order.push_back(i);
          // Give it straight back as a reusable connection for the next waiter.
          got[i].mark_reusable();
          got[i] = lease();
        },
        asio::detached);
  }
  io.restart();
  io.poll();
  EXPECT_EQ(stats_of(*pool).waiting, 3u);
  held.mark_reusable();
  held = lease();
  io.restart();
  io.run_for(milliseconds(500));
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  auto s = stats_of(*pool);
  EXPECT_EQ(s.waiting, 0u);
  EXPECT_EQ(s.idle, 1u);
  EXPECT_EQ(s.reused, 3u);
}

TEST(Pool, ExpiredIdleConnectionsAreEvictedNotReused) {
  asio::io_context io;
  pool_options o = small(2);
  o.idle_timeout = milliseconds(0);
  auto pool = std::make_shared<origin_pool>(o);
  {
    lease a = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
    a.conn() = make_connection(io.get_executor(), nullptr);
    a.mark_reusable();
  }
  EXPECT_EQ(stats_of(*pool).idle, 0u);  // too old to keep
  lease b = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
  EXPECT_FALSE(b.conn());
  EXPECT_EQ(stats_of(*pool).open, 1u);
}

TEST(Pool, CancellingAWaiterRemovesIt) {
  asio::io_context io;
  auto pool = std::make_shared<origin_pool>(small(1));
  lease held = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
  asio::cancellation_signal cancel;
  bool aborted = false;
  asio::co_spawn(io, take(pool, milliseconds(5000), nullptr),
                 asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, lease) {
                   try {
                     if (e) std::rethrow_exception(e);
                   } catch (const boost::system::system_error& se) {
                     aborted = se.code() == asio::error::operation_aborted;
                   }
                 }));
  io.restart();
  io.poll();
  EXPECT_EQ(stats_of(*pool).waiting, 1u);
  cancel.emit(asio::cancellation_type::terminal);
  io.run_for(milliseconds(200));
  EXPECT_TRUE(aborted);
  EXPECT_EQ(stats_of(*pool).waiting, 0u);
}

TEST(Pool, ZeroConnectionsIsRejected) { EXPECT_THROW(origin_pool(small(0)), flowsdk::error); }

TEST(Pool, AWaiterWhoseFrameIsDestroyedLeavesTheQueue) {
  auto pool = std::make_shared<origin_pool>(small(1));
  lease held;
  {
    asio::io_context io;
    held = flowsdk::test::run(io, take(pool, milliseconds(50), nullptr));
    asio::co_spawn(io, take(pool, milliseconds(60'000), nullptr), asio::detached);
    io.restart();
    io.poll();
    EXPECT_EQ(stats_of(*pool).waiting, 1u);
  }  // the io_context dies with the suspended waiter's frame
  EXPECT_EQ(stats_of(*pool).waiting, 0u);
  held = lease();  // a release now must not touch the destroyed waiter (ASan would say)
  EXPECT_EQ(stats_of(*pool).open, 0u);
}
