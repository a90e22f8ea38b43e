#pragma once
#include "flowsdk/cloudflare/client_options.hpp"
#include "flowsdk/emulator/server.hpp"
#include "flowsdk/imbrace/client_options.hpp"
#include "flowsdk/tenex/client_options.hpp"

#include <string>

namespace flowsdk::testing {

/// The in-process emulator for integration tests: a flowsdk::emulator::server on a thread of
/// its own, listening over TLS on an ephemeral loopback port with a CA made at start-up, plus
/// client options for each vendor that reach it (base URL, credentials it accepts, its CA):
///
///     flowsdk::testing::emulator_fixture emu;
///     boost::asio::io_context io;
///     flowsdk::imbrace::client client(io.get_executor(), emu.imbrace_options());
///     emu->inject(fault_rule);  // faults, seed data, the emulator's clock: emulator::server
///
/// Usable as a member of a GoogleTest fixture (a fresh emulator per test) or as a static one
/// shared by a suite. The destructor stops the server and joins its thread; destroy clients
/// first. Everything it returns is safe to call from any thread. Needs the `emulator`
/// component of the package (docs/cmake.md); see docs/emulator.md for what the server does.
class emulator_fixture {
 public:
  /// Starts the emulator with `options` (by default fast_options()).
  explicit emulator_fixture(emulator::server_options options = fast_options());
  emulator_fixture(const emulator_fixture&) = delete;
  emulator_fixture& operator=(const emulator_fixture&) = delete;

  /// The emulator's defaults with timings made for tests: an Imbrace run finishes after 50 ms
  /// and a sync webhook without a response step answers after 300 ms (instead of 200 ms and 30 s).
  static emulator::server_options fast_options();

  /// The server: faults (inject), seed data (seed), its clock (advance), what it received.
  emulator::server& get() noexcept { return background_.get(); }
  emulator::server* operator->() noexcept { return &background_.get(); }
  const emulator::server_options& options() const noexcept { return options_; }

  std::string base_url() const;  ///< "https://127.0.0.1:PORT"
  std::string ca_pem() const;    ///< the PEM of the CA the server's certificate chains to

  /// Imbrace: the gateway, the first configured API key, the CA.
  imbrace::client_options imbrace_options() const;
  /// Cloudflare: `{base_url}/client/v4`, the first configured API token, `account_id` (every
  /// account exists in the emulator, with the seed workflow), the CA.
  cloudflare::client_options cloudflare_options(std::string account_id = "acc_test") const;
  /// 10ex: `{base_url}/api/v1/flows`, the first configured API key (its workspace holds the
  /// seed; emulator::server::seed() names it), the CA.
  tenex::client_options tenex_options() const;

 private:
  emulator::server_options options_;
  mutable emulator::background_server background_;
};

}  // namespace flowsdk::testing
