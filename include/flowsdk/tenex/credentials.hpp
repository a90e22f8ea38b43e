#pragma once
#include "flowsdk/http/request.hpp"

#include <functional>
#include <memory>
#include <string>

namespace flowsdk::tenex {

/// How a client authenticates to the 10ex API: `Authorization: Bearer` with a workspace API key
/// (`tnx_<prefix>_<secret>`) or a user JWT (from `POST /api/v1/users/login`). The workspace is
/// the key's or the user's: no request names it. Secrets are sent as that one header and appear
/// nowhere else (error messages redact them).
class credentials {
 public:
  credentials() = default;

  /// A long-lived workspace key. Throws flowsdk::error (errc::invalid_argument) unless it
  /// starts with `tnx_`: 10ex keys always do, and a key pasted from elsewhere would only fail
  /// later, at the first request, with a 401.
  static credentials api_key(std::string key);
  /// A fixed JWT; it expires (10ex: after an hour), after which calls fail with
  /// errc::unauthorized and are not retried. Throws errc::invalid_argument if empty.
  static credentials jwt(std::string token);
  /// A JWT the application keeps fresh: `current_token` is called before every request (and
  /// every stream connection) and returns the token to send. It may be called from several
  /// threads at once and must not block; an empty result fails that call with
  /// errc::unauthorized before anything is sent.
  static credentials jwt_source(std::function<std::string()> current_token);

  /// Headers that never change (for a key or a fixed JWT); empty for a jwt_source.
  http::header_list headers() const;
  /// For a jwt_source: appends the current `Authorization` header. No-op otherwise.
  void add_dynamic_headers(http::header_list& headers) const;
  bool is_dynamic() const noexcept { return static_cast<bool>(source_); }
  /// The mode, never the secret: "API key (tnx_...)", "JWT", "JWT from a callback" or "no credentials".
  std::string describe() const;

 private:
  enum class mode { none, key, jwt, jwt_source };
  credentials(mode m, std::string secret) : mode_(m), secret_(std::move(secret)) {}

  mode mode_ = mode::none;
  std::string secret_;
  std::shared_ptr<const std::function<std::string()>> source_;
};

}  // namespace flowsdk::tenex
