#include "flowsdk/imbrace/credentials.hpp"

#include "flowsdk/core/error.hpp"

#include <algorithm>

namespace flowsdk::imbrace {

namespace {
bool looks_like_jwt(const std::string& token) {
  return token.rfind("eyJ", 0) == 0 && std::count(token.begin(), token.end(), '.') == 2;
}
}  // namespace

credentials credentials::api_key(std::string key) {
  if (key.empty()) throw_invalid_argument("the API key is empty");
  return credentials(mode::api_key, std::move(key), {});
}

credentials credentials::jwt(std::string token, std::string organization_id) {
  if (!looks_like_jwt(token))
    throw_invalid_argument("the token is not a JWT (\"eyJ...\" with three dot-separated parts)");
  if (organization_id.empty()) throw_invalid_argument("a JWT needs the organization id it acts for");
  return credentials(mode::jwt, std::move(token), std::move(organization_id));
}

credentials credentials::access_token(std::string token, std::string organization_id) {
  if (token.empty()) throw_invalid_argument("the access token is empty");
  return credentials(mode::access_token, std::move(token), std::move(organization_id));
}

http::header_list credentials::headers() const {
  http::header_list h;
  switch (mode_) {
    case mode::none:
      break;
    case mode::api_key:
      // The gateway resolves the organisation from the key, as the Python SDK relies on.
      h.emplace_back("x-api-key", secret_);
      break;
    case mode::jwt:
      h.emplace_back("authorization", "Bearer " + secret_);
      h.emplace_back("x-organization-id", organization_id_);
      break;
    case mode::access_token:
      h.emplace_back("x-access-token", secret_);
      if (!organization_id_.empty()) h.emplace_back("x-organization-id", organization_id_);
      break;
  }
  return h;
}

std::string credentials::describe() const {
  switch (mode_) {
    case mode::none:
      return "no credentials";
    case mode::api_key:
      return "x-api-key";
    case mode::jwt:
      return "JWT (Authorization: Bearer)";
    case mode::access_token:
      return "x-access-token";
  }
  return "unknown";
}

}  // namespace flowsdk::imbrace
