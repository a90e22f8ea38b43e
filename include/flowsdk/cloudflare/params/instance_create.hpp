#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include "flowsdk/cloudflare/models/retention.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::cloudflare {

/// One instance to create.
class instance_create {
 public:
  explicit instance_create(boost::json::value params = nullptr) : params(std::move(params)) {}

  /// Leave empty to let the client choose a random id (a UUID): that makes the create safe to
  /// retry, because a replay is refused as a duplicate and then answered from the stored
  /// instance. Set it to choose your own (1..100 of [a-zA-Z0-9_-], not starting with "-").
  std::string instance_id;
  boost::json::value params;  ///< handed to the workflow's run(); sent as a JSON string by default
  std::optional<retention> instance_retention;
  std::optional<std::string> location_hint;  ///< "wnam", "weur", "enam", "eeur", "apac", "oc", ...
};

}  // namespace flowsdk::cloudflare
