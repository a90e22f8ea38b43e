// flowsdk-emulator: the emulator as a stand-alone process, for demos and for clients in other
// languages. Prints one line with its base URL once it listens, runs until SIGINT or SIGTERM.

#include "flowsdk/emulator/server.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr std::string_view usage = R"(usage: flowsdk-emulator [options]

  --host H                 address to listen on (default 127.0.0.1)
  --port P                 port (default 0: an ephemeral port, printed at start-up)
  --plain                  plain HTTP instead of TLS
  --ca-out FILE            write the CA certificate (PEM) that clients must trust
  --sync-timeout-ms N      sync webhook wait before 204 (default 30000)
  --run-duration-ms N      how long a triggered run stays RUNNING (default 200)
  --threads N              I/O threads (default 1)
  --no-seed                start without the seed project, flows and runs
  --spec-status-codes      the OpenAPI document's status codes where upstream differs
                           (upsert connection 200, delete invitation 200)
  --fault-503 R            probability in [0,1] of a 503 answer
  --fault-429 R            ... of a 429 answer with Retry-After
  --fault-reset R          ... of a connection reset instead of an answer
  --fault-stall R          ... of a 2 s stall before the answer
  --fault-truncated R      ... of a body cut in half
  --fault-malformed R      ... of a 200 with a body that is not JSON
  --cf-time-scale X        Cloudflare Workflows: multiply scripted durations by X (default 1)
  --cf-permissive          Cloudflare Workflows: make up unknown workflows/instances (SDK fixtures)
  --tenex-rate-limit N     10ex: N requests per minute per key (token bucket, real time; 0 off)
  --tenex-retry-after      10ex: add Retry-After to rate-limited answers
  --tenex-omit-total       10ex: leave `total` out of every page
  --tenex-keepalive-ms N   10ex: `: keepalive` after N ms of stream silence (default 15000)
  --tenex-queue-ms N       10ex: queued -> running delay (default 50)
  --tenex-agent-ms N       10ex: agent step duration (default 500)
  --tenex-connector-ms N   10ex: connector action duration (default 100)
  --tenex-progress N       10ex: step.progress deltas per agent attempt (default 0)
  --tenex-stream-drop N    10ex: drop each event stream after N events (default 0: never)
  --tenex-stream-split     10ex: write every event in three pieces
  --tenex-stream-crlf      10ex: end stream lines with CRLF
  --tenex-stream-mode M    10ex: stream (default), json, 406 or 503
  --tenex-webhook-scale X  10ex: multiply the webhook retry delays 1..16 s by X (default 1)
  --help                   this text

Prints "flowsdk-emulator listening on <base_url>" once ready, then "seed: key=value ..." lines
with the seed ids (unless --no-seed): the Imbrace ids, then one line per 10ex workspace;
SIGINT/SIGTERM stop it.
)";

struct bad_usage {
  std::string message;
};

template <class T>
T parse_number(std::string_view flag, std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    throw bad_usage{std::string(flag) + ": not a number: " + std::string(text)};
  return value;
}

double parse_rate(std::string_view flag, std::string_view text) {
  const auto r = parse_number<double>(flag, text);
  if (!(r >= 0 && r <= 1)) throw bad_usage{std::string(flag) + ": expected a probability in [0,1]"};
  return r;
}

flowsdk::emulator::tenex_stream_mode parse_stream_mode(std::string_view text) {
  using flowsdk::emulator::tenex_stream_mode;
  if (text == "stream") return tenex_stream_mode::stream;
  if (text == "json") return tenex_stream_mode::refuse_json;
  if (text == "406") return tenex_stream_mode::refuse_406;
  if (text == "503") return tenex_stream_mode::refuse_503;
  throw bad_usage{"--tenex-stream-mode: expected stream, json, 406 or 503"};
}

struct config {
  flowsdk::emulator::server_options options;
  std::string ca_out;
  int threads = 1;
};

config parse_args(int argc, char** argv) {
  config c;
  auto& o = c.options;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto flag = args[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= args.size()) throw bad_usage{std::string(flag) + " needs a value"};
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      std::cout << usage;
      std::exit(0);
    } else if (flag == "--host")
      o.host = value();
    else if (flag == "--port")
      o.port = parse_number<std::uint16_t>(flag, value());
    else if (flag == "--plain")
      o.tls = false;
    else if (flag == "--ca-out")
      c.ca_out = value();
    else if (flag == "--sync-timeout-ms")
      o.imbrace.sync_timeout = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--run-duration-ms")
      o.imbrace.run_duration = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--threads")
      c.threads = std::max(1, parse_number<int>(flag, value()));
    else if (flag == "--no-seed")
      o.seed = false;
    else if (flag == "--spec-status-codes")
      o.imbrace.spec_status_codes = true;
    else if (flag == "--fault-503")
      o.rates.status_503 = parse_rate(flag, value());
    else if (flag == "--fault-429")
      o.rates.status_429 = parse_rate(flag, value());
    else if (flag == "--fault-reset")
      o.rates.reset = parse_rate(flag, value());
    else if (flag == "--fault-stall")
      o.rates.stall = parse_rate(flag, value());
    else if (flag == "--fault-truncated")
      o.rates.truncated = parse_rate(flag, value());
    else if (flag == "--fault-malformed")
      o.rates.malformed = parse_rate(flag, value());
    else if (flag == "--cf-time-scale")
      o.cloudflare.time_scale = parse_number<double>(flag, value());
    else if (flag == "--cf-permissive")
      o.cloudflare.permissive = true;
    else if (flag == "--tenex-rate-limit")
      o.tenex.rate_limit_per_minute = parse_number<int>(flag, value());
    else if (flag == "--tenex-retry-after")
      o.tenex.rate_limit_retry_after = true;
    else if (flag == "--tenex-omit-total")
      o.tenex.omit_total = true;
    else if (flag == "--tenex-keepalive-ms")
      o.tenex.keepalive_interval = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--tenex-queue-ms")
      o.tenex.queue_delay = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--tenex-agent-ms")
      o.tenex.agent_duration = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--tenex-connector-ms")
      o.tenex.connector_duration = std::chrono::milliseconds(parse_number<long>(flag, value()));
    else if (flag == "--tenex-progress")
      o.tenex.agent_progress_events = parse_number<int>(flag, value());
    else if (flag == "--tenex-stream-drop")
      o.tenex.stream_drop_after = parse_number<int>(flag, value());
    else if (flag == "--tenex-stream-split")
      o.tenex.stream_split_frames = true;
    else if (flag == "--tenex-stream-crlf")
      o.tenex.stream_crlf = true;
    else if (flag == "--tenex-stream-mode")
      o.tenex.stream_mode = parse_stream_mode(value());
    else if (flag == "--tenex-webhook-scale")
      o.tenex.webhook_time_scale = parse_number<double>(flag, value());
    else
      throw bad_usage{"unknown option: " + std::string(flag)};
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  config cfg;
  try {
    cfg = parse_args(argc, argv);
  } catch (const bad_usage& e) {
    std::cerr << "flowsdk-emulator: " << e.message << "\n\n" << usage;
    return 2;
  }
  try {
    boost::asio::io_context ioc(cfg.threads);
    flowsdk::emulator::server server(ioc.get_executor(), cfg.options);
    server.start();
    if (!cfg.ca_out.empty()) server.write_ca_pem(cfg.ca_out);

    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
      if (!ec) server.stop();
    });
    std::cout << "flowsdk-emulator listening on " << server.base_url() << std::endl;
    if (cfg.options.seed) {
      const auto& s = server.seed().imbrace;
      std::cout << "seed: project=" << s.project_id << " echo_flow=" << s.echo_flow_id
                << " disabled_flow=" << s.disabled_flow_id << " folder=" << s.folder_id
                << " connection=" << s.connection_id << " table=" << s.table_id << " mcp_server=" << s.mcp_server_id
                << std::endl;
      for (const auto& ws : server.seed().tenex.workspaces)
        std::cout << "seed: tenex_workspace=" << ws.workspace << " key=" << ws.api_key << " workflow=" << ws.workflow_id
                  << std::endl;
    }

    std::vector<std::thread> extra;
    for (int i = 1; i < cfg.threads; ++i) extra.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : extra) t.join();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "flowsdk-emulator: " << e.what() << "\n";
    return 1;
  }
}
