#pragma once
#include "flowsdk/core/paginator.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/tenex/models/external_trigger.hpp"
#include "flowsdk/tenex/models/run.hpp"
#include "flowsdk/tenex/models/trigger_match.hpp"
#include "flowsdk/tenex/params/list_triggers_params.hpp"
#include "flowsdk/tenex/params/trigger_create.hpp"
#include "flowsdk/tenex/params/trigger_update.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <utility>

namespace flowsdk::tenex {

class client;

namespace detail {
struct client_state;
}

/// External triggers (`ExternalTrigger`): CRM, connector and schedule events that start a
/// workflow or call a webhook, `client.triggers()`. Routes under `/triggers`.
///
/// The rules of every 10ex handle: a cheap copy made by tenex::client; the returned awaitable
/// or paginator owns copies of what it needs and borrows neither this handle nor the client;
/// GET, PUT, PATCH and DELETE are retried per the retry policy, a POST only where the method
/// says so (it then carries an Idempotency-Key generated once per call); failures throw
/// flowsdk::error (docs/errors.md, docs/tenex.md), errc::invalid_argument for an empty id
/// before anything is sent.
class triggers {
 public:
  /// The workspace's triggers under the filters set in `params`.
  /// `GET /triggers?workflow_id&source&event_type&enabled&limit`, then `&cursor=` per page.
  /// Retried. Throws errc::invalid_argument here for a limit outside 1..200.
  paginator<external_trigger> list(list_triggers_params params = {}, request_options options = {}) const;
  /// Creates a trigger and returns it with its id. `POST /triggers` with the members set in
  /// `trigger` -> 201. Retried: the POST carries an Idempotency-Key (`options.idempotency_key`,
  /// or a UUID chosen once per call), so a replay returns the first trigger instead of a second.
  /// errc::unprocessable for an invalid definition (a schedule without cron, a webhook without
  /// target_url, ...).
  boost::asio::awaitable<external_trigger> create(trigger_create trigger, request_options options = {}) const;
  /// One trigger. `GET /triggers/{trigger_id}`. Retried. errc::not_found for an unknown one.
  boost::asio::awaitable<external_trigger> get(std::string trigger_id, request_options options = {}) const;
  /// Changes the members set in `changes` and returns the trigger as it now is.
  /// `PATCH /triggers/{trigger_id}` with only those members. Retried (setting the same values
  /// twice is harmless).
  boost::asio::awaitable<external_trigger> update(std::string trigger_id, trigger_update changes,
                                                  request_options options = {}) const;
  /// Deletes a trigger; the runs it started keep their trigger_id. `DELETE /triggers/{trigger_id}`
  /// -> 204. Retried; a 404 answering a retry counts as deleted (an earlier attempt may have
  /// deleted it), a 404 on the first attempt throws errc::not_found.
  boost::asio::awaitable<void> remove(std::string trigger_id, request_options options = {}) const;
  /// Fires the trigger with a sample event: a real run of its workflow, returned as queued.
  /// `POST /triggers/{trigger_id}/test` with `{payload}` -> 202. Retried with an
  /// Idempotency-Key, like create.
  boost::asio::awaitable<run> test(std::string trigger_id, boost::json::object payload,
                                   request_options options = {}) const;
  /// What the trigger would do with a sample event, starting nothing: whether its filter
  /// matches and the run input its input_mapping builds. `POST /triggers/{trigger_id}/test`
  /// with `{payload, dry_run: true}` -> 200. Retried (it carries an Idempotency-Key, as the
  /// route expects).
  boost::asio::awaitable<trigger_match> dry_run(std::string trigger_id, boost::json::object payload,
                                                request_options options = {}) const;

 private:
  friend class client;
  explicit triggers(std::shared_ptr<detail::client_state> state) : state_(std::move(state)) {}

  std::shared_ptr<detail::client_state> state_;
};

}  // namespace flowsdk::tenex
