#pragma once
// A 10ex flows model; the conventions of all of them are in flowsdk/tenex/models.hpp.

#include "flowsdk/core/server_sent_event.hpp"
#include "flowsdk/tenex/models/run.hpp"
#include "flowsdk/tenex/models/run_error.hpp"
#include "flowsdk/tenex/models/run_event_kind.hpp"
#include "flowsdk/tenex/models/run_status.hpp"
#include "flowsdk/tenex/models/step_run.hpp"
#include "flowsdk/tenex/models/step_status.hpp"
#include "flowsdk/tenex/models/step_type.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowsdk::tenex {

/// One event of a run's progress (docs/tenex.md, "Run progress"). Every event has `kind`,
/// `run_id`, `seq` and `at`; the other members are set for the kinds noted beside them and
/// empty otherwise. `data` keeps the event's whole JSON object, for members this release does
/// not know.
struct run_event {
  run_event_kind kind;
  std::string run_id;
  /// The server's sequence number: 1, 2, ... without gaps; a snapshot carries the highest one
  /// it reflects (0 if none). Events a watch makes up while polling (synthesized) carry the
  /// last sequence number seen from the server, or 0.
  std::int64_t seq = 0;
  std::string at;  ///< when it happened, ISO-8601 UTC

  std::optional<tenex::run> run;                ///< run.snapshot
  std::vector<step_run> steps;                  ///< run.snapshot: the trace so far
  std::optional<run_status> status;             ///< run.status: the new status
  std::optional<run_status> previous_status;    ///< run.status
  std::optional<std::string> step_id;           ///< step.*
  std::optional<tenex::step_type> step_type;    ///< step.started
  std::optional<std::int64_t> attempt;          ///< step.started, step.progress, step.retrying, step.failed
  std::optional<step_status> step_outcome;      ///< step.completed: "succeeded"
  boost::json::value delta;                     ///< step.progress: partial output (text or object)
  std::optional<run_error> error;               ///< step.retrying, step.failed, run.failed
  std::optional<std::string> next_attempt_at;   ///< step.retrying
  boost::json::value output;                    ///< step.completed, run.succeeded
  std::optional<std::string> branch_taken;      ///< step.completed of a branch
  std::optional<std::string> fallback_step_id;  ///< step.failed, when the run goes on there

  boost::json::object data;  ///< the event's `data` object as sent
  /// Made up by runs::watch() from polling (the server would not stream), not sent by the server.
  bool synthesized = false;

  bool is_terminal() const noexcept { return kind.is_terminal(); }

  /// Decodes a server-sent event of the progress stream. Throws flowsdk::error
  /// (errc::decode_error, naming the event) when its data is not the JSON object the kind
  /// documents.
  static run_event from_sse(const server_sent_event& e);
};

}  // namespace flowsdk::tenex
