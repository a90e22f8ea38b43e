#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <string>

namespace flowsdk::imbrace {

/// A tag of a channel automation.
struct channel_automation_tag {
  std::string id;
  std::string name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(channel_automation_tag, (), (id, name))

}  // namespace flowsdk::imbrace
