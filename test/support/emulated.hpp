#pragma once
// Integration-test support: an emulator on its own thread plus a client that trusts it.

#include "flowsdk/emulator/server.hpp"
#include "flowsdk/imbrace/client.hpp"
#include "flowsdk/testing/emulator_fixture.hpp"

#include "support/run.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <optional>

namespace flowsdk::test {

inline constexpr const char* emulator_api_key = "api_emulator_key";

inline imbrace::client_options imbrace_options_for(emulator::server& emu) {
  imbrace::client_options o;
  o.gateway = emu.base_url();
  o.credentials = imbrace::credentials::api_key(emulator_api_key);
  o.transport.tls.ca_pem = emu.ca_pem();
  return o;
}

/// Fast emulator timings for tests (the testing kit's).
inline emulator::server_options quick_emulator() { return testing::emulator_fixture::fast_options(); }

/// A test with an emulator and an Imbrace client on a private io_context.
class emulated_test : public ::testing::Test {
 protected:
  explicit emulated_test(emulator::server_options eo = quick_emulator()) : emu(std::move(eo)) {}

  template <class T>
  T run(boost::asio::awaitable<T> a) {
    return flowsdk::test::run(io, std::move(a));
  }

  /// Runs `a`, expects flowsdk::error with `code`, and returns it for closer checks.
  template <class T>
  flowsdk::error expect_error(boost::asio::awaitable<T> a, errc code) {
    try {
      run(std::move(a));
    } catch (const flowsdk::error& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      return e;
    }
    ADD_FAILURE() << "expected flowsdk::error " << make_error_code(code).message();
    return flowsdk::error(errc::invalid_argument, {});
  }

  imbrace::client make_client(imbrace::client_options o) { return imbrace::client(io.get_executor(), std::move(o)); }

  testing::emulator_fixture emu;
  boost::asio::io_context io;
  imbrace::client client{io.get_executor(), emu.imbrace_options()};
  imbrace::workflows wf = client.workflows();
};

}  // namespace flowsdk::test
