#pragma once
// A parameter type of imbrace::workflows; see flowsdk/imbrace/params.hpp.

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::imbrace {

/// The body of test_trigger. The gateway's document asks for piece and flow; the engine
/// upstream for the flow, its version and a strategy: set what your server needs.
class test_trigger_request {
 public:
  explicit test_trigger_request(std::string flow_id) : flow_id(std::move(flow_id)) {}

  std::string flow_id;
  std::optional<std::string> piece_name;
  std::optional<std::string> flow_version_id;
  std::optional<std::string> test_strategy;  ///< "SIMULATION" or "TEST_FUNCTION"
};
BOOST_DESCRIBE_STRUCT(test_trigger_request, (), (flow_id, piece_name, flow_version_id, test_strategy))

}  // namespace flowsdk::imbrace
