#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/error_info.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::cloudflare {

/// The outcome of an instance's rollback.
struct rollback_info {
  std::string outcome;  ///< "complete" or "failed"
  std::optional<error_info> error;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(rollback_info, (), (outcome, error))

}  // namespace flowsdk::cloudflare
