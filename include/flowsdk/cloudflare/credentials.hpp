#pragma once
#include "flowsdk/http/request.hpp"

#include <string>

namespace flowsdk::cloudflare {

/// How a client authenticates to the Cloudflare API: exactly one mode. The secrets are sent as
/// headers and appear nowhere else.
class credentials {
 public:
  credentials() = default;

  /// An API token, sent as `Authorization: Bearer <token>`.
  static credentials api_token(std::string token);
  /// A global API key with its account email, sent together as `X-Auth-Email` and `X-Auth-Key`.
  /// Throws flowsdk::error (errc::invalid_argument) if either is empty.
  static credentials api_key(std::string email, std::string key);

  http::header_list headers() const;
  /// The mode, never the secret: "API token (Authorization: Bearer)" or "API key (X-Auth-Email, X-Auth-Key)".
  std::string describe() const;

 private:
  enum class mode { none, token, key };
  credentials(mode m, std::string secret, std::string email)
      : mode_(m), secret_(std::move(secret)), email_(std::move(email)) {}

  mode mode_ = mode::none;
  std::string secret_;
  std::string email_;
};

}  // namespace flowsdk::cloudflare
