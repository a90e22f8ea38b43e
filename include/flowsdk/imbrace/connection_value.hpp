#pragma once
#include "flowsdk/imbrace/models/connection_type.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::imbrace {

/// OAuth2 credentials of a connection (OAUTH2, CLOUD_OAUTH2, PLATFORM_OAUTH2).
class oauth2_grant {
 public:
  oauth2_grant(std::string client_id, std::string code, std::string redirect_url)
      : client_id(std::move(client_id)), code(std::move(code)), redirect_url(std::move(redirect_url)) {}

  std::string client_id;
  std::string code;
  std::string redirect_url;
  std::optional<std::string> client_secret;  ///< OAUTH2 only; the cloud variants hold it server-side
  std::optional<std::string> scope;
  std::optional<std::string> code_challenge;
  boost::json::object props;
};

/// The secret part of an app connection, one variant per connection type. It is sent to the
/// server and nowhere else: describe() names the type only.
class connection_value {
 public:
  static connection_value secret_text(std::string secret);
  static connection_value basic_auth(std::string username, std::string password);
  static connection_value custom_auth(boost::json::object props);
  static connection_value oauth2(const oauth2_grant& grant);
  static connection_value cloud_oauth2(const oauth2_grant& grant);
  static connection_value platform_oauth2(const oauth2_grant& grant);
  static connection_value no_auth();

  const connection_type& type() const noexcept { return type_; }
  std::string describe() const { return type_.value() + " (secret not shown)"; }
  const boost::json::object& to_json() const noexcept { return json_; }

 private:
  connection_value(connection_type type, boost::json::object json) : type_(std::move(type)), json_(std::move(json)) {}
  connection_type type_;
  boost::json::object json_;
};

}  // namespace flowsdk::imbrace
