// A consumer that also compiles Asio code of its own in this translation unit: a timer, a post
// and the deprecated io_context::work, which flowsdk must not take away (no
// BOOST_ASIO_NO_DEPRECATED reaches consumers). This file is compiled with
// BOOST_ASIO_SEPARATE_COMPILATION, which flowsdk::flowsdk carries, and Asio's functions come from
// the library (libflowsdk_boost_impl.a, or libflowsdk.so when shared): one Asio per program
// (docs/cmake.md, "Asio").
//   consumer_asio BASE_URL CA_FILE API_KEY
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <optional>

namespace asio = boost::asio;
namespace im = flowsdk::imbrace;

asio::awaitable<int> count_flows(im::client client) {
  auto flows = client.workflows().list_flows();
  int n = 0;
  while (auto f = co_await flows.next()) ++n;
  co_return n;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " BASE_URL CA_FILE API_KEY\n";
    return 2;
  }
  asio::io_context io;
  // Keeps run() going until the SDK call and the timer are both done.
  std::optional<asio::io_context::work> work(std::in_place, io);
  bool posted = false;
  io.post([&] { posted = true; });

  asio::steady_timer timer(io, std::chrono::milliseconds(20));
  bool fired = false;
  timer.async_wait([&](boost::system::error_code ec) { fired = !ec; });

  im::client_options o;
  o.gateway = argv[1];
  o.transport.tls.ca_file = argv[2];
  o.credentials = im::credentials::api_key(argv[3]);
  im::client client(io.get_executor(), o);
  int status = 0;
  asio::co_spawn(io, count_flows(client), [&](std::exception_ptr e, int n) {
    work.reset();
    if (!e) {
      std::cout << "own Asio and flowsdk " << flowsdk::version_string << ": " << n << " flows\n";
      return;
    }
    status = 1;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& err) {
      std::cerr << "consumer failed: " << err.what() << "\n";
    }
  });
  io.run();
  if (!posted || !fired) {
    std::cerr << "consumer: own Asio work did not run (posted " << posted << ", timer " << fired << ")\n";
    return 1;
  }
  std::cout << "own Asio: post ran, timer fired\n";
  return status;
}
