#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models/daily_trigger_stats.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>

namespace flowsdk::imbrace {

/// Trigger outcomes of one piece, per day.
struct piece_trigger_stats {
  std::map<std::string, daily_trigger_stats, std::less<>> daily_stats;  ///< keyed by day, "YYYY-MM-DD"
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(piece_trigger_stats, (), (daily_stats))

}  // namespace flowsdk::imbrace
