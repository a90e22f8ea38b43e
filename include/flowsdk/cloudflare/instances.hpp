#pragma once
#include "flowsdk/cloudflare/models/batch_delete_result.hpp"
#include "flowsdk/cloudflare/models/batch_terminate_result.hpp"
#include "flowsdk/cloudflare/models/instance_ack.hpp"
#include "flowsdk/cloudflare/models/instance_created.hpp"
#include "flowsdk/cloudflare/models/instance_details.hpp"
#include "flowsdk/cloudflare/models/instance_summary.hpp"
#include "flowsdk/cloudflare/models/status_change_result.hpp"
#include "flowsdk/cloudflare/models/step_output_result.hpp"
#include "flowsdk/cloudflare/models/terminate_job_status.hpp"
#include "flowsdk/cloudflare/params/get_instance_params.hpp"
#include "flowsdk/cloudflare/params/instance_create.hpp"
#include "flowsdk/cloudflare/params/list_instances_params.hpp"
#include "flowsdk/cloudflare/params/status_change.hpp"
#include "flowsdk/cloudflare/params/step_output_params.hpp"
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/core/wait_options.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::cloudflare {

class client;

namespace detail {
struct client_state;
}

/// Instances of workflows, `client.instances()`; paths below are under
/// `/workflows/{workflow}/instances`. A cheap handle made by cloudflare::client.
///
/// The rules of cloudflare::workflows hold for every method: the returned awaitable or
/// paginator owns copies of what it needs and borrows neither this handle nor the client
/// (`co_spawn(ex, cf.instances().get(wf, id), ...)` is fine); GET and DELETE are retried per
/// the retry policy, POST and PATCH only where a method says so; failures throw
/// flowsdk::error (docs/errors.md), errc::invalid_argument for an empty name or id.
class instances {
 public:
  /// Instances of a workflow, newest first by default. Cursor mode (the default) follows
  /// `result_info.cursor` and never sends `page`; page mode walks page numbers. Memory stays
  /// constant over any number of instances.
  /// `GET .../instances?status&date_start&date_end&direction&per_page&cursor|page`.
  paginator<instance_summary> list(std::string workflow, list_instances_params params = {},
                                   request_options options = {}) const;
  /// One instance with its parameters, outcome and step log. `GET .../instances/{id}?simple&order`.
  boost::asio::awaitable<instance_details> get(std::string workflow, std::string instance_id,
                                               get_instance_params params = {}, request_options options = {}) const;
  /// Waits for an instance to end, or to reach one of the statuses in `until` (such as
  /// {instance_status::waiting}, to send it an event), and returns it as last read: reads
  /// `GET .../instances/{id}?simple=true` (status, output, error, no step log: get() has it)
  /// until the status is complete, errored or terminated or is in `until`, pausing between
  /// reads as `options` says (backoff with jitter, docs/waiting.md). queued, running, waiting,
  /// waitingForPause, paused, rollingBack and statuses this release does not know are not
  /// final. Throws errc::timeout when `options.timeout` passes first (the cause names the last
  /// status seen; the instance goes on), errc::cancelled on cancellation, and a failed read at
  /// once (errc::not_found for an unknown instance, after the read's own retries). Name the
  /// status list before the co_await: g++ 12 rejects a braced list inside one
  /// (docs/coroutine-hazards.md, 5).
  boost::asio::awaitable<instance_details> wait_for_instance(std::string workflow, std::string instance_id,
                                                             wait_options options = {},
                                                             std::vector<instance_status> until = {}) const;
  /// Creates an instance and returns its id, status and version. `POST .../instances` with
  /// `{instance_id, params, instance_retention, location_hint}`. Retried: without an instance
  /// id the client picks a random one, and a replay the server refuses as a duplicate (409) is
  /// answered by reading the instance back (`GET .../instances/{id}?simple=true`); a
  /// caller's id is read back likewise, but only after a retry. A first-attempt 409 for a
  /// caller's id throws errc::conflict. `options.timeout` bounds the create and the read-back
  /// together.
  boost::asio::awaitable<instance_created> create(std::string workflow, instance_create instance = instance_create(),
                                                  request_options options = {}) const;
  /// Creates 1..100 instances in one request and returns them. `POST .../instances/batch`
  /// with an array of instance bodies. errc::invalid_argument for 0 or more than 100.
  boost::asio::awaitable<std::vector<instance_created>> create_batch(std::string workflow,
                                                                     std::vector<instance_create> instances,
                                                                     request_options options = {}) const;
  /// One step's output: JSON, or the raw bytes of a streamed output.
  /// `GET .../instances/{id}/step?name&type&attempt`. errc::invalid_argument for an empty
  /// name, a type other than "step" or "waitForEvent", or an attempt of a waitForEvent.
  boost::asio::awaitable<step_output_result> step(std::string workflow, std::string instance_id,
                                                  step_output_params params, request_options options = {}) const;
  /// Pauses, resumes, terminates or restarts an instance; returns the status right after.
  /// `PATCH .../instances/{id}/status`. errc::conflict when the state does not allow it.
  /// Pause and resume are retried (safe to repeat); terminate and restart are not.
  boost::asio::awaitable<status_change_result> change_status(std::string workflow, std::string instance_id,
                                                             status_change change, request_options options = {}) const;
  /// Delivers an event to the instance's waitForEvent of that type (buffered if it is not
  /// waiting yet). `POST .../instances/{id}/events/{type}` with `payload` (null is sent as
  /// `{}`). The result's members are empty when the server answers without one.
  boost::asio::awaitable<instance_ack> send_event(std::string workflow, std::string instance_id, std::string event_type,
                                                  boost::json::value payload = boost::json::object(),
                                                  request_options options = {}) const;
  /// Deletes an instance. `DELETE .../instances/{id}`.
  boost::asio::awaitable<instance_ack> remove(std::string workflow, std::string instance_id,
                                              request_options options = {}) const;
  /// Deletes 1..100 instances and reports per id. `POST .../instances/batch/delete` with
  /// `{"instances": [...]}`. errc::invalid_argument for 0 or more than 100.
  boost::asio::awaitable<batch_delete_result> remove_batch(std::string workflow, std::vector<std::string> instance_ids,
                                                           request_options options = {}) const;
  /// Starts a background job terminating 1..100 instances. `POST .../instances/batch/terminate`
  /// with a bare array of ids. errc::invalid_argument for 0 or more than 100.
  boost::asio::awaitable<batch_terminate_result> terminate_batch(std::string workflow,
                                                                 std::vector<std::string> instance_ids,
                                                                 request_options options = {}) const;
  /// Whether a batch terminate job is running. `GET .../instances/terminate`.
  boost::asio::awaitable<terminate_job_status> terminate_status(std::string workflow,
                                                                request_options options = {}) const;

 private:
  friend class client;
  explicit instances(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
