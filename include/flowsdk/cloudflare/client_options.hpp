#pragma once
#include "flowsdk/cloudflare/credentials.hpp"
#include "flowsdk/http/transport_options.hpp"

#include <string>

namespace flowsdk::cloudflare {

inline constexpr const char* default_base_url = "https://api.cloudflare.com/client/v4";

struct client_options {
  std::string base_url = default_base_url;
  std::string account_id;  ///< required: every Workflows route is under /accounts/{account_id}
  cloudflare::credentials credentials;
  http::transport_options transport = default_transport();
  /// Since SDK 7.1 the API documents instance `params` as a JSON-encoded string; older servers
  /// take the JSON value itself. true sends the string form.
  bool params_as_string = true;

  /// Options from the environment (docs/configuration.md), the rest at their defaults:
  /// credentials from CLOUDFLARE_API_TOKEN (an API token), else CLOUDFLARE_API_KEY with
  /// CLOUDFLARE_EMAIL (a global API key); `account_id` from CLOUDFLARE_ACCOUNT_ID; `base_url`
  /// from CLOUDFLARE_BASE_URL; transport.tls.ca_file from FLOWSDK_CA_FILE. An empty variable
  /// counts as unset. Throws flowsdk::error (errc::invalid_argument) naming every variable
  /// that is missing (credentials, CLOUDFLARE_ACCOUNT_ID) or not a URL; never prints a secret.
  static client_options from_env();

  /// Cloudflare's own defaults: 60 s per attempt, 5 s to connect.
  static http::transport_options default_transport() {
    http::transport_options t;
    t.timeouts.attempt = std::chrono::seconds(60);
    t.timeouts.connect = std::chrono::seconds(5);
    t.retry.initial_backoff = std::chrono::milliseconds(500);
    return t;
  }
};

}  // namespace flowsdk::cloudflare
