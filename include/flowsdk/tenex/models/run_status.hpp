#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The state of a run (docs/tenex.md, "Run states"): queued, then running and waiting, possibly
/// paused, until it succeeds, fails or is cancelled.
class run_status : public open_enum<run_status> {
 public:
  using open_enum::open_enum;
  static const run_status queued;
  static const run_status running;
  static const run_status waiting;
  static const run_status pausing;
  static const run_status paused;
  static const run_status cancelling;
  static const run_status succeeded;
  static const run_status failed;
  static const run_status cancelled;

  /// succeeded, failed or cancelled: nothing changes any more.
  bool is_terminal() const noexcept;
};
inline const run_status run_status::queued{"queued"};
inline const run_status run_status::running{"running"};
inline const run_status run_status::waiting{"waiting"};
inline const run_status run_status::pausing{"pausing"};
inline const run_status run_status::paused{"paused"};
inline const run_status run_status::cancelling{"cancelling"};
inline const run_status run_status::succeeded{"succeeded"};
inline const run_status run_status::failed{"failed"};
inline const run_status run_status::cancelled{"cancelled"};

}  // namespace flowsdk::tenex
