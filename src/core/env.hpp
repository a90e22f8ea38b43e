#pragma once
// The one place the SDK reads environment variables (the vendors' client_options::from_env and
// http::transport_options_from_env), so that every read treats an empty value as unset alike.

#include <optional>
#include <string>

namespace flowsdk::detail {

/// The value of the environment variable `name`; nullopt when it is unset or empty.
std::optional<std::string> env(const char* name);

}  // namespace flowsdk::detail
