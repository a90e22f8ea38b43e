// examples/readme_sample.cpp; the README shows it verbatim (the readme.sample test checks).
// Configured from the environment (docs/configuration.md): IMBRACE_API_KEY is required;
// IMBRACE_GATEWAY_URL and FLOWSDK_CA_FILE point it at another gateway, such as the emulator.
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <iostream>

namespace asio = boost::asio;
namespace im = flowsdk::imbrace;

asio::awaitable<void> report(im::client client) {
  auto wf = client.workflows();
  im::list_runs_params failed;
  failed.status = im::flow_run_status::failed;
  auto runs = wf.list_runs(failed);  // no I/O yet
  int count = 0;
  while (auto run = co_await runs.next()) {  // pages fetched as needed
    std::cout << run->id << " failed at " << (run->failed_step ? run->failed_step->name : "?") << "\n";
    ++count;
  }
  std::cout << count << " failed runs\n";
}

int main() {
  im::client_options o;
  try {
    o = im::client_options::from_env();
  } catch (const flowsdk::error& e) {  // errc::invalid_argument naming the variable
    std::cerr << e.what() << "\n";
    return 2;
  }

  asio::io_context io;
  im::client client(io.get_executor(), o);
  int status = 0;
  asio::co_spawn(io, report(client), [&](std::exception_ptr e) {
    if (!e) return;
    status = 1;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& err) {  // flowsdk::error among them
      std::cerr << "report failed: " << err.what() << "\n";
    }
  });
  io.run();
  return status;
}
