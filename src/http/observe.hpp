#pragma once
// Calling an observer (flowsdk/http/observer.hpp): shared by the retry loop (transport.cpp) and
// the pooled sender (beast_sender.cpp). Only ever called when an observer is installed.

#include "flowsdk/http/observer.hpp"

#include <string_view>
#include <system_error>

namespace flowsdk::http::detail {

/// Calls the hook; an exception from it is caught and dropped (the observer's documented contract).
void notify(observer& to, const attempt_event& e) noexcept;
void notify(observer& to, const pool_event& e) noexcept;

/// flowsdk::errc_name of a flowsdk::errc ("connection_lost"), for an event's reason; "error" for
/// another category.
std::string_view errc_name(std::error_code ec) noexcept;

}  // namespace flowsdk::http::detail
