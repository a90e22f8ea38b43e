#pragma once
// Cloudflare Workflows: the scripted workflow definitions that stand in for Worker code.
//
// No Worker code runs in the emulator. A workflow's `script_name` picks one of the programs below
// (any other name runs "echo"). A program is a flat list of steps plus a final output; the engine in
// cloudflare_state.cpp executes it against a clock. Durations are "script milliseconds", multiplied
// by server_options::cloudflare_time_scale when they run.
//
//   script      steps (name [type]: behaviour)                                   result
//   ----------  ---------------------------------------------------------------  --------------------------
//   echo        echo [do]: returns params                                          complete, output = params
//   pipeline    validate [do]: {"ok":true}                                         complete, output =
//               cool-down [sleep]: params.sleep_ms (default 100)                   {"approved":true,
//               approval [waitForEvent type "approval"]: timeout params.timeout_ms   "charged":<amount>}
//                 (default 5000); a timeout errors the instance                     (errored on timeout)
//               charge [do]: {"charged": <approval payload's amount, or 0>}
//   flaky       unstable [do, retries {limit 3, delay 50, exponential}]: attempts 1  complete, output =
//                 and 2 fail with {"name":"Error","message":"transient failure"},   {"attempts":3}
//                 attempt 3 returns {"attempts":3}
//   failing     prepare [do, has a rollback]: {"prepared":true}                     errored, error =
//               explode [do, retries {limit 1, delay 50, constant}, has a rollback]: {"name":"Error",
//                 always fails with {"name":"Error","message":"explode failed"}     "message":"explode failed"}
//   slow        tick-1 .. tick-20 [do, 50 each]: {"tick":n}; rollback on each tick  complete, {"ticks":20}
//   sensitive   secret [do, config.sensitive "output"]: {"token":"s3cr3t"}           complete, {"ok":true}
//               blob [do, streaming]: raw bytes (application/octet-stream)
//
// Each do-attempt takes 10 script ms unless said otherwise (failing: 20, slow: 50); the instance
// leaves `queued` 10 script ms after creation (and after resume/restart). Rollback handlers (run by
// terminate with rollback:true, in reverse order of the completed steps that declare one) take
// 20 script ms each and appear as steps of type "rollback" named like the step they undo.
// A name used by several steps of one program is shown as `${name}-${count}` (count from 1), the
// workers-sdk convention; a unique name is shown as is.

#include "common/util.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace flowsdk::emulator::detail::cf {

enum class step_kind { do_step, sleep, wait_event };

struct error_info {
  std::string name;
  std::string message;
};

/// Outputs of the finished steps so far (do outputs and waitForEvent payloads), by display name.
using step_outputs = std::map<std::string, json::value, std::less<>>;
using output_fn = std::function<json::value(const json::value& params, const step_outputs& done)>;
/// A duration in script ms computed from the params.
using duration_fn = std::function<double(const json::value& params)>;

struct retry_config {
  int limit = 5;
  std::int64_t delay_ms = 10000;
  std::string backoff = "exponential";  ///< constant | linear | exponential
};

struct step_def {
  step_kind kind = step_kind::do_step;
  std::string name;     ///< as the program calls it
  std::string display;  ///< as steps[].name shows it: name, or name-<count> when the name repeats
  int count = 1;        ///< occurrence of `name` among the program's steps of the same kind

  // do
  retry_config retries;
  std::string timeout = "10 minutes";
  double attempt_ms = 10;
  int failing_attempts = 0;  ///< the first N attempts fail
  bool always_fails = false;
  error_info failure{"Error", "transient failure"};
  bool sensitive = false;
  bool streaming = false;  ///< the output is raw bytes (`stream_bytes`), served as octet-stream
  std::string stream_bytes;
  output_fn output;
  bool has_rollback = false;
  double rollback_ms = 20;

  // sleep and waitForEvent
  duration_fn duration;  ///< sleep length, or waitForEvent timeout
  std::string event_type;
};

struct script {
  std::string name;
  std::vector<step_def> steps;
  output_fn output;
  double start_delay_ms = 10;
};

/// The program for a script name; unknown names get "echo" (under their own name).
std::shared_ptr<const script> find_script(const std::string& script_name);

/// The VersionGraph's `graph.workflow` object for a program: step_do, step_sleep and
/// step_wait_for_event nodes, with consecutive repeats of one step folded into a `loop` node.
json::object script_graph(const script& s, const std::string& class_name);

/// A retry delay in script ms before retry number `retry` (1-based).
double retry_delay(const retry_config& r, int retry);

}  // namespace flowsdk::emulator::detail::cf
