#pragma once
// What the 10ex emulator tests share: the seeded API keys, the API prefix, and server options
// with the run engine's timings chosen by the test.

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <chrono>
#include <string>

namespace flowsdk::emulator::test {

inline const std::string tenex_alpha_key = "tnx_emu_alphasecret0001";  // workspace ws_alpha
inline const std::string tenex_beta_key = "tnx_emu2_betasecret0002";   // workspace ws_beta
inline const headers tenex_alpha = {{"authorization", "Bearer " + tenex_alpha_key}};
inline const headers tenex_beta = {{"authorization", "Bearer " + tenex_beta_key}};
inline const std::string tenex_api = "/api/v1/flows";

inline std::string str(const json::value& v) { return std::string(v.as_string()); }

/// Plain HTTP, seeded, with these run-engine timings (queued, then each agent or connector step).
inline server_options tenex_timed_options(std::chrono::milliseconds queue_delay, std::chrono::milliseconds agent,
                                          std::chrono::milliseconds connector) {
  server_options o;
  o.tls = false;
  o.seed = true;
  o.tenex.queue_delay = queue_delay;
  o.tenex.agent_duration = agent;
  o.tenex.connector_duration = connector;
  return o;
}

}  // namespace flowsdk::emulator::test
