// run_lookups: many concurrent lookups of one resource over HTTPS keep-alive, decoded into the
// SDK's model, measured side by side in one process with a minimal hand-written Beast client that
// sends the same request on the same number of connections and only checks the status.
// The ratio sdk/raw is the number to watch: both run against the same server in the same
// process, alternating, so a noisy shared machine affects both alike.
//
//   --vendor imbrace (default)   workflows().get_run(id): GET /activepieces/v1/flow-runs/{id}, x-api-key
//   --vendor cloudflare          instances().get(workflow, id): GET /client/v4/accounts/{a}/workflows/{w}/
//                                instances/{id}, Authorization: Bearer
//
//   run_lookups                                   in-process emulator (own thread)
//   run_lookups --base-url URL --ca-file PEM [--vendor imbrace|cloudflare] [--api-key K] [--run-id ID]
//               [--account A] [--workflow W] [--instance-id ID] [--api-token T]
//               [--total N] [--concurrency C] [--rounds R] [--only raw|sdk]
//
// For each client it also reports allocations per request (a counting operator new, this thread
// only, over the timed part) and, at concurrency 1, the p50 and p99 latency of one request. The
// last line, "result: key=value ...", is for scripts (benchmarks/against_nginx.sh).
#include "alloc_counter.hpp"

#include <flowsdk/emulator/server.hpp>
#include <flowsdk/flowsdk.hpp>

#include <boost/asio/co_spawn.hpp>
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
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace im = flowsdk::imbrace;
namespace cf = flowsdk::cloudflare;
using steady = std::chrono::steady_clock;

namespace {

struct config {
  std::string vendor = "imbrace";
  std::string base_url;
  std::string ca_file;
  std::string ca_pem;
  std::string api_key = "api_emulator_key";
  std::string run_id;
  std::string account = "bench-account";
  std::string workflow = "echo-workflow";
  std::string instance_id = "seed-1";
  std::string api_token = "cf_emulator_token";
  long total = 20000;
  int concurrency = 64;
  int rounds = 3;
  std::string only;  ///< "raw" or "sdk": run one client (e.g. under callgrind, to count its instructions)
};

/// What one timed run of one client measured.
struct measured {
  double rate = 0;              ///< requests per second
  double allocs = 0;            ///< operator new calls per request
  double alloc_bytes = 0;       ///< bytes asked for per request
  std::vector<double> latency;  ///< microseconds per request, recorded at concurrency 1 only
};

/// The request both clients send.
struct lookup {
  flowsdk::http::origin origin;
  std::string target;
  std::string auth_name;
  std::string auth_value;
};

lookup lookup_for(const config& cfg) {
  if (cfg.vendor == "cloudflare") {
    const auto base = flowsdk::http::base_url::parse(cfg.base_url + "/client/v4");
    return {base.origin,
            base.path + "/accounts/" + cfg.account + "/workflows/" + cfg.workflow + "/instances/" + cfg.instance_id,
            "Authorization", "Bearer " + cfg.api_token};
  }
  const auto base = flowsdk::http::base_url::parse(cfg.base_url + "/activepieces");
  return {base.origin, base.path + "/v1/flow-runs/" + cfg.run_id, "x-api-key", cfg.api_key};
}

double micros_since(steady::time_point t0) {
  return std::chrono::duration<double, std::micro>(steady::now() - t0).count();
}

// Requests are numbered by `remaining`; at concurrency 1 each one's duration goes to `latency`
// (reserved beforehand, so recording allocates nothing).
struct shared_count {
  std::atomic<long> remaining;
  std::vector<double>* latency = nullptr;
};

// ---- the baseline: a minimal keep-alive Beast client ----------------------------------------

asio::awaitable<void> raw_worker(beast::ssl_stream<beast::tcp_stream>& stream, const lookup& l, shared_count& n,
                                 long& failures) {
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, l.target, 11};
  req.set(bhttp::field::host, l.origin.host + ":" + std::to_string(l.origin.port));
  req.set(l.auth_name, l.auth_value);
  req.keep_alive(true);
  beast::flat_buffer buffer;
  while (n.remaining.fetch_sub(1) > 0) {
    const auto t0 = steady::now();
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    bhttp::response<bhttp::string_body> res;
    co_await bhttp::async_read(stream, buffer, res, asio::use_awaitable);
    if (res.result_int() != 200) ++failures;
    if (n.latency) n.latency->push_back(micros_since(t0));
  }
}

measured run_raw(const config& cfg, const lookup& l) {
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  if (!cfg.ca_pem.empty()) ctx.add_certificate_authority(asio::buffer(cfg.ca_pem));
  if (!cfg.ca_file.empty()) ctx.load_verify_file(cfg.ca_file);
  ctx.set_verify_mode(asio::ssl::verify_peer);

  // Connections are opened before the clock starts.
  std::vector<std::unique_ptr<beast::ssl_stream<beast::tcp_stream>>> streams;
  asio::ip::tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(l.origin.host, std::to_string(l.origin.port));
  for (int i = 0; i < cfg.concurrency; ++i) {
    auto s = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io, ctx);
    beast::get_lowest_layer(*s).connect(endpoints);
    beast::get_lowest_layer(*s).socket().set_option(asio::ip::tcp::no_delay(true));
    s->handshake(asio::ssl::stream_base::client);
    streams.push_back(std::move(s));
  }
  measured m;
  shared_count n{{cfg.total}};
  if (cfg.concurrency == 1) {
    m.latency.reserve(static_cast<std::size_t>(cfg.total));
    n.latency = &m.latency;
  }
  long failures = 0;
  const auto allocs0 = alloc_counter::now();
  const auto start = steady::now();
  for (auto& s : streams) {
    asio::co_spawn(io, raw_worker(*s, l, n, failures), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
  }
  io.run();
  const double secs = std::chrono::duration<double>(steady::now() - start).count();
  const auto used = alloc_counter::now() - allocs0;
  if (failures) std::cerr << "raw: " << failures << " non-200 responses\n";
  m.rate = static_cast<double>(cfg.total) / secs;
  m.allocs = static_cast<double>(used.calls) / static_cast<double>(cfg.total);
  m.alloc_bytes = static_cast<double>(used.bytes) / static_cast<double>(cfg.total);
  return m;
}

// ---- the SDK -------------------------------------------------------------------------------

asio::awaitable<void> imbrace_worker(im::workflows wf, std::string id, shared_count& n, long& checksum) {
  while (n.remaining.fetch_sub(1) > 0) {
    const auto t0 = steady::now();
    auto run = co_await wf.get_run(id);
    checksum += static_cast<long>(run.status.value().size());
    if (n.latency) n.latency->push_back(micros_since(t0));
  }
}

asio::awaitable<void> cloudflare_worker(cf::instances instances, std::string workflow, std::string id, shared_count& n,
                                        long& checksum) {
  while (n.remaining.fetch_sub(1) > 0) {
    const auto t0 = steady::now();
    auto instance = co_await instances.get(workflow, id);
    checksum += static_cast<long>(instance.status.value().size());
    if (n.latency) n.latency->push_back(micros_since(t0));
  }
}

im::client_options imbrace_options(const config& cfg) {
  im::client_options o;
  o.gateway = cfg.base_url;
  o.credentials = im::credentials::api_key(cfg.api_key);
  o.transport.tls.ca_file = cfg.ca_file;
  o.transport.tls.ca_pem = cfg.ca_pem;
  o.transport.pool.max_connections_per_origin = static_cast<std::size_t>(cfg.concurrency);
  return o;
}

cf::client_options cloudflare_options(const config& cfg) {
  cf::client_options o;
  o.base_url = cfg.base_url + "/client/v4";
  o.account_id = cfg.account;
  o.credentials = cf::credentials::api_token(cfg.api_token);
  o.transport.tls.ca_file = cfg.ca_file;
  o.transport.tls.ca_pem = cfg.ca_pem;
  o.transport.pool.max_connections_per_origin = static_cast<std::size_t>(cfg.concurrency);
  return o;
}

// Runs `workers` copies of `spawn_one` twice: once to open the pool's connections (untimed, as
// the baseline connects before its clock starts), then timed.
template <class Client, class Spawn>
measured run_sdk_with(const config& cfg, asio::io_context& io, Client& client, Spawn spawn_one) {
  {
    shared_count warm{{cfg.concurrency}};
    for (int i = 0; i < cfg.concurrency; ++i) spawn_one(warm);
    io.run();
    io.restart();
  }
  measured m;
  shared_count n{{cfg.total}};
  if (cfg.concurrency == 1) {
    m.latency.reserve(static_cast<std::size_t>(cfg.total));
    n.latency = &m.latency;
  }
  const auto allocs0 = alloc_counter::now();
  const auto start = steady::now();
  for (int i = 0; i < cfg.concurrency; ++i) spawn_one(n);
  io.run();
  const double secs = std::chrono::duration<double>(steady::now() - start).count();
  const auto used = alloc_counter::now() - allocs0;
  auto stats = client.pool_stats();
  if (stats.created > static_cast<std::uint64_t>(cfg.concurrency)) {
    std::cerr << "sdk: opened " << stats.created << " connections for " << cfg.concurrency << " workers\n";
  }
  m.rate = static_cast<double>(cfg.total) / secs;
  m.allocs = static_cast<double>(used.calls) / static_cast<double>(cfg.total);
  m.alloc_bytes = static_cast<double>(used.bytes) / static_cast<double>(cfg.total);
  return m;
}

void rethrow(std::exception_ptr e) {
  if (e) std::rethrow_exception(e);
}

measured run_sdk(const config& cfg) {
  asio::io_context io;
  long checksum = 0;
  if (cfg.vendor == "cloudflare") {
    cf::client client(io.get_executor(), cloudflare_options(cfg));
    return run_sdk_with(cfg, io, client, [&](shared_count& n) {
      asio::co_spawn(io, cloudflare_worker(client.instances(), cfg.workflow, cfg.instance_id, n, checksum), rethrow);
    });
  }
  im::client client(io.get_executor(), imbrace_options(cfg));
  return run_sdk_with(cfg, io, client, [&](shared_count& n) {
    asio::co_spawn(io, imbrace_worker(client.workflows(), cfg.run_id, n, checksum), rethrow);
  });
}

std::string find_a_run(const config& cfg) {
  asio::io_context io;
  im::client client(io.get_executor(), imbrace_options(cfg));
  std::string id;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto runs = client.workflows().list_runs();
        auto run = co_await runs.next();
        if (run) id = run->id;
      },
      rethrow);
  io.run();
  if (id.empty()) throw std::runtime_error("the server has no runs to look up; pass --run-id");
  return id;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

void print_one(const char* who, const measured& m) {
  std::cout << who << " " << static_cast<long>(m.rate) << " req/s, " << m.allocs << " allocs ("
            << static_cast<long>(m.alloc_bytes) << " B)/req";
  if (!m.latency.empty())
    std::cout << ", p50 " << percentile(m.latency, 0.5) << " us, p99 " << percentile(m.latency, 0.99) << " us";
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
    else if (flag == "--vendor")
      cfg.vendor = value;
    else if (flag == "--api-key")
      cfg.api_key = value;
    else if (flag == "--run-id")
      cfg.run_id = value;
    else if (flag == "--account")
      cfg.account = value;
    else if (flag == "--workflow")
      cfg.workflow = value;
    else if (flag == "--instance-id")
      cfg.instance_id = value;
    else if (flag == "--api-token")
      cfg.api_token = value;
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
  if (cfg.vendor != "imbrace" && cfg.vendor != "cloudflare") {
    std::cerr << "--vendor must be imbrace or cloudflare\n";
    return 2;
  }
  if (cfg.total < 1 || cfg.concurrency < 1 || cfg.rounds < 1) {
    std::cerr << "--total, --concurrency and --rounds must be positive\n";
    return 2;
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
  if (cfg.vendor == "imbrace" && cfg.run_id.empty()) cfg.run_id = find_a_run(cfg);
  const lookup l = lookup_for(cfg);

  std::cout << "GET " << l.target << " x " << cfg.total << ", " << cfg.concurrency << " connections, " << cfg.rounds
            << " rounds\n";
  if (!cfg.only.empty()) {
    const measured m = cfg.only == "raw" ? run_raw(cfg, l) : run_sdk(cfg);
    print_one(cfg.only.c_str(), m);
    std::cout << "\n";
    return 0;
  }
  double best_raw = 0, best_sdk = 0;
  std::vector<double> ratios, raw_rates, sdk_rates, raw_allocs, sdk_allocs, raw_lat, sdk_lat;
  for (int round = 1; round <= cfg.rounds; ++round) {
    // Alternate which client goes first so a warming or cooling machine favours neither.
    measured raw, sdk;
    if (round % 2) {
      raw = run_raw(cfg, l);
      sdk = run_sdk(cfg);
    } else {
      sdk = run_sdk(cfg);
      raw = run_raw(cfg, l);
    }
    best_raw = std::max(best_raw, raw.rate);
    best_sdk = std::max(best_sdk, sdk.rate);
    ratios.push_back(sdk.rate / raw.rate);
    raw_rates.push_back(raw.rate);
    sdk_rates.push_back(sdk.rate);
    raw_allocs.push_back(raw.allocs);
    sdk_allocs.push_back(sdk.allocs);
    raw_lat.insert(raw_lat.end(), raw.latency.begin(), raw.latency.end());
    sdk_lat.insert(sdk_lat.end(), sdk.latency.begin(), sdk.latency.end());
    std::cout << "round " << round << ": ";
    print_one("raw beast", raw);
    std::cout << "; ";
    print_one("flowsdk", sdk);
    std::cout << "; ratio " << sdk.rate / raw.rate << "\n";
  }
  std::cout << "best: raw beast " << static_cast<long>(best_raw) << " req/s, flowsdk " << static_cast<long>(best_sdk)
            << " req/s, ratio " << best_sdk / best_raw << "\n";
  std::cout << "median of per-round ratios: " << median(ratios) << "\n";
  std::cout << "result: vendor=" << cfg.vendor << " concurrency=" << cfg.concurrency
            << " raw_rps=" << static_cast<long>(median(raw_rates))
            << " sdk_rps=" << static_cast<long>(median(sdk_rates)) << " ratio=" << median(ratios)
            << " raw_allocs=" << median(raw_allocs) << " sdk_allocs=" << median(sdk_allocs);
  if (!raw_lat.empty()) {
    std::cout << " raw_p50_us=" << percentile(raw_lat, 0.5) << " raw_p99_us=" << percentile(raw_lat, 0.99)
              << " sdk_p50_us=" << percentile(sdk_lat, 0.5) << " sdk_p99_us=" << percentile(sdk_lat, 0.99);
  }
  std::cout << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "run_lookups: " << e.what() << "\n";
  return 1;
}
