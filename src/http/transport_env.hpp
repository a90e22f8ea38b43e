#pragma once
// Transport settings from the environment, shared by every vendor's client_options::from_env
// (docs/configuration.md).

#include "flowsdk/http/transport_options.hpp"

#include <optional>
#include <string>

namespace flowsdk::http {

/// Applies the transport variables that are set to `o` and leaves the rest of it as it was:
/// FLOWSDK_CA_FILE becomes tls.ca_file (a PEM file of CAs to trust instead of the system store);
/// https_proxy or HTTPS_PROXY, http_proxy or HTTP_PROXY (not in a CGI program) and no_proxy or
/// NO_PROXY become proxy.https_proxy, http_proxy and no_proxy, the lower-case name winning as
/// in curl. A malformed value is errc::invalid_argument naming the variable, without credentials.
void transport_options_from_env(transport_options& o);

/// The value of `name` when set, checked as a base URL ("https://host[:port][/path]");
/// errc::invalid_argument naming the variable when it is not one.
std::optional<std::string> base_url_from_env(const char* name);

}  // namespace flowsdk::http
