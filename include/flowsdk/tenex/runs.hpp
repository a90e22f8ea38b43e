#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/http/event_source_options.hpp"
#include "flowsdk/http/event_stream.hpp"
#include "flowsdk/tenex/models/run.hpp"
#include "flowsdk/tenex/models/run_event.hpp"
#include "flowsdk/tenex/models/step_run.hpp"
#include "flowsdk/tenex/params/list_runs_params.hpp"
#include "flowsdk/tenex/params/run_request.hpp"
#include "flowsdk/tenex/run_watch.hpp"
#include "flowsdk/tenex/watch_options.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace flowsdk::tenex {

class client;

namespace detail {
struct client_state;
}

/// Runs of workflows, their per-step trace and their live progress, `client.runs()`. Routes
/// under `/runs` (and `/workflows/{id}/runs` to trigger one).
///
/// The rules of every 10ex handle: a cheap copy made by tenex::client; the returned awaitable
/// or paginator owns copies of what it needs and borrows neither this handle nor the client;
/// GET, PUT, PATCH and DELETE are retried per the retry policy, a POST only where the method
/// says so (it then carries an Idempotency-Key generated once per call); failures throw
/// flowsdk::error (docs/errors.md, docs/tenex.md), errc::invalid_argument for an empty id
/// before anything is sent.
class runs {
 public:
  /// Starts a manual run of the workflow's active version (or of `request.version`) with a typed
  /// input payload; returns the run as queued. `POST /workflows/{workflow_id}/runs` with
  /// `{input, version?}` -> 202. The REST form of the `trigger_workflow` MCP tool. Retried: the
  /// POST carries an Idempotency-Key (`options.idempotency_key`, or a UUID chosen once per call)
  /// that the server uses to answer a replay with the first run instead of starting a second.
  /// errc::unprocessable when the input does not fit the version's input_schema (vendor_errors
  /// locate the fields, e.g. {"body", "input", "lead_id"}); errc::conflict with vendor_code
  /// `workflow_not_active`, `workflow_archived` or `idempotency_key_reused`.
  boost::asio::awaitable<run> trigger(std::string workflow_id, run_request request, request_options options = {}) const;
  /// The runs of the workspace, newest first, under the filters set in `params`.
  /// `GET /runs?workflow_id&status...&trigger_type&trigger_id&created_after&created_before&limit`,
  /// then `&cursor=` per page; total() when the server counts. Retried. Throws
  /// errc::invalid_argument here for a limit outside 1..200.
  paginator<run> list(list_runs_params params = {}, request_options options = {}) const;
  /// One run: the polling target. `GET /runs/{run_id}`. Retried. errc::not_found for an
  /// unknown run (or another workspace's).
  boost::asio::awaitable<run> get(std::string run_id, request_options options = {}) const;
  /// Pauses a run: at once when queued or waiting, at the end of the current step when running
  /// (the run reads `pausing` until then). `POST /runs/{run_id}/pause` -> 202 with the run.
  /// Retried: repeating it is harmless (a pausing or paused run is left as it is).
  /// errc::conflict, vendor_code `invalid_run_state`, when the run is cancelling or has ended.
  boost::asio::awaitable<run> pause(std::string run_id, request_options options = {}) const;
  /// Resumes a paused run (it is queued again). `POST /runs/{run_id}/resume` -> 202 with the
  /// run. Retried; a retry refused with 409 `invalid_run_state` may only mean that an earlier
  /// attempt resumed the run, so the run is read back (`GET /runs/{run_id}`) and returned
  /// unless it is still paused. errc::conflict (`invalid_run_state`) for a run that was not
  /// paused. `options.timeout` bounds the resume and the read-back together.
  boost::asio::awaitable<run> resume(std::string run_id, request_options options = {}) const;
  /// Cancels a run: at once when queued or paused, after stopping the in-flight step otherwise
  /// (`cancelling`). `POST /runs/{run_id}/cancel` -> 202 with the run. Retried: idempotent on a
  /// cancelling or cancelled run. errc::conflict (`invalid_run_state`) when it succeeded or failed.
  boost::asio::awaitable<run> cancel(std::string run_id, request_options options = {}) const;
  /// The run's per-step trace, one entry per attempt, oldest first.
  /// `GET /runs/{run_id}/steps?limit`, then `&cursor=` per page. Retried. Throws
  /// errc::invalid_argument here for a limit outside 1..200.
  paginator<step_run> steps(std::string run_id, std::optional<int> limit = std::nullopt,
                            request_options options = {}) const;
  /// One step of a run with its full output: the latest attempt, or `attempt` (from 1).
  /// `GET /runs/{run_id}/steps/{step_id}?attempt`. Retried. Throws errc::invalid_argument here
  /// for an attempt below 1; errc::not_found for an unknown step or attempt.
  boost::asio::awaitable<step_run> step(std::string run_id, std::string step_id,
                                        std::optional<int> attempt = std::nullopt, request_options options = {}) const;

  // ---- run progress (events, watch, wait_for_run: src/tenex/run_progress.cpp) ----

  /// The run's progress stream as sent, `GET /runs/{id}/events` (text/event-stream): typed
  /// events, resumed after a drop with Last-Event-ID (`options.last_event_id` resumes an
  /// earlier read), ending after the terminal event or on 204. Unknown event names are
  /// skipped. No polling fallback and no de-duplication: watch() adds both. The request is
  /// made now, with the credentials of now (a jwt_source is asked once); nothing is sent before
  /// the first next(). Throws errc::invalid_argument at once for an empty id.
  event_stream<run_event> events(std::string run_id, event_source_options options = {},
                                 request_options per_call = {}) const;

  /// Follows a run until it ends, from the event stream when the server streams and by polling
  /// when it does not, behind one interface (see run_watch). Nothing is sent before the first
  /// next(). Throws errc::invalid_argument at once for an empty id.
  run_watch watch(std::string run_id, watch_options options = watch_options()) const;

  /// Triggers a run like trigger() (its Idempotency-Key, generated once, makes the POST safe to
  /// retry) and returns a watch of it, whose first event is the run's snapshot. The portable
  /// path of docs/tenex.md: a 202, then the event stream; never the one-request
  /// start-and-stream variant some servers offer.
  boost::asio::awaitable<run_watch> trigger_and_watch(std::string workflow_id, run_request request,
                                                      watch_options options = watch_options(),
                                                      request_options per_call = {}) const;

  /// Waits until the run ends and returns it as it ended (a final `GET /runs/{id}`), following
  /// it like watch(). Throws errc::timeout when `timeout` passes first (the run goes on), and
  /// errc::cancelled when the caller cancels; either closes the stream.
  boost::asio::awaitable<run> wait_for_run(std::string run_id, std::chrono::milliseconds timeout,
                                           watch_options options = watch_options()) const;

 private:
  friend class client;
  explicit runs(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::tenex
