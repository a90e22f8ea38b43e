#pragma once
// An emulator on its own thread plus a client configured to trust it.

#include "flowsdk/emulator/server.hpp"
#include "flowsdk/imbrace/client.hpp"

namespace flowsdk::test {

inline constexpr const char* emulator_api_key = "api_emulator_key";

inline imbrace::client_options imbrace_options_for(emulator::server& emu) {
  imbrace::client_options o;
  o.gateway = emu.base_url();
  o.credentials = imbrace::credentials::api_key(emulator_api_key);
  o.transport.tls.ca_pem = emu.ca_pem();
  return o;
}

}  // namespace flowsdk::test
