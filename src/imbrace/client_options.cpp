// imbrace::client_options::from_env (docs/configuration.md).
#include "flowsdk/imbrace/client_options.hpp"

#include "../core/env.hpp"
#include "../http/transport_env.hpp"

#include "flowsdk/core/error.hpp"

namespace flowsdk::imbrace {

client_options client_options::from_env() {
  using flowsdk::detail::env;
  client_options o;
  if (auto url = http::base_url_from_env("IMBRACE_GATEWAY_URL")) o.gateway = std::move(*url);
  // The gateway itself lets an API key win when a request carries several credentials.
  if (auto key = env("IMBRACE_API_KEY")) {
    o.credentials = credentials::api_key(std::move(*key));
  } else if (auto token = env("IMBRACE_ACCESS_TOKEN")) {
    o.credentials = credentials::access_token(std::move(*token), env("IMBRACE_ORGANIZATION_ID").value_or(""));
  } else {
    throw_invalid_argument(
        "IMBRACE_API_KEY is not set (nor IMBRACE_ACCESS_TOKEN): set IMBRACE_API_KEY to an API key, or "
        "IMBRACE_ACCESS_TOKEN to an access token (with IMBRACE_ORGANIZATION_ID if it needs one)");
  }
  http::transport_options_from_env(o.transport);
  return o;
}

}  // namespace flowsdk::imbrace
