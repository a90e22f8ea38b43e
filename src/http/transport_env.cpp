#include "transport_env.hpp"

#include "../core/env.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/origin.hpp"

namespace flowsdk::http {

void transport_options_from_env(transport_options& o) {
  if (auto ca = flowsdk::detail::env("FLOWSDK_CA_FILE")) o.tls.ca_file = std::move(*ca);
}

std::optional<std::string> base_url_from_env(const char* name) {
  std::optional<std::string> url = flowsdk::detail::env(name);
  if (!url) return url;
  try {
    (void)base_url::parse(*url);
  } catch (const error& e) {
    throw_invalid_argument(std::string(name) + ": " + e.details().cause);
  }
  return url;
}

}  // namespace flowsdk::http
