#pragma once
// The one error type of the emulated APIs: a vendor builds the body in its own format, and the
// dispatcher (server.cpp) answers it.

#include "common/util.hpp"

#include <stdexcept>

namespace flowsdk::emulator::detail {

/// An API failure: a status and the exact JSON body to answer with.
struct api_error : std::runtime_error {
  api_error(http::status s, json::value b) : std::runtime_error("api error"), status(s), body(std::move(b)) {}
  http::status status;
  json::value body;
};

}  // namespace flowsdk::emulator::detail
