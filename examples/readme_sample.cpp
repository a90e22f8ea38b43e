// examples/readme_sample.cpp; the README shows it verbatim (the readme.sample test checks).
// IMBRACE_API_KEY is required; IMBRACE_BASE_URL and IMBRACE_CA_FILE point it at another gateway,
// such as the emulator (docs/emulator.md).
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
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
  const char* key = std::getenv("IMBRACE_API_KEY");
  if (key == nullptr || *key == '\0') {
    std::cerr << "set IMBRACE_API_KEY (and IMBRACE_BASE_URL, IMBRACE_CA_FILE for another gateway)\n";
    return 2;
  }
  im::client_options o;
  o.credentials = im::credentials::api_key(key);
  if (const char* url = std::getenv("IMBRACE_BASE_URL")) o.gateway = url;
  if (const char* ca = std::getenv("IMBRACE_CA_FILE")) o.transport.tls.ca_file = ca;

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
