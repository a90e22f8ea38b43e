// The find_package consumer (the README's five lines of CMake build it): uses flowsdk and nothing of Asio beyond what
// the SDK's API needs: lists the flows of an Imbrace gateway (the emulator, in test/consumer/run.sh).
//   consumer BASE_URL CA_FILE API_KEY
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <iostream>

namespace asio = boost::asio;
namespace im = flowsdk::imbrace;

asio::awaitable<void> count_flows(im::client client) {
  auto flows = client.workflows().list_flows();
  int n = 0;
  while (auto f = co_await flows.next()) ++n;
  std::cout << "flowsdk " << flowsdk::version_string << ": " << n << " flows\n";
}

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " BASE_URL CA_FILE API_KEY\n";
    return 2;
  }
  im::client_options o;
  o.gateway = argv[1];
  o.transport.tls.ca_file = argv[2];
  o.credentials = im::credentials::api_key(argv[3]);
  asio::io_context io;
  im::client client(io.get_executor(), o);
  int status = 0;
  asio::co_spawn(io, count_flows(client), [&](std::exception_ptr e) {
    if (!e) return;
    status = 1;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& err) {
      std::cerr << "consumer failed: " << err.what() << "\n";
    }
  });
  io.run();
  return status;
}
