#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/instance_status.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::cloudflare {

/// What a status change answers: the status right after it.
struct status_change_result {
  instance_status status;
  std::string timestamp;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(status_change_result, (), (status, timestamp))

}  // namespace flowsdk::cloudflare
