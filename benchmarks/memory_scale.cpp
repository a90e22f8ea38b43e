// memory_scale: the SDK's memory against the number of items walked and of calls pending, against
// the in-process emulator over TLS.
//
//   walk     a paginated walk of `list_records` over 100 k and then 300 k records (created in
//            bulk through POST /v1/records, 1000 per request), item by item with next(). Reports
//            the process's peak RSS during each walk (VmHWM, reset through /proc/self/clear_refs)
//            above the RSS before it: it must not grow with the number of items.
//   pending  10 000 get_run calls started at once on a pool of 32 connections; the server
//            delays the first 32 answers (a stall fault), so one call waits on each connection
//            and the rest queue in the pool. Reports the RSS growth per pending call and the
//            thread count before and while they wait (the pool must not add threads).
//
// The emulator runs in the same process, so RSS includes its data (the records) and its
// transient per-page JSON; both figures are differences measured at the same emulator state.
//
//   memory_scale [--items 100000,300000] [--page 100] [--pending 10000] [--connections 32]
//                [--delay-ms 1000]
#include <flowsdk/emulator/server.hpp>
#include <flowsdk/flowsdk.hpp>
#include <flowsdk/testing/emulator_fixture.hpp>
#include <flowsdk/testing/run.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace im = flowsdk::imbrace;
namespace emu = flowsdk::emulator;

namespace {

/// A "Name:   value kB" line of /proc/self/status, in bytes for kB fields; -1 if absent.
long status_field(const std::string& name) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, name.size() + 1, name + ":") != 0) continue;
    std::istringstream rest(line.substr(name.size() + 1));
    long v = 0;
    std::string unit;
    rest >> v >> unit;
    return unit == "kB" ? v * 1024 : v;
  }
  return -1;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0). False where /proc does not allow it.
bool reset_peak() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

double mib(long bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

using flowsdk::testing::run;

std::vector<long> parse_list(const std::string& s) {
  std::vector<long> out;
  std::istringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) out.push_back(std::stol(part));
  return out;
}

asio::awaitable<void> add_records(im::workflows wf, std::string table, std::string field, long count) {
  constexpr long batch = 1000;
  for (long done = 0; done < count;) {
    const long n = std::min(batch, count - done);
    std::vector<std::vector<im::cell_input>> rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) {
      std::vector<im::cell_input> cells;
      cells.emplace_back(field, boost::json::value("contact " + std::to_string(done + i)));
      rows.push_back(std::move(cells));
    }
    auto created = co_await wf.create_records(table, std::move(rows));
    done += static_cast<long>(created.size());
  }
}

asio::awaitable<long> walk(im::workflows wf, std::string table, int page) {
  im::page_params p;
  p.limit = page;
  auto records = wf.list_records(table, p);
  long n = 0;
  for (;;) {
    auto r = co_await records.next();
    if (!r) co_return n;
    ++n;
  }
}

int walk_part(const std::vector<long>& sizes, int page) {
  flowsdk::testing::emulator_fixture server{emu::server_options()};
  asio::io_context io;
  im::client_options o = server.imbrace_options();
  im::client client(io.get_executor(), o);
  const std::string table = server->seed().imbrace.table_id;
  const auto fields = run(io, client.workflows().list_fields(table));
  if (fields.empty()) throw std::runtime_error("the seed table has no fields");
  const long seeded = run(io, walk(client.workflows(), table, page));  // the seed's own records

  std::cout << std::fixed << std::setprecision(1);
  long have = 0;
  std::vector<long> growth;
  for (long want : sizes) {
    if (want > have) run(io, add_records(client.workflows(), table, fields.front().id, want - have));
    have = std::max(have, want);
    const bool reset = reset_peak();
    const long before = status_field("VmRSS");
    const auto t0 = std::chrono::steady_clock::now();
    const long items = run(io, walk(client.workflows(), table, page));
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long peak = status_field("VmHWM"), after = status_field("VmRSS");
    if (items != have + seeded) {
      std::cerr << "walk: " << items << " items, expected " << have + seeded << "\n";
      return 1;
    }
    growth.push_back(peak - before);
    std::cout << "walk " << items << " items (" << page << " per page, " << secs << " s): RSS before " << mib(before)
              << " MiB, peak " << mib(peak) << " MiB" << (reset ? "" : " (VmHWM not reset: peak since start)")
              << ", after " << mib(after) << " MiB, peak growth " << mib(peak - before) << " MiB\n";
  }
  std::cout << "result: walk_items=";
  for (std::size_t i = 0; i < sizes.size(); ++i) std::cout << (i ? "," : "") << sizes[i];
  std::cout << " walk_peak_growth_mib=";
  for (std::size_t i = 0; i < growth.size(); ++i) std::cout << (i ? "," : "") << mib(growth[i]);
  std::cout << "\n";
  return 0;
}

asio::awaitable<void> one_call(im::workflows wf, std::string id, long& ok, long& failed) {
  try {
    auto r = co_await wf.get_run(id);
    ok += r.id == id ? 1 : 0;
  } catch (const flowsdk::error&) {
    ++failed;
  }
}

int pending_part(long pending, int connections, std::chrono::milliseconds delay) {
  flowsdk::testing::emulator_fixture server{emu::server_options()};
  asio::io_context io;
  im::client_options o = server.imbrace_options();
  o.transport.pool.max_connections_per_origin = static_cast<std::size_t>(connections);
  im::client client(io.get_executor(), o);

  std::string id;
  {
    auto first = run(io, [](im::workflows wf) -> asio::awaitable<std::string> {
      auto runs = wf.list_runs();
      auto r = co_await runs.next();
      co_return r ? r->id : std::string();
    }(client.workflows()));
    id = first;
  }
  if (id.empty()) throw std::runtime_error("the emulator has no runs");

  long ok = 0, failed = 0;
  // Open every connection first, so that the growth below is the calls', not the connections'.
  for (int i = 0; i < connections; ++i)
    asio::co_spawn(io, one_call(client.workflows(), id, ok, failed), asio::detached);
  io.restart();
  io.run();

  emu::fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/flow-runs/";
  rule.what.kind = emu::fault_kind::stall;
  rule.what.stall_for = delay;
  rule.times = connections;
  server->inject(rule);

  const long threads_before = status_field("Threads"), rss_before = status_field("VmRSS");
  ok = failed = 0;
  for (long i = 0; i < pending; ++i) asio::co_spawn(io, one_call(client.workflows(), id, ok, failed), asio::detached);
  io.restart();
  io.run_for(delay / 2);  // every call has started: one per connection waits on the server, the rest in the pool
  const long threads_during = status_field("Threads"), rss_during = status_field("VmRSS");
  const long done_early = ok + failed;
  io.run();
  const auto stats = client.pool_stats();

  std::cout << std::fixed << std::setprecision(1) << pending << " calls pending on " << connections
            << " connections (server delays the first " << connections << " answers " << delay.count() << " ms): RSS "
            << mib(rss_before) << " -> " << mib(rss_during) << " MiB, "
            << static_cast<double>(rss_during - rss_before) / static_cast<double>(pending)
            << " B per pending call; threads " << threads_before << " -> " << threads_during
            << "; finished before the sample " << done_early << "; then " << ok << " ok, " << failed
            << " failed; connections opened " << stats.created << "\n";
  std::cout << "result: pending=" << pending
            << " bytes_per_pending_call=" << static_cast<double>(rss_during - rss_before) / static_cast<double>(pending)
            << " threads_before=" << threads_before << " threads_during=" << threads_during << "\n";
  if (ok != pending || threads_during > threads_before) return 1;
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  std::vector<long> sizes{100000, 300000};
  int page = 100;
  long pending = 10000;
  int connections = 32;
  long delay_ms = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--items")
      sizes = parse_list(value);
    else if (flag == "--page")
      page = std::stoi(value);
    else if (flag == "--pending")
      pending = std::stol(value);
    else if (flag == "--connections")
      connections = std::stoi(value);
    else if (flag == "--delay-ms")
      delay_ms = std::stol(value);
    else {
      std::cerr << "usage: memory_scale [--items N,M] [--page N] [--pending N] [--connections N] [--delay-ms N]\n";
      return 2;
    }
  }
  if (const int rc = walk_part(sizes, page)) return rc;
  return pending_part(pending, connections, std::chrono::milliseconds(delay_ms));
} catch (const std::exception& e) {
  std::cerr << "memory_scale: " << e.what() << "\n";
  return 1;
}
