#pragma once
// A Cloudflare Workflows model; the conventions of all of them are in flowsdk/cloudflare/models.hpp.

#include "flowsdk/cloudflare/json_key_style.hpp"
#include "flowsdk/cloudflare/models/step_config.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

/// A node of a version's step graph. The API sends a recursive union discriminated by `type`;
/// the members that apply to each type:
///   step_do:                   name, config, nodes (+ starts, resolves)
///   step_sleep:                name, duration        step_sleep_until: name, timestamp
///   step_wait_for_event:       name, options, payload
///   loop, block:               nodes                 parallel: kind, nodes
///   if:                        branches              switch: discriminant, branches
///   try:                       try_block, catch_block, finally_block
///   function_call:             name                  function_def: name, nodes
///   start:                     class_name, functions, nodes, payload
///   break:                     kind ("break" or "return")
/// Branches and try blocks are kept as JSON: their inner shape is not pinned down by the API.
struct graph_node {
  std::string type;
  std::optional<std::string> name;
  std::optional<boost::json::value> duration;
  std::optional<std::string> timestamp;
  std::optional<step_config> config;
  std::optional<boost::json::object> options;
  std::optional<boost::json::value> payload;
  std::optional<std::string> kind;
  std::optional<std::string> discriminant;
  std::optional<std::string> class_name;
  std::vector<graph_node> nodes;
  std::map<std::string, graph_node, std::less<>> functions;
  std::optional<boost::json::value> branches;
  std::optional<boost::json::value> try_block;
  std::optional<boost::json::value> catch_block;
  std::optional<boost::json::value> finally_block;
  std::optional<std::int64_t> starts;
  std::optional<std::int64_t> resolves;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(graph_node, (),
                      (type, name, duration, timestamp, config, options, payload, kind, discriminant, class_name, nodes,
                       functions, branches, try_block, catch_block, finally_block, starts, resolves))

}  // namespace flowsdk::cloudflare
