// stream_events: follow a server-sent event stream with flowsdk::event_source, through dropped
// connections, and read a large body piece by piece with transport::open. Runs against the
// emulator's vendor-neutral streaming routes:
//
//   flowsdk-emulator --port 8443 --ca-out ca.pem &
//   stream_events --base-url https://127.0.0.1:8443 --ca-file ca.pem
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <iostream>
#include <string>

namespace asio = boost::asio;
namespace http = flowsdk::http;

namespace {

asio::awaitable<void> follow(http::transport transport, http::origin origin) {
  // Ten events; the server drops the connection after every four, as a proxy might. The
  // source reconnects with Last-Event-ID and nothing is lost or repeated.
  flowsdk::event_source_options options;
  options.reconnect_delay = std::chrono::milliseconds(100);
  flowsdk::event_source events(
      transport, origin, http::request(http::verb::get, "/_emulator/v1/events?count=10&drop_after=4&retry_ms=100"),
      [](const flowsdk::server_sent_event& e) { return e.type == "done"; }, options);
  while (auto e = co_await events.next()) {
    std::cout << "event " << e->id << " " << e->type << " " << e->data << "\n";
  }
  std::cout << "stream ended after " << events.connections() << " connections\n";

  // 8 MiB, never held in memory at once.
  http::response_stream body =
      co_await transport.open(origin, http::request(http::verb::get, "/_emulator/v1/bytes?size=8388608"));
  std::size_t pieces = 0;
  while (!(co_await body.read_some()).empty()) ++pieces;
  std::cout << "read " << body.bytes_read() << " bytes in " << pieces << " pieces\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string base_url, ca_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--base-url")
      base_url = argv[i + 1];
    else if (flag == "--ca-file")
      ca_file = argv[i + 1];
  }
  if (base_url.empty()) {
    std::cerr << "usage: stream_events --base-url URL [--ca-file PEM]\n";
    return 2;
  }
  try {
    asio::io_context io;
    http::transport_options options;
    options.tls.ca_file = ca_file;
    http::transport transport(io.get_executor(), options);
    std::exception_ptr failure;
    asio::co_spawn(io, follow(transport, http::base_url::parse(base_url).origin),
                   [&](std::exception_ptr e) { failure = e; });
    io.run();
    if (failure) std::rethrow_exception(failure);
  } catch (const flowsdk::error& e) {
    std::cerr << "stream_events: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
