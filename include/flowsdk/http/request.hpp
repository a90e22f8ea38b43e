#pragma once
#include "flowsdk/http/resend_safety.hpp"

// Boost 1.81: verb.hpp reaches boost/core/detail/string_view.hpp, which uses std::ostream
// without including <ostream>; include it first so this header compiles on its own.
#include <ostream>

#include <boost/beast/http/verb.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowsdk::http {

using verb = boost::beast::http::verb;
using header_list = std::vector<std::pair<std::string, std::string>>;

/// One HTTP request as the transport sends it. Vendor layers build these; a fake sender in a
/// user's unit tests receives them.
class request {
 public:
  request(verb method, std::string target) : method(method), target(std::move(target)) {}

  verb method;
  std::string target;        ///< path and query, already percent-encoded
  header_list headers;       ///< besides Host, User-Agent, Content-Length (the transport adds those)
  std::string body;          ///< sent when non-empty, or when the method is POST/PUT/PATCH
  std::string content_type;  ///< Content-Type of body; empty: none

  /// What the operation declares about sending this request twice; see resend_safety_of().
  idempotency declared = idempotency::by_method;
};

}  // namespace flowsdk::http
