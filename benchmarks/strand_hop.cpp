// strand_hop: what taking a request onto its connection's strand and back costs, next to the
// cheapest asynchronous step a coroutine can take (a post to its own executor). Meant for
// callgrind, whose instruction counts are repeatable on a shared machine: run it twice with
// different counts and divide the difference (BENCHMARKS.md).
//
//   strand_hop hop|hop-cancellable|post N
//
// hop              run_on(strand, work) from a coroutine nobody can cancel (plain co_spawn)
// hop-cancellable  the same from a coroutine with a cancellation slot (the relay is built)
// post             co_await asio::post(use_awaitable): one trip through the scheduler
#include "http/strand_hop.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

namespace asio = boost::asio;

namespace {

asio::awaitable<int> work_on_strand(int i) { co_return i + 1; }

asio::awaitable<void> hops(asio::strand<asio::any_io_executor> strand, int n, long* sum) {
  for (int i = 0; i < n; ++i) {
    const int v = co_await flowsdk::http::detail::run_on(strand, work_on_strand(i));
    *sum += v;
  }
}

asio::awaitable<void> posts(int n, long* sum) {
  for (int i = 0; i < n; ++i) {
    co_await asio::post(asio::use_awaitable);
    *sum += i + 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: strand_hop hop|hop-cancellable|post N\n";
    return 2;
  }
  const std::string_view mode = argv[1];
  const int n = std::atoi(argv[2]);
  asio::io_context io(1);
  long sum = 0;
  asio::cancellation_signal never_emitted;
  auto strand = asio::make_strand(io.get_executor());
  if (mode == "hop") {
    asio::co_spawn(io, hops(strand, n, &sum), asio::detached);
  } else if (mode == "hop-cancellable") {
    asio::co_spawn(io, hops(strand, n, &sum), asio::bind_cancellation_slot(never_emitted.slot(), asio::detached));
  } else if (mode == "post") {
    asio::co_spawn(io, posts(n, &sum), asio::detached);
  } else {
    std::cerr << "strand_hop: unknown mode " << mode << "\n";
    return 2;
  }
  io.run();
  std::cout << mode << " x" << n << ": checksum " << sum << "\n";
  return sum == static_cast<long>(n) * (n + 1) / 2 ? 0 : 1;
}
