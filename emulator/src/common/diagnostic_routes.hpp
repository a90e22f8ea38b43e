#pragma once
// Vendor-neutral routes under /_emulator/v1/ for exercising a client's streaming path: a
// server-sent event source that resumes by Last-Event-ID, and a chunked byte download. They
// speak no vendor's protocol; tests and benchmarks of streaming use them.

#include "common/http_server.hpp"

#include <string_view>

namespace flowsdk::emulator::detail {

/// Answers GET /_emulator/v1/events and GET /_emulator/v1/bytes; returns false for any other
/// path. Stateless and thread-safe. See docs/emulator.md for the parameters.
bool handle_diagnostic_route(http_request& req, std::string_view path, std::string_view query, reply& out);

}  // namespace flowsdk::emulator::detail
