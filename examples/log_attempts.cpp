// Structured logs from the observer hook (docs/observability.md): one key=value line per
// attempt and per connection pool event, written by a flowsdk::http::observer installed on the
// client's transport options. Runs without set-up: it starts the emulator in-process
// (flowsdk::testing::emulator_fixture), makes the server answer the next run lookup with a 503,
// and looks a run up with a W3C trace context, so the log shows a retried call:
//
//   log_attempts
#include <flowsdk/flowsdk.hpp>
#include <flowsdk/http/observer.hpp>
#include <flowsdk/testing/emulator_fixture.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace asio = boost::asio;
namespace http = flowsdk::http;
namespace im = flowsdk::imbrace;

namespace {

// A logfmt value: quoted when it holds a blank, a quote or '=' (or is empty).
std::string value(std::string_view v) {
  if (!v.empty() && v.find_first_of(" \"=") == std::string_view::npos) return std::string(v);
  std::string q = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + '"';
}

std::string_view name_of(http::attempt_event::decision_kind d) {
  switch (d) {
    case http::attempt_event::decision_kind::succeeded:
      return "succeeded";
    case http::attempt_event::decision_kind::will_retry:
      return "will_retry";
    case http::attempt_event::decision_kind::failed:
      return "failed";
  }
  return "?";
}

std::string_view name_of(http::pool_event::event_kind k) {
  switch (k) {
    case http::pool_event::event_kind::connect:
      return "connect";
    case http::pool_event::event_kind::tls_handshake:
      return "tls_handshake";
    case http::pool_event::event_kind::reuse:
      return "reuse";
    case http::pool_event::event_kind::evict:
      return "evict";
    case http::pool_event::event_kind::close:
      return "close";
  }
  return "?";
}

// The hook runs inline in the call, on the caller's executor: format, write one line, return.
// The lock only keeps lines whole when calls run on several threads.
class log_lines final : public http::observer {
 public:
  explicit log_lines(std::ostream& out) : out_(out) {}

  void on_attempt(const http::attempt_event& e) override {
    std::string line = "event=attempt method=" + std::string(e.method) + " host=" + value(e.host) +
                       " target=" + value(e.target) + " attempt=" + std::to_string(e.attempt) +
                       " status=" + std::to_string(e.status);
    if (e.error) line += " error=" + value(e.error.message());
    line += " decision=" + std::string(name_of(e.decision));
    if (!e.reason.empty()) line += " reason=" + value(e.reason);
    if (e.decision == http::attempt_event::decision_kind::will_retry) {
      line += " backoff_ms=" + std::to_string(e.backoff.count());
    }
    line += " duration_us=" + std::to_string(e.duration.count());
    if (!e.request_id.empty()) line += " request_id=" + value(e.request_id);
    line += " bytes_sent=" + std::to_string(e.bytes_sent) + " bytes_received=" + std::to_string(e.bytes_received);
    if (!e.traceparent.empty()) line += " traceparent=" + value(e.traceparent);
    write(line);
  }

  void on_pool_event(const http::pool_event& e) override {
    std::string line = "event=pool kind=" + std::string(name_of(e.kind)) + " host=" + value(e.host) +
                       " port=" + std::to_string(e.port);
    if (e.duration.count() > 0) line += " duration_us=" + std::to_string(e.duration.count());
    if (e.error) line += " error=" + value(e.error.message());
    if (!e.reason.empty()) line += " reason=" + value(e.reason);
    if (e.kind != http::pool_event::event_kind::connect && e.kind != http::pool_event::event_kind::tls_handshake) {
      line += " uses=" + std::to_string(e.uses);
    }
    write(line);
  }

 private:
  void write(const std::string& line) {
    std::lock_guard lock(mutex_);
    out_ << line << '\n';
  }
  std::mutex mutex_;
  std::ostream& out_;
};

asio::awaitable<void> lookups(im::client client, flowsdk::testing::emulator_fixture& emu) {
  auto wf = client.workflows();
  std::cout << "# a listing: a new connection, one attempt\n";
  auto runs = wf.list_runs();
  auto first = co_await runs.next();
  if (!first) throw std::runtime_error("the emulator has no runs");

  // The server fails the next lookup once; the call is retried on the same connection.
  flowsdk::emulator::fault_rule rule;
  rule.method = "GET";
  rule.path_prefix = "/activepieces/v1/flow-runs/";
  rule.what.kind = flowsdk::emulator::fault_kind::http_status;
  rule.what.status = 503;
  emu->inject(rule);

  std::cout << "# a retried lookup (503, then 200), with the caller's trace context\n";
  flowsdk::request_options traced;
  traced.trace = http::trace_context::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  auto found = co_await wf.get_run(first->id, traced);
  std::cout << "# looked up run " << found.id << ": " << found.status.value() << "\n";
}

}  // namespace

int main() {
  int status = 0;
  try {
    flowsdk::testing::emulator_fixture emu;
    auto options = emu.imbrace_options();
    options.transport.observer = std::make_shared<log_lines>(std::cout);
    options.transport.retry.initial_backoff = std::chrono::milliseconds(50);
    asio::io_context io;
    im::client client(io.get_executor(), options);
    asio::co_spawn(io, lookups(client, emu), [&](std::exception_ptr e) {
      if (!e) return;
      status = 1;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& err) {
        std::cerr << "log_attempts failed: " << err.what() << "\n";
      }
    });
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "log_attempts: " << e.what() << "\n";
    return 1;
  }
  return status;
}
