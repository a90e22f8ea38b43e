// cloudflare::client_options::from_env (docs/configuration.md).
#include "flowsdk/cloudflare/client_options.hpp"

#include "../core/env.hpp"
#include "../http/transport_env.hpp"

#include "flowsdk/core/error.hpp"

#include <vector>

namespace flowsdk::cloudflare {

client_options client_options::from_env() {
  using flowsdk::detail::env;
  client_options o;
  // Every missing variable at once: a deployment fixes them in one go instead of one per run.
  std::vector<std::string> missing;
  if (auto token = env("CLOUDFLARE_API_TOKEN")) {
    o.credentials = credentials::api_token(std::move(*token));
  } else {
    auto key = env("CLOUDFLARE_API_KEY");
    auto email = env("CLOUDFLARE_EMAIL");
    if (key && email) {
      o.credentials = credentials::api_key(std::move(*email), std::move(*key));
    } else if (key) {
      missing.emplace_back("CLOUDFLARE_EMAIL is not set (a CLOUDFLARE_API_KEY goes with its account email)");
    } else if (email) {
      missing.emplace_back("CLOUDFLARE_API_KEY is not set (CLOUDFLARE_EMAIL is, and CLOUDFLARE_API_TOKEN is not)");
    } else {
      missing.emplace_back(
          "CLOUDFLARE_API_TOKEN is not set (nor CLOUDFLARE_API_KEY with CLOUDFLARE_EMAIL): set an API token, or a "
          "global API key and its email");
    }
  }
  if (auto account = env("CLOUDFLARE_ACCOUNT_ID")) {
    o.account_id = std::move(*account);
  } else {
    missing.emplace_back("CLOUDFLARE_ACCOUNT_ID is not set (every Workflows route is under /accounts/{account_id})");
  }
  if (!missing.empty()) {
    std::string cause = missing.front();
    for (std::size_t i = 1; i < missing.size(); ++i) cause += "; " + missing[i];
    throw_invalid_argument(std::move(cause));
  }
  if (auto url = http::base_url_from_env("CLOUDFLARE_BASE_URL")) o.base_url = std::move(*url);
  http::transport_options_from_env(o.transport);
  return o;
}

}  // namespace flowsdk::cloudflare
