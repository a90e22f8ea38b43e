#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The state of one step attempt of a run. Steps a run never reached are `skipped`; the step in
/// flight when a run is cancelled is `cancelled`.
class step_status : public open_enum<step_status> {
 public:
  using open_enum::open_enum;
  static const step_status pending;
  static const step_status running;
  static const step_status waiting;
  static const step_status retrying;
  static const step_status succeeded;
  static const step_status failed;
  static const step_status skipped;
  static const step_status cancelled;
};
inline const step_status step_status::pending{"pending"};
inline const step_status step_status::running{"running"};
inline const step_status step_status::waiting{"waiting"};
inline const step_status step_status::retrying{"retrying"};
inline const step_status step_status::succeeded{"succeeded"};
inline const step_status step_status::failed{"failed"};
inline const step_status step_status::skipped{"skipped"};
inline const step_status step_status::cancelled{"cancelled"};

}  // namespace flowsdk::tenex
