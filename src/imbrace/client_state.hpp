#pragma once
#include "../rest/service.hpp"

#include "flowsdk/imbrace/client_options.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace flowsdk::imbrace::detail {

/// What every resource handle of one client shares.
struct client_state {
  client_state(rest::service engine, rest::service channels, std::chrono::milliseconds sync_timeout)
      : engine(std::move(engine)), channels(std::move(channels)), sync_trigger_timeout(sync_timeout) {}

  rest::service engine;    ///< {gateway}/activepieces
  rest::service channels;  ///< {gateway}/channel-service
  std::chrono::milliseconds sync_trigger_timeout;

  std::mutex project_mutex;
  std::optional<std::string> project_id;  ///< resolve_project_id's cache
};

/// Reads Activepieces `{code, params}` and Fastify `{statusCode, code, error, message}` bodies.
void decode_error_body(const http::response& r, error_details& d);

}  // namespace flowsdk::imbrace::detail
