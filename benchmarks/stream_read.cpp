// stream_read: the streaming path against a minimal hand-written Beast reader, in one run
// against the in-process emulator over TLS, alternating the two clients each round.
//
//   download  GET /_emulator/v1/bytes (chunked): transport::open + read_some, versus a Beast
//             buffer_body parser reading the same body into a 16 KiB buffer.
//   events    GET /_emulator/v1/events: event_source (parses every event, tracks ids), versus a
//             Beast reader that only counts blank lines in the bytes.
//
// The server shares the machine, so wall-clock rates are mostly the server's; the client's own
// cost is measured as CPU time of the client thread (CLOCK_THREAD_CPUTIME_ID). Prints both per
// round and the median ratios flowsdk/raw: rate (1.0 = as fast) and client CPU (1.0 = as cheap).
//
//   stream_read [--mib N] [--events N] [--rounds R]
//   stream_read --base-url URL --ca-file PEM [--rounds R]   another server (benchmarks/against_nginx.sh):
//               GET URL/_emulator/v1/bytes and URL/_emulator/v1/events, whatever their size; the
//               events body must be the emulator's shape (a retry: preamble, ticks, a final "done")
//   stream_read ... --profile raw-download|flowsdk-download|raw-events|flowsdk-events
//               one part, once, nothing compared: for callgrind (BENCHMARKS.md)
#include <flowsdk/emulator/server.hpp>
#include <flowsdk/flowsdk.hpp>
#include <flowsdk/testing/run.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <optional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using steady = std::chrono::steady_clock;

namespace {

struct target_info {
  flowsdk::http::origin origin;
  std::string ca_pem;
};

using flowsdk::testing::run;

// The baseline: one TLS connection, one request, the body read through a 16 KiB buffer, with
// 16 KiB of room for socket reads (as flowsdk has).
// `on_bytes` sees every piece. Returns the body size.
template <class OnBytes>
asio::awaitable<std::size_t> raw_read(const target_info& t, std::string path, OnBytes on_bytes) {
  auto ex = co_await asio::this_coro::executor;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.add_certificate_authority(asio::buffer(t.ca_pem));
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ex, ctx);
  asio::ip::tcp::resolver resolver(ex);
  auto endpoints = co_await resolver.async_resolve(t.origin.host, std::to_string(t.origin.port), asio::use_awaitable);
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);

  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, path, 11};
  req.set(bhttp::field::host, t.origin.host);
  co_await bhttp::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  buffer.reserve(16 * 1024);  // socket reads are sized by the free capacity: give a TLS record room
  bhttp::response_parser<bhttp::buffer_body> parser;
  parser.body_limit(boost::none);
  co_await bhttp::async_read_header(stream, buffer, parser, asio::use_awaitable);
  std::vector<char> chunk(16 * 1024);
  std::size_t total = 0;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    boost::system::error_code ec;
    co_await bhttp::async_read_some(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec && ec != bhttp::error::need_buffer) throw boost::system::system_error(ec);
    const std::size_t n = chunk.size() - parser.get().body().size;
    on_bytes(std::string_view(chunk.data(), n));
    total += n;
  }
  co_return total;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct timing {
  double wall = 0;
  double cpu = 0;  // of this (the client's) thread
};

template <class F>
timing measure(F&& f) {
  const auto start = steady::now();
  const double cpu0 = thread_cpu_seconds();
  f();
  return {std::chrono::duration<double>(steady::now() - start).count(), thread_cpu_seconds() - cpu0};
}

}  // namespace

int main(int argc, char** argv) {
  long mib = 256;
  long events = 100000;
  int rounds = 5;
  std::string base_url, ca_file, profile;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--base-url")
      base_url = argv[i + 1];
    else if (flag == "--ca-file")
      ca_file = argv[i + 1];
    else if (flag == "--mib")
      mib = std::stol(argv[i + 1]);
    else if (flag == "--events")
      events = std::stol(argv[i + 1]);
    else if (flag == "--rounds")
      rounds = std::stoi(argv[i + 1]);
    else if (flag == "--profile")
      profile = argv[i + 1];
    else {
      std::cerr
          << "usage: stream_read [--mib N] [--events N] [--rounds R] [--base-url URL --ca-file PEM] [--profile PART]\n";
      return 2;
    }
  }

  std::optional<flowsdk::emulator::background_server> emu;
  target_info t;
  std::string bytes_path = "/_emulator/v1/bytes", events_path = "/_emulator/v1/events";
  if (base_url.empty()) {
    flowsdk::emulator::server_options so;
    so.seed = false;
    emu.emplace(so);
    t = {flowsdk::http::base_url::parse(emu->get().base_url()).origin, emu->get().ca_pem()};
    bytes_path += "?chunk=16384&size=" + std::to_string(mib * 1024 * 1024);
    events_path += "?count=" + std::to_string(events);
  } else {
    std::ifstream in(ca_file);
    std::ostringstream pem;
    pem << in.rdbuf();
    if (!in || pem.str().empty()) {
      std::cerr << "stream_read: cannot read " << ca_file << "\n";
      return 2;
    }
    t = {flowsdk::http::base_url::parse(base_url).origin, pem.str()};
  }

  asio::io_context io;
  flowsdk::http::transport_options to;
  to.tls.ca_pem = t.ca_pem;
  flowsdk::http::transport transport(io.get_executor(), to);

  // The four parts, each returning what it counted (bytes or events).
  const auto raw_download = [&] {
    return static_cast<long>(run(io, raw_read(t, bytes_path, [](std::string_view) {})));
  };
  const auto flowsdk_download = [&] {
    return static_cast<long>(run(
        io, [](flowsdk::http::transport tr, flowsdk::http::origin o, std::string p) -> asio::awaitable<std::size_t> {
          auto s = co_await tr.open(o, flowsdk::http::request(flowsdk::http::verb::get, p));
          std::size_t n = 0;
          for (;;) {
            std::string_view piece = co_await s.read_some();
            if (piece.empty()) co_return n;
            n += piece.size();
          }
        }(transport, t.origin, bytes_path)));
  };
  const auto raw_events = [&] {
    // Counts "\n\n" pairs, across pieces too: the least a reader of events must do.
    long n = 0;
    char last = 0;
    run(io, raw_read(t, events_path, [&](std::string_view piece) {
          for (char c : piece) {
            if (c == '\n' && last == '\n') ++n;
            last = c;
          }
        }));
    return n - 1;  // the retry: preamble
  };
  const auto flowsdk_events = [&] {
    return run(io, [](flowsdk::http::transport tr, flowsdk::http::origin o, std::string p) -> asio::awaitable<long> {
      flowsdk::event_source s(tr, o, flowsdk::http::request(flowsdk::http::verb::get, p),
                              [](const flowsdk::server_sent_event& e) { return e.type == "done"; });
      long n = 0;
      while (co_await s.next()) ++n;
      co_return n;
    }(transport, t.origin, events_path));
  };
  if (!profile.empty()) {
    // One part once, for callgrind: the other parts' work stays out of the profile.
    long n = 0;
    if (profile == "raw-download")
      n = raw_download();
    else if (profile == "flowsdk-download")
      n = flowsdk_download();
    else if (profile == "raw-events")
      n = raw_events();
    else if (profile == "flowsdk-events")
      n = flowsdk_events();
    else {
      std::cerr << "stream_read: --profile takes raw-download, flowsdk-download, raw-events or flowsdk-events\n";
      return 2;
    }
    std::cout << "profile " << profile << ": " << n << "\n";
    return 0;
  }

  std::vector<double> download_ratio, events_ratio, download_cpu_ratio, events_cpu_ratio;
  std::cout << std::fixed << std::setprecision(1);
  for (int r = 1; r <= rounds; ++r) {
    long raw_bytes = 0, sdk_bytes = 0;
    const timing raw_s = measure([&] { raw_bytes = raw_download(); });
    const timing sdk_s = measure([&] { sdk_bytes = flowsdk_download(); });
    if (raw_bytes != sdk_bytes) {
      std::cerr << "download sizes differ: raw " << raw_bytes << ", flowsdk " << sdk_bytes << "\n";
      return 1;
    }
    const double raw_rate = raw_bytes / raw_s.wall / (1024 * 1024), sdk_rate = sdk_bytes / sdk_s.wall / (1024 * 1024);
    download_ratio.push_back(sdk_rate / raw_rate);
    download_cpu_ratio.push_back(sdk_s.cpu / raw_s.cpu);

    long raw_count = 0, sdk_count = 0;
    const timing raw_e = measure([&] { raw_count = raw_events(); });
    const timing sdk_e = measure([&] { sdk_count = flowsdk_events(); });
    if (raw_count != sdk_count) {
      std::cerr << "event counts differ: raw " << raw_count << ", flowsdk " << sdk_count << "\n";
      return 1;
    }
    const double raw_eps = raw_count / raw_e.wall / 1000, sdk_eps = sdk_count / sdk_e.wall / 1000;
    events_ratio.push_back(sdk_eps / raw_eps);
    events_cpu_ratio.push_back(sdk_e.cpu / raw_e.cpu);
    std::cout << "round " << r << ": download raw " << raw_rate << " MiB/s, flowsdk " << sdk_rate
              << " MiB/s, client CPU " << raw_s.cpu * 1e3 / (raw_bytes >> 20) << " vs "
              << sdk_s.cpu * 1e3 / (sdk_bytes >> 20) << " ms/MiB; events raw " << raw_eps << " k/s, flowsdk " << sdk_eps
              << " k/s, client CPU " << raw_e.cpu * 1e6 / raw_count << " vs " << sdk_e.cpu * 1e6 / sdk_count
              << " us/event\n";
  }
  std::cout << std::setprecision(2) << "median flowsdk/raw: download rate " << median(download_ratio) << ", client CPU "
            << median(download_cpu_ratio) << "; events rate " << median(events_ratio) << ", client CPU "
            << median(events_cpu_ratio) << "\n";
  return 0;
}
