#include "transport_env.hpp"

#include "../core/env.hpp"
#include "proxy.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/http/origin.hpp"

namespace flowsdk::http {

namespace {

// The first of `names` that is set, and which it was; lower case first, as curl reads them.
std::optional<std::string> first_set(std::initializer_list<const char*> names, const char*& which) {
  for (const char* name : names) {
    if (auto value = flowsdk::detail::env(name)) {
      which = name;
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace

void transport_options_from_env(transport_options& o) {
  if (auto ca = flowsdk::detail::env("FLOWSDK_CA_FILE")) o.tls.ca_file = std::move(*ca);

  // Checked here, so that the error names the variable (docs/proxies.md). A CGI program gets the
  // request's "Proxy:" header as HTTP_PROXY (https://httpoxy.org): there, only http_proxy counts.
  const char* which = nullptr;
  const bool cgi = flowsdk::detail::env("REQUEST_METHOD").has_value();
  if (auto url = first_set({"https_proxy", "HTTPS_PROXY"}, which)) {
    (void)detail::parse_proxy_url(*url, which, {}, {});
    o.proxy.https_proxy = std::move(*url);
  }
  auto http_url = cgi ? first_set({"http_proxy"}, which) : first_set({"http_proxy", "HTTP_PROXY"}, which);
  if (http_url) {
    (void)detail::parse_proxy_url(*http_url, which, {}, {});
    o.proxy.http_proxy = std::move(*http_url);
  }
  if (auto list = first_set({"no_proxy", "NO_PROXY"}, which)) {
    (void)detail::no_proxy_list::parse(*list, which);
    o.proxy.no_proxy = std::move(*list);
  }
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
