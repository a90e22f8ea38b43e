#pragma once
#include "flowsdk/http/request.hpp"

#include <string>

namespace flowsdk::imbrace {

/// How a client authenticates to the Imbrace gateway: exactly one of three modes, chosen by the
/// factory used. The secret is sent as a header and appears nowhere else: not in errors, not
/// in describe().
class credentials {
 public:
  /// No credentials: only the webhook routes answer.
  credentials() = default;

  /// An organisation-scoped API key (`api_...`), sent as `x-api-key`.
  static credentials api_key(std::string key);
  /// A JWT (`eyJ...`, three dot-separated parts), sent as `Authorization: Bearer`, with the
  /// organisation it acts for as `x-organization-id`. Throws flowsdk::error
  /// (errc::invalid_argument) if the token is not shaped like a JWT or the organisation is empty.
  static credentials jwt(std::string token, std::string organization_id);
  /// An access token (`acc_...`), sent as `x-access-token`, with `x-organization-id` if given.
  static credentials access_token(std::string token, std::string organization_id = {});

  /// The headers this mode adds to every request.
  http::header_list headers() const;
  /// The mode, for logs and messages: "x-api-key", "JWT (Authorization: Bearer)", ... never the secret.
  std::string describe() const;

 private:
  enum class mode { none, api_key, jwt, access_token };
  credentials(mode m, std::string secret, std::string organization_id)
      : mode_(m), secret_(std::move(secret)), organization_id_(std::move(organization_id)) {}

  mode mode_ = mode::none;
  std::string secret_;
  std::string organization_id_;
};

}  // namespace flowsdk::imbrace
