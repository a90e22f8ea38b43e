#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace flowsdk::cloudflare {

/// The cron schedule that started an instance.
struct instance_schedule {
  std::string cron;
  std::int64_t scheduled_time = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(instance_schedule, (), (cron, scheduled_time))

/// `scheduled_time` is "scheduledTime" on the wire: a camelCase exception of this snake_case API.
constexpr std::string_view json_rename(const instance_schedule*, std::string_view member) {
  return member == "scheduled_time" ? "scheduledTime" : "";
}

}  // namespace flowsdk::cloudflare
