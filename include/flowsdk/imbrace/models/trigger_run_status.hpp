#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/piece_trigger_stats.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>

namespace flowsdk::imbrace {

/// Trigger outcomes per piece and day.
struct trigger_run_status {
  std::map<std::string, piece_trigger_stats, std::less<>> pieces;  ///< keyed by piece name
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(trigger_run_status, (), (pieces))

}  // namespace flowsdk::imbrace
