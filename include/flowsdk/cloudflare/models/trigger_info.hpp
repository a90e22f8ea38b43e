#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// What started an instance (or terminated it).
struct trigger_info {
  std::string source;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_info, (), (source))

}  // namespace flowsdk::cloudflare
