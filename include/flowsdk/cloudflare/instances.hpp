#pragma once
#include "flowsdk/cloudflare/models.hpp"
#include "flowsdk/cloudflare/params.hpp"
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <memory>
#include <string>
#include <vector>

namespace flowsdk::cloudflare {

namespace detail {
struct client_state;
}

/// A step output as the server sent it: JSON, or raw bytes when the step returned a stream.
struct step_output_result {
  std::optional<step_output> json;  ///< set for an application/json answer
  std::string raw;                  ///< the bytes of an application/octet-stream answer
  std::string content_type;
};

/// Instances of workflows (`/accounts/{account_id}/workflows/{workflow}/instances`).
/// Conventions as in cloudflare::workflows.
class instances {
 public:
  explicit instances(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  /// Instances of a workflow, newest first by default. Cursor mode (the default) follows
  /// `result_info.cursor` and never sends `page`; page mode walks page numbers. Memory stays
  /// constant over any number of instances. `GET .../instances`
  paginator<instance_summary> list(std::string workflow, list_instances_params params = {},
                                   request_options options = {}) const;
  /// `GET .../instances/{id}?simple&order`
  boost::asio::awaitable<instance_details> get(std::string workflow, std::string instance_id,
                                               get_instance_params params = {}, request_options options = {}) const;
  /// Creates an instance. Without an instance id the client picks one, which makes the create
  /// safe to retry (a replay the server refuses as a duplicate is answered by reading the
  /// instance back). `POST .../instances`
  boost::asio::awaitable<instance_created> create(std::string workflow, instance_create instance = instance_create(),
                                                  request_options options = {}) const;
  /// Creates 1..100 instances in one request; not retried once sent. `POST .../instances/batch`
  boost::asio::awaitable<std::vector<instance_created>> create_batch(std::string workflow,
                                                                     std::vector<instance_create> instances,
                                                                     request_options options = {}) const;
  /// One step's output. `GET .../instances/{id}/step?name&type&attempt`
  boost::asio::awaitable<step_output_result> step(std::string workflow, std::string instance_id,
                                                  step_output_params params, request_options options = {}) const;
  /// Pauses, resumes, terminates or restarts an instance; errc::conflict when the state does
  /// not allow it. Only pause and resume are retried. `PATCH .../instances/{id}/status`
  boost::asio::awaitable<status_change_result> change_status(std::string workflow, std::string instance_id,
                                                             status_change change, request_options options = {}) const;
  /// Delivers an event to the instance's waitForEvent of that type (buffered if it is not
  /// waiting yet). Not retried once sent. `POST .../instances/{id}/events/{type}`
  boost::asio::awaitable<instance_ack> send_event(std::string workflow, std::string instance_id,
                                                  std::string event_type,
                                                  boost::json::value payload = boost::json::object(),
                                                  request_options options = {}) const;
  /// `DELETE .../instances/{id}`
  boost::asio::awaitable<instance_ack> remove(std::string workflow, std::string instance_id,
                                              request_options options = {}) const;
  /// Deletes 1..100 instances; reports per id. `POST .../instances/batch/delete`
  boost::asio::awaitable<batch_delete_result> remove_batch(std::string workflow, std::vector<std::string> instance_ids,
                                                           request_options options = {}) const;
  /// Starts a background job terminating 1..100 instances. `POST .../instances/batch/terminate`
  boost::asio::awaitable<batch_terminate_result> terminate_batch(std::string workflow,
                                                                 std::vector<std::string> instance_ids,
                                                                 request_options options = {}) const;
  /// Whether a batch terminate job is running. `GET .../instances/terminate`
  boost::asio::awaitable<terminate_job_status> terminate_status(std::string workflow,
                                                                request_options options = {}) const;

 private:
  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::cloudflare
