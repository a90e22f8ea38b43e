#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::tenex {

/// The name of a run-progress event (the SSE `event:` field; docs/tenex.md, "Run progress").
/// Open: a name this release does not know is kept, and runs::watch() skips it.
class run_event_kind : public open_enum<run_event_kind> {
 public:
  using open_enum::open_enum;
  static const run_event_kind snapshot;        ///< the run and its steps as of `seq`
  static const run_event_kind status;          ///< a status change not covered by another event
  static const run_event_kind step_started;    ///< a step attempt began
  static const run_event_kind step_progress;   ///< partial output of a step attempt
  static const run_event_kind step_retrying;   ///< an attempt failed and another is scheduled
  static const run_event_kind step_completed;  ///< a step succeeded
  static const run_event_kind step_failed;     ///< a step failed with no retry left
  static const run_event_kind paused;          ///< the pause took effect
  static const run_event_kind resumed;         ///< the resume was accepted
  static const run_event_kind succeeded;       ///< terminal
  static const run_event_kind failed;          ///< terminal
  static const run_event_kind cancelled;       ///< terminal

  /// run.succeeded, run.failed or run.cancelled: the last event of a run.
  bool is_terminal() const noexcept { return *this == succeeded || *this == failed || *this == cancelled; }
  /// One of the names above.
  bool is_known() const noexcept;
};
inline const run_event_kind run_event_kind::snapshot{"run.snapshot"};
inline const run_event_kind run_event_kind::status{"run.status"};
inline const run_event_kind run_event_kind::step_started{"step.started"};
inline const run_event_kind run_event_kind::step_progress{"step.progress"};
inline const run_event_kind run_event_kind::step_retrying{"step.retrying"};
inline const run_event_kind run_event_kind::step_completed{"step.completed"};
inline const run_event_kind run_event_kind::step_failed{"step.failed"};
inline const run_event_kind run_event_kind::paused{"run.paused"};
inline const run_event_kind run_event_kind::resumed{"run.resumed"};
inline const run_event_kind run_event_kind::succeeded{"run.succeeded"};
inline const run_event_kind run_event_kind::failed{"run.failed"};
inline const run_event_kind run_event_kind::cancelled{"run.cancelled"};

}  // namespace flowsdk::tenex
