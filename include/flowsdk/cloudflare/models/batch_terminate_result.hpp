#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace flowsdk::cloudflare {

/// A batch terminate job was started ("ok") or one is already running ("already_running").
struct batch_terminate_result {
  std::int64_t instances_terminated = 0;
  std::string status;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(batch_terminate_result, (), (instances_terminated, status))

/// `instances_terminated` is "instancesTerminated" on the wire: a camelCase exception of this snake_case API.
constexpr std::string_view json_rename(const batch_terminate_result*, std::string_view member) {
  return member == "instances_terminated" ? "instancesTerminated" : "";
}

}  // namespace flowsdk::cloudflare
