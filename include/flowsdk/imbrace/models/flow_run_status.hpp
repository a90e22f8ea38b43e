#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::imbrace {

/// The state of a run. The server adds values over time; compare with the constants and treat
/// anything else as "not finished successfully".
class flow_run_status : public open_enum<flow_run_status> {
 public:
  using open_enum::open_enum;
  static const flow_run_status queued;
  static const flow_run_status running;
  static const flow_run_status paused;
  static const flow_run_status succeeded;
  static const flow_run_status failed;
  static const flow_run_status timeout;
  static const flow_run_status canceled;
  static const flow_run_status quota_exceeded;
  static const flow_run_status internal_error;
  static const flow_run_status memory_limit_exceeded;
  /// Not in the engine's list today; the vendor SDKs' FlowRun type still has it.
  static const flow_run_status stopped;

  /// True for the statuses after which the run changes no more: every constant above but
  /// queued, running and paused (a delay or an approval, which resumes). A status this release
  /// does not know is not terminal, so that workflows::wait_for_run goes on to its timeout
  /// rather than end on a value it cannot judge.
  bool is_terminal() const noexcept;
};
inline const flow_run_status flow_run_status::queued{"QUEUED"};
inline const flow_run_status flow_run_status::running{"RUNNING"};
inline const flow_run_status flow_run_status::paused{"PAUSED"};
inline const flow_run_status flow_run_status::succeeded{"SUCCEEDED"};
inline const flow_run_status flow_run_status::failed{"FAILED"};
inline const flow_run_status flow_run_status::timeout{"TIMEOUT"};
inline const flow_run_status flow_run_status::canceled{"CANCELED"};
inline const flow_run_status flow_run_status::quota_exceeded{"QUOTA_EXCEEDED"};
inline const flow_run_status flow_run_status::internal_error{"INTERNAL_ERROR"};
inline const flow_run_status flow_run_status::memory_limit_exceeded{"MEMORY_LIMIT_EXCEEDED"};
inline const flow_run_status flow_run_status::stopped{"STOPPED"};

}  // namespace flowsdk::imbrace
