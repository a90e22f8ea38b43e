#pragma once
#include "flowsdk/http/transport_options.hpp"
#include "flowsdk/imbrace/credentials.hpp"

#include <chrono>
#include <string>

namespace flowsdk::imbrace {

/// Gateways of the Imbrace environments.
inline constexpr const char* stable_gateway = "https://app-gatewayv2.imbrace.co";
inline constexpr const char* sandbox_gateway = "https://app-gateway.sandbox.imbrace.co";
inline constexpr const char* develop_gateway = "https://app-gateway.dev.imbrace.co";

struct client_options {
  /// The gateway every service hangs off; no trailing slash needed.
  std::string gateway = stable_gateway;
  /// Overrides of single service bases; empty means `{gateway}/activepieces` and
  /// `{gateway}/channel-service`.
  std::string workflow_engine_url;
  std::string channel_service_url;

  imbrace::credentials credentials;
  http::transport_options transport;

  /// Attempt deadline of trigger_flow_sync. The gateway holds a sync webhook for up to 30 s
  /// before it answers 204, so this must be longer than that.
  std::chrono::milliseconds sync_trigger_timeout{45'000};

  /// Options from the environment (docs/configuration.md), the rest at their defaults:
  /// credentials from IMBRACE_API_KEY (an API key), else IMBRACE_ACCESS_TOKEN (an access token,
  /// sent with IMBRACE_ORGANIZATION_ID when that is set); `gateway` from IMBRACE_GATEWAY_URL;
  /// transport.tls.ca_file from FLOWSDK_CA_FILE. An empty variable counts as unset. Throws
  /// flowsdk::error (errc::invalid_argument) naming the variable when neither credential is
  /// set or IMBRACE_GATEWAY_URL is not an http(s) URL; never prints a secret.
  static client_options from_env();
};

}  // namespace flowsdk::imbrace
