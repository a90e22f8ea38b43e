#pragma once
#include "../core/route.hpp"
#include "../core/service.hpp"

#include "flowsdk/cloudflare/client_options.hpp"

#include <string>

namespace flowsdk::cloudflare::detail {

/// What every resource handle of one client shares.
struct client_state {
  flowsdk::detail::service api;  ///< the base URL with credentials and the envelope's error shape
  std::string account_id;
  bool params_as_string;
};

/// Reads the failure envelope `{success:false, errors:[{code, message}], messages, result}`.
void decode_error_body(const http::response& r, error_details& d);

}  // namespace flowsdk::cloudflare::detail
