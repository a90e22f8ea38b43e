#pragma once
#include "flowsdk/http/origin.hpp"
#include "flowsdk/http/request.hpp"

#include <chrono>
#include <cstddef>
#include <string_view>

namespace flowsdk::testing {

/// One attempt as a fake_network received it: the request (method, target, headers, body,
/// content type) plus where it was going, by when, and how.
struct sent_request : http::request {
  sent_request(http::request r, http::origin to, std::chrono::steady_clock::time_point deadline, bool streamed,
               std::size_t attempt);

  http::origin origin;                             ///< scheme, host and port it was sent to
  std::chrono::steady_clock::time_point deadline;  ///< the attempt's deadline the transport gave
  bool streamed = false;                           ///< through sender::open (a streamed body), not send
  std::size_t attempt = 0;                         ///< 1 for the fake's first attempt, counting every kind

  /// The path of `target`, without the query.
  std::string_view path() const noexcept;
  /// The first header with this name (compared case-insensitively); empty if absent.
  std::string_view header(std::string_view name) const noexcept;
  /// Whether a header with this name (compared case-insensitively) was sent.
  bool has_header(std::string_view name) const noexcept;
};

}  // namespace flowsdk::testing
