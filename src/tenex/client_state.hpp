#pragma once
#include "../rest/service.hpp"

#include "flowsdk/tenex/client_options.hpp"

namespace flowsdk::tenex::detail {

/// What every resource handle of one client shares.
struct client_state {
  rest::service api;  ///< the flows base URL with the credentials and 10ex's error hook
};

/// Reads the three 10ex error shapes into `d`: `{detail, code}` (code and message),
/// `{detail: [{loc, msg, type}]}` (one vendor_error per entry, `loc` as its location) and the
/// 429 body `{error, message}`. Anything else leaves `d` as it is (the raw body is kept).
void decode_error_body(const http::response& r, error_details& d);

}  // namespace flowsdk::tenex::detail
