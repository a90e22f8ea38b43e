#pragma once
#include "../core/service.hpp"

#include "flowsdk/imbrace/client_options.hpp"

#include <chrono>

namespace flowsdk::imbrace::detail {

/// What every resource handle of one client shares.
struct client_state {
  flowsdk::detail::service engine;    ///< {gateway}/activepieces
  flowsdk::detail::service channels;  ///< {gateway}/channel-service
  std::chrono::milliseconds sync_trigger_timeout;
};

/// Reads Activepieces `{code, params}` and Fastify `{statusCode, code, error, message}` bodies.
void decode_error_body(const http::response& r, error_details& d);

}  // namespace flowsdk::imbrace::detail
