// run_lookups: many concurrent get_run calls (decoded into imbrace::flow_run) over HTTPS
// keep-alive, measured side by side in one process with a minimal hand-written Beast client that
// sends the same request on the same number of connections and only checks the status.
// The ratio sdk/raw is the number to watch: both run against the same server in the same
// process, alternating, so a noisy shared machine affects both alike.
//
//   run_lookups                                   in-process emulator (own thread)
//   run_lookups --base-url URL --ca-file PEM [--api-key K] [--run-id ID]
//               [--total N] [--concurrency C] [--rounds R] [--only raw|sdk]
#include <flowsdk/emulator/server.hpp>
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <vector>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace im = flowsdk::imbrace;
using steady = std::chrono::steady_clock;

namespace {

struct config {
  std::string base_url;
  std::string ca_file;
  std::string ca_pem;
  std::string api_key = "api_emulator_key";
  std::string run_id;
  long total = 20000;
  int concurrency = 64;
  int rounds = 3;
  std::string only;  ///< "raw" or "sdk": run one client (e.g. under callgrind, to count its instructions)
};

// ---- the baseline: a minimal keep-alive Beast client ----------------------------------------

asio::awaitable<void> raw_worker(beast::ssl_stream<beast::tcp_stream>& stream, const flowsdk::http::origin& to,
                                 std::string target, const config& cfg, std::atomic<long>& remaining, long& failures) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, to.host + ":" + std::to_string(to.port));
  req.set("x-api-key", cfg.api_key);
  req.keep_alive(true);
  beast::flat_buffer buffer;
  while (remaining.fetch_sub(1) > 0) {
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buffer, res, asio::use_awaitable);
    if (res.result_int() != 200) ++failures;
  }
}

double run_raw(const config& cfg, const flowsdk::http::base_url& base) {
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  if (!cfg.ca_pem.empty()) ctx.add_certificate_authority(asio::buffer(cfg.ca_pem));
  if (!cfg.ca_file.empty()) ctx.load_verify_file(cfg.ca_file);
  ctx.set_verify_mode(asio::ssl::verify_peer);
  const std::string target = base.path + "/v1/flow-runs/" + cfg.run_id;

  // Connections are opened before the clock starts.
  std::vector<std::unique_ptr<beast::ssl_stream<beast::tcp_stream>>> streams;
  asio::ip::tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(base.origin.host, std::to_string(base.origin.port));
  for (int i = 0; i < cfg.concurrency; ++i) {
    auto s = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, ctx);
    beast::get_lowest_layer(*s).connect(endpoints);
    beast::get_lowest_layer(*s).socket().set_option(asio::ip::tcp::no_delay(true));
    s->handshake(asio::ssl::stream_base::client);
    streams.push_back(std::move(s));
  }
  std::atomic<long> remaining{cfg.total};
  long failures = 0;
  const auto start = steady::now();
  for (auto& s : streams) {
    asio::co_spawn(io, raw_worker(*s, base.origin, target, cfg, remaining, failures), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
  }
  io.run();
  const double secs = std::chrono::duration<double>(steady::now() - start).count();
  if (failures) std::cerr << "raw: " << failures << " non-200 responses\n";
  return static_cast<double>(cfg.total) / secs;
}

// ---- the SDK -------------------------------------------------------------------------------

asio::awaitable<void> sdk_worker(im::workflows wf, std::string id, std::atomic<long>& remaining, long& checksum) {
  while (remaining.fetch_sub(1) > 0) {
    auto run = co_await wf.get_run(id);
    checksum += static_cast<long>(run.status.value().size());
  }
}

im::client_options sdk_options(const config& cfg) {
  im::client_options o;
  o.gateway = cfg.base_url;
  o.credentials = im::credentials::api_key(cfg.api_key);
  o.transport.tls.ca_file = cfg.ca_file;
  o.transport.tls.ca_pem = cfg.ca_pem;
  o.transport.pool.max_connections_per_origin = static_cast<std::size_t>(cfg.concurrency);
  return o;
}

double run_sdk(const config& cfg) {
  asio::io_context io;
  im::client client(io.get_executor(), sdk_options(cfg));
  long checksum = 0;
  // Warm-up: open the pool's connections before the clock starts, as the baseline does.
  {
    std::atomic<long> warm{cfg.concurrency};
    for (int i = 0; i < cfg.concurrency; ++i) {
      asio::co_spawn(io, sdk_worker(client.workflows(), cfg.run_id, warm, checksum), [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
    }
    io.run();
    io.restart();
  }
  std::atomic<long> remaining{cfg.total};
  const auto start = steady::now();
  for (int i = 0; i < cfg.concurrency; ++i) {
    asio::co_spawn(io, sdk_worker(client.workflows(), cfg.run_id, remaining, checksum), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
  }
  io.run();
  const double secs = std::chrono::duration<double>(steady::now() - start).count();
  auto stats = client.pool_stats();
  if (stats.created > static_cast<std::uint64_t>(cfg.concurrency)) {
    std::cerr << "sdk: opened " << stats.created << " connections for " << cfg.concurrency << " workers\n";
  }
  return static_cast<double>(cfg.total) / secs;
}

std::string find_a_run(const config& cfg) {
  asio::io_context io;
  im::client client(io.get_executor(), sdk_options(cfg));
  std::string id;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto runs = client.workflows().list_runs();
        if (auto run = co_await runs.next()) id = run->id;
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  if (id.empty()) throw std::runtime_error("the server has no runs to look up; pass --run-id");
  return id;
}

}  // namespace

int main(int argc, char** argv) try {
  config cfg;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--base-url")
      cfg.base_url = value;
    else if (flag == "--ca-file")
      cfg.ca_file = value;
    else if (flag == "--api-key")
      cfg.api_key = value;
    else if (flag == "--run-id")
      cfg.run_id = value;
    else if (flag == "--total")
      cfg.total = std::stol(value);
    else if (flag == "--concurrency")
      cfg.concurrency = std::stoi(value);
    else if (flag == "--rounds")
      cfg.rounds = std::stoi(value);
    else if (flag == "--only")
      cfg.only = value;
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }

  std::optional<flowsdk::emulator::background_server> emulator;
  if (cfg.base_url.empty()) {
    flowsdk::emulator::server_options eo;
    emulator.emplace(eo);
    cfg.base_url = emulator->get().base_url();
    cfg.ca_pem = emulator->get().ca_pem();
    std::cout << "target: in-process emulator at " << cfg.base_url << "\n";
  } else {
    std::cout << "target: " << cfg.base_url << "\n";
  }
  if (cfg.run_id.empty()) cfg.run_id = find_a_run(cfg);
  const auto base = flowsdk::http::base_url::parse(cfg.base_url + "/activepieces");

  std::cout << "GET " << base.path << "/v1/flow-runs/" << cfg.run_id << " x " << cfg.total << ", " << cfg.concurrency
            << " connections, " << cfg.rounds << " rounds (best of each)\n";
  if (!cfg.only.empty()) {
    const double rate = cfg.only == "raw" ? run_raw(cfg, base) : run_sdk(cfg);
    std::cout << cfg.only << ": " << static_cast<long>(rate) << " req/s\n";
    return 0;
  }
  double best_raw = 0, best_sdk = 0;
  std::vector<double> ratios;
  for (int round = 1; round <= cfg.rounds; ++round) {
    // Alternate which client goes first so a warming or cooling machine favours neither.
    double raw = 0, sdk = 0;
    if (round % 2) {
      raw = run_raw(cfg, base);
      sdk = run_sdk(cfg);
    } else {
      sdk = run_sdk(cfg);
      raw = run_raw(cfg, base);
    }
    best_raw = std::max(best_raw, raw);
    best_sdk = std::max(best_sdk, sdk);
    ratios.push_back(sdk / raw);
    std::cout << "round " << round << ": raw beast " << static_cast<long>(raw) << " req/s, flowsdk "
              << static_cast<long>(sdk) << " req/s, ratio " << sdk / raw << "\n";
  }
  std::sort(ratios.begin(), ratios.end());
  std::cout << "best: raw beast " << static_cast<long>(best_raw) << " req/s, flowsdk " << static_cast<long>(best_sdk)
            << " req/s, ratio " << best_sdk / best_raw << "\n";
  std::cout << "median of per-round ratios: " << ratios[ratios.size() / 2] << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "run_lookups: " << e.what() << "\n";
  return 1;
}
