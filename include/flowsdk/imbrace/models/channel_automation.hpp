#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/channel_automation_tag.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace flowsdk::imbrace {

/// An automation of the channel service (listed, not paged).
struct channel_automation {
  std::string id;
  std::optional<std::string> name;
  std::optional<bool> active;
  std::vector<channel_automation_tag> tags;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(channel_automation, (), (id, name, active, tags))

}  // namespace flowsdk::imbrace
