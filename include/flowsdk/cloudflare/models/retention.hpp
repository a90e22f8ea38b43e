#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>

namespace flowsdk::cloudflare {

/// How long finished instances are kept. Each value is milliseconds (an integer) or a duration
/// such as "5 minutes" on the way in; servers answer with milliseconds.
struct retention {
  std::optional<boost::json::value> error_retention;
  std::optional<boost::json::value> success_retention;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(retention, (), (error_retention, success_retention))

}  // namespace flowsdk::cloudflare
