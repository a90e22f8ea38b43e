#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

namespace flowsdk::tenex {

/// What a trigger would do with a sample event, without starting anything (a dry-run test).
struct trigger_match {
  bool matched = false;       ///< whether the event passes the trigger's filter
  boost::json::object input;  ///< the run input its input_mapping builds from the event
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_match, (), (matched, input))

}  // namespace flowsdk::tenex
