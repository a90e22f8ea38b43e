#pragma once
// Building request targets: path segments and query values are percent-encoded here, once,
// for every vendor layer.

#include <string>
#include <string_view>

namespace flowsdk {

/// Percent-encodes everything but the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view raw);

/// Builds "path?query" from a base path, literal route parts, encoded ids and query pairs.
class target_builder {
 public:
  explicit target_builder(std::string base_path) : target_(std::move(base_path)) {}

  /// Appends a literal route part such as "/v1/flows" (not encoded; must not hold user data).
  target_builder& route(std::string_view literal);
  /// Appends "/" and the percent-encoded id. Throws flowsdk::error (errc::invalid_argument)
  /// naming `what` if the id is empty, so a missing id never turns into another route.
  target_builder& id(std::string_view what, std::string_view value);
  /// Appends a query pair, both sides percent-encoded.
  target_builder& query(std::string_view key, std::string_view value);

  const std::string& str() const& noexcept { return target_; }
  std::string str() && noexcept { return std::move(target_); }

 private:
  std::string target_;
  bool has_query_ = false;
};

/// Appends a query pair to a finished target (which may already have a query).
void append_query(std::string& target, std::string_view key, std::string_view value);

}  // namespace flowsdk
