#pragma once
#include "../rest/service.hpp"

#include "flowsdk/cloudflare/client_options.hpp"

#include <string>

namespace flowsdk::cloudflare::detail {

/// What every resource handle of one client shares.
struct client_state {
  rest::service api;  ///< the base URL with credentials and the envelope hooks
  std::string account_id;
  bool params_as_string;
};

/// Reads the failure envelope `{success:false, errors:[{code, message}], messages, result}`.
void decode_error_body(const http::response& r, error_details& d);

/// The result of a 2xx envelope (null when absent or null); throws errc::api_failure for
/// `success: false` and errc::decode_error for a body that is no envelope.
const boost::json::value* unwrap_envelope(const boost::json::value& document, const rest::reply& r);

}  // namespace flowsdk::cloudflare::detail
