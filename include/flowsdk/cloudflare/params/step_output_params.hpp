#pragma once
// A parameter type of the Cloudflare handles; see flowsdk/cloudflare/params.hpp.

#include <optional>
#include <string>
#include <utility>

namespace flowsdk::cloudflare {

/// Which step output to read.
class step_output_params {
 public:
  explicit step_output_params(std::string name, std::string type = "step")
      : name(std::move(name)), type(std::move(type)) {}

  std::string name;            ///< the step's name as in the step log, with its counter suffix ("charge-1")
  std::string type;            ///< "step" or "waitForEvent"
  std::optional<int> attempt;  ///< a particular attempt (not for waitForEvent)
};

}  // namespace flowsdk::cloudflare
