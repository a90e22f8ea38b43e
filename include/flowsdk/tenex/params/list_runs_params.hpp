#pragma once
// A parameter type of the 10ex handles; see flowsdk/tenex/params.hpp.

#include "flowsdk/tenex/models/run_status.hpp"
#include "flowsdk/tenex/models/trigger_type.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::tenex {

/// Filters of runs::list; unset ones are not sent. Runs come newest first.
class list_runs_params {
 public:
  list_runs_params() {}

  std::optional<std::string> workflow_id;
  /// Any of these statuses (sent as repeated `status=` keys); empty: every status.
  std::vector<run_status> statuses;
  std::optional<tenex::trigger_type> trigger_type;
  std::optional<std::string> trigger_id;  ///< runs an external trigger started
  /// ISO-8601 bounds on created_at ("2026-11-22T10:00:00Z"); see timestamp() for a time_point.
  std::optional<std::string> created_after;
  std::optional<std::string> created_before;
  std::optional<int> limit;  ///< page size, 1..200 (server default 50)

  /// `t` as the API's timestamps: ISO-8601 UTC with `Z`, fractional seconds down to the
  /// microsecond when `t` has them ("2026-11-22T10:15:02.5Z").
  static std::string timestamp(std::chrono::system_clock::time_point t);
};

}  // namespace flowsdk::tenex
