#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace flowsdk::cloudflare {

/// What deleting an instance or sending it an event answers.
struct instance_ack {
  std::string instance_id;
  std::string timestamp;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_ack, (), (instance_id, timestamp))

/// `instance_id` is "instanceId" on the wire: a camelCase exception of this snake_case API.
constexpr std::string_view json_rename(const instance_ack*, std::string_view member) {
  return member == "instance_id" ? "instanceId" : "";
}

}  // namespace flowsdk::cloudflare
