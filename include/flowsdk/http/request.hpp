#pragma once
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
  std::string target;          ///< path and query, already percent-encoded
  header_list headers;         ///< besides Host, User-Agent, Content-Length (the transport adds those)
  std::string body;            ///< sent when non-empty, or when the method is POST/PUT/PATCH
  std::string content_type;    ///< Content-Type of body; empty: none

  /// Set by a vendor layer that knows better than the method: e.g. a create with a client-chosen
  /// id, which the server rejects as a duplicate if it arrives twice.
  std::optional<bool> retry_safe;

  /// retry_safe if set; otherwise true when sending the request twice cannot change the outcome (GET, HEAD, PUT, DELETE, or
  /// any request with an `Idempotency-Key` header). Only such requests are retried after they may have
  /// reached the server.
  bool idempotent() const noexcept;
};

}  // namespace flowsdk::http
