// tenex::client_options::from_env (docs/configuration.md).
#include "flowsdk/tenex/client_options.hpp"

#include "../core/env.hpp"
#include "../http/transport_env.hpp"

#include "flowsdk/core/error.hpp"

namespace flowsdk::tenex {

client_options client_options::from_env() {
  using flowsdk::detail::env;
  client_options o;
  auto key = env("TENEX_API_KEY");
  if (!key) throw_invalid_argument("TENEX_API_KEY is not set: set it to a workspace API key (tnx_...)");
  try {
    o.credentials = credentials::api_key(std::move(*key));
  } catch (const error& e) {
    throw_invalid_argument("TENEX_API_KEY: " + e.details().cause);  // the cause never holds the key
  }
  if (auto url = http::base_url_from_env("TENEX_API_BASE")) o.base_url = std::move(*url);
  http::transport_options_from_env(o.transport);
  return o;
}

}  // namespace flowsdk::tenex
