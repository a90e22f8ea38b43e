#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace flowsdk::imbrace {

/// Trigger successes and failures of one piece on one day.
struct daily_trigger_stats {
  std::int64_t success = 0;
  std::int64_t failure = 0;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(daily_trigger_stats, (), (success, failure))

}  // namespace flowsdk::imbrace
