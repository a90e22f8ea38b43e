#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::imbrace {

/// How an app connection authenticates to its service.
class connection_type : public open_enum<connection_type> {
 public:
  using open_enum::open_enum;
  static const connection_type secret_text;
  static const connection_type basic_auth;
  static const connection_type custom_auth;
  static const connection_type oauth2;
  static const connection_type cloud_oauth2;
  static const connection_type platform_oauth2;
  static const connection_type no_auth;
};
inline const connection_type connection_type::secret_text{"SECRET_TEXT"};
inline const connection_type connection_type::basic_auth{"BASIC_AUTH"};
inline const connection_type connection_type::custom_auth{"CUSTOM_AUTH"};
inline const connection_type connection_type::oauth2{"OAUTH2"};
inline const connection_type connection_type::cloud_oauth2{"CLOUD_OAUTH2"};
inline const connection_type connection_type::platform_oauth2{"PLATFORM_OAUTH2"};
inline const connection_type connection_type::no_auth{"NO_AUTH"};

}  // namespace flowsdk::imbrace
