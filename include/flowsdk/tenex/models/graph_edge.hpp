#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/tenex/json_key_style.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace flowsdk::tenex {

/// An edge of a workflow graph, `{from, to, condition?}`. Out of a branch step the first edge
/// whose condition matches is taken, an edge without one last ("else").
struct graph_edge {
  std::string from;                      ///< a step id, or "start" (graph_builder::start) for the entry edge
  std::string to;                        ///< a step id
  std::optional<std::string> condition;  ///< an expression over the input and prior outputs
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_edge, (), (from, to, condition))

}  // namespace flowsdk::tenex
