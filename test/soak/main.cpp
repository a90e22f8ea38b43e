// flowsdk_soak: drives vendor clients against the in-process emulator with injected faults and
// checks the invariants of docs/soak.md. Exit status: 0 all passed, 1 an invariant failed,
// 2 bad usage, 3 the watchdog fired.
#include "driver.hpp"

#include <boost/asio/executor_work_guard.hpp>

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace {

using namespace flowsdk::soak;

// The vendors the tool drives; a new one is one more line (and its workload file).
const std::vector<vendor>& vendors() {
  static const std::vector<vendor> list = {
      {"imbrace", make_imbrace_workload},
      {"cloudflare", make_cloudflare_workload},
      {"tenex", make_tenex_workload},
  };
  return list;
}

constexpr const char* usage =
    "usage: flowsdk_soak [--vendor NAME|all] [--calls N] [--concurrency C] [--threads T] [--fault-rate P]\n"
    "                    [--attempt-timeout MS] [--deadline MS] [--tolerance MS] [--seed S] [--watchdog SECONDS]\n";

[[noreturn]] void bad_usage(const std::string& why) {
  std::cerr << "flowsdk_soak: " << why << "\n" << usage;
  std::exit(2);
}

template <class T>
T number(std::string_view flag, std::string_view text) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) bad_usage("bad value for " + std::string(flag));
  return value;
}

struct command_line {
  settings s;
  std::vector<const vendor*> chosen;
};

command_line parse(int argc, char** argv) {
  command_line c;
  std::string_view vendor_name = "all";
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::cout << usage;
      std::exit(0);
    }
    if (i + 1 >= argc) bad_usage("missing value for " + std::string(flag));
    const std::string_view value = argv[++i];
    if (flag == "--vendor")
      vendor_name = value;
    else if (flag == "--calls")
      c.s.calls = number<std::uint64_t>(flag, value);
    else if (flag == "--concurrency")
      c.s.concurrency = number<std::size_t>(flag, value);
    else if (flag == "--threads")
      c.s.threads = number<int>(flag, value);
    else if (flag == "--fault-rate")
      c.s.fault_rate = number<double>(flag, value);
    else if (flag == "--attempt-timeout")
      c.s.attempt_timeout = milliseconds(number<int>(flag, value));
    else if (flag == "--deadline")
      c.s.deadline = milliseconds(number<int>(flag, value));
    else if (flag == "--tolerance")
      c.s.tolerance = milliseconds(number<int>(flag, value));
    else if (flag == "--seed")
      c.s.seed = number<std::uint64_t>(flag, value);
    else if (flag == "--watchdog")
      c.s.watchdog = std::chrono::seconds(number<int>(flag, value));
    else
      bad_usage("unknown option " + std::string(flag));
  }
  if (c.s.concurrency == 0 || c.s.threads < 1) bad_usage("--concurrency and --threads must be at least 1");
  if (c.s.fault_rate < 0 || c.s.fault_rate > 1) bad_usage("--fault-rate must be in [0, 1]");
  for (const auto& v : vendors())
    if (vendor_name == "all" || vendor_name == v.name) c.chosen.push_back(&v);
  if (c.chosen.empty()) bad_usage("unknown vendor " + std::string(vendor_name));
  return c;
}

/// The emulator's random faults: `rate` split evenly over the six kinds. A stall outlasts the
/// attempt timeout, so that it always ends in one.
flowsdk::emulator::server_options emulator_options(const settings& s) {
  flowsdk::emulator::server_options o;
  o.random_seed = s.seed;
  const double each = s.fault_rate / 6;
  o.rates.status_429 = o.rates.status_503 = o.rates.reset = o.rates.stall = o.rates.truncated = o.rates.malformed =
      each;
  o.rates.stall_for = 2 * s.attempt_timeout;
  o.imbrace.run_duration = milliseconds(50);
  o.imbrace.sync_timeout = milliseconds(300);
  o.cloudflare.time_scale = 0.05;
  return o;
}

/// Ends the process if the run is not over by its deadline: a hang must fail, not block CI.
class watchdog {
 public:
  watchdog(std::chrono::seconds limit, progress& pr)
      : thread_([this, limit, &pr] {
          std::unique_lock lock(mutex_);
          if (cv_.wait_for(lock, limit, [this] { return over_; })) return;
          std::cerr << "flowsdk_soak: HANG: not finished after " << limit.count() << " s (" << pr.describe() << ")"
                    << std::endl;
          std::_Exit(3);
        }) {}
  ~watchdog() {
    {
      std::lock_guard lock(mutex_);
      over_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool over_ = false;
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) {
  const auto cmd = parse(argc, argv);
  progress pr;
  bool all_passed = true;
  {
    watchdog dog(cmd.s.watchdog, pr);
    flowsdk::emulator::background_server emu(emulator_options(cmd.s));

    asio::io_context io(cmd.s.threads);
    auto work = asio::make_work_guard(io);
    std::vector<std::thread> threads;
    for (int i = 0; i < cmd.s.threads; ++i) threads.emplace_back([&io] { io.run(); });

    for (const auto* v : cmd.chosen) {
      const auto r = soak(*v, cmd.s, emu.get(), io, pr);
      print(r, std::cout);
      std::cout.flush();
      all_passed = all_passed && r.passed();
    }

    // Every call and every connection is done: the threads must find no work left.
    pr.enter("waiting for the io_context to run out of work");
    work.reset();
    for (auto& t : threads) t.join();
  }
  std::cout << "flowsdk_soak: " << (all_passed ? "every invariant held" : "an invariant failed") << std::endl;
  return all_passed ? 0 : 1;
}
