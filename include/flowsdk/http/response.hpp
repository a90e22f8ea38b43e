#pragma once
#include "flowsdk/http/request.hpp"

#include <string>
#include <string_view>

namespace flowsdk::http {

/// A whole HTTP response: status, headers in arrival order, and the body.
struct response {
  unsigned status = 0;
  header_list headers;
  std::string body;

  /// The first header with this name (compared case-insensitively); empty if absent.
  std::string_view header(std::string_view name) const noexcept;
  bool ok() const noexcept { return status >= 200 && status < 300; }
};

}  // namespace flowsdk::http
