// External triggers: CRUD, and firing one with a sample event (for real or as a dry run).
#include "flowsdk/tenex/triggers.hpp"

#include "requests.hpp"

namespace flowsdk::tenex {

namespace asio = boost::asio;
using detail::api_of;
using detail::paged;
using detail::route;
using detail::state_ptr;
using http::verb;

namespace {

boost::json::value test_body(boost::json::object payload, bool dry_run) {
  boost::json::object o;
  o.emplace("payload", std::move(payload));
  if (dry_run) o.emplace("dry_run", true);
  return o;
}

asio::awaitable<void> do_remove(state_ptr st, std::string trigger_id, request_options options) {
  try {
    co_await rest::call_void(api_of(st), rest::operation(verb::delete_, detail::routes::trigger(trigger_id)),
                             std::move(options));
  } catch (const error& e) {
    // A 404 after an earlier attempt may mean that attempt deleted it: the goal is reached.
    if (e.code() != errc::not_found || e.details().attempts < 2) throw;
  }
}

}  // namespace

paginator<external_trigger> triggers::list(list_triggers_params params, request_options options) const {
  route r = detail::routes::triggers();
  r.query_if("workflow_id", params.workflow_id);
  if (params.source) r.query("source", params.source->value());
  r.query_if("event_type", params.event_type);
  if (params.enabled) r.query("enabled", *params.enabled ? "true" : "false");
  detail::add_limit(r, params.limit);
  return paged<external_trigger>(state_, std::move(r), std::move(options));
}

asio::awaitable<external_trigger> triggers::create(trigger_create trigger, request_options options) const {
  if (trigger.source.empty()) throw_invalid_argument("trigger_create::source must be set (crm, connector or schedule)");
  if (trigger.target_type.empty())
    throw_invalid_argument("trigger_create::target_type must be set (workflow or webhook)");
  return rest::call<external_trigger>(
      api_of(state_), rest::operation(verb::post, detail::routes::triggers()).with_body(json::encode(trigger)),
      detail::with_idempotency_key(std::move(options)));
}

asio::awaitable<external_trigger> triggers::get(std::string trigger_id, request_options options) const {
  return rest::call<external_trigger>(
      api_of(state_), rest::operation(verb::get, detail::routes::trigger(std::move(trigger_id))), std::move(options));
}

asio::awaitable<external_trigger> triggers::update(std::string trigger_id, trigger_update changes,
                                                   request_options options) const {
  return rest::call<external_trigger>(
      api_of(state_),
      // Setting the same members to the same values twice changes nothing: safe to resend.
      rest::operation(verb::patch, detail::routes::trigger(std::move(trigger_id)))
          .with_body(json::encode(changes))
          .declare(http::idempotency::idempotent),
      std::move(options));
}

asio::awaitable<void> triggers::remove(std::string trigger_id, request_options options) const {
  return do_remove(state_, std::move(trigger_id), std::move(options));
}

asio::awaitable<run> triggers::test(std::string trigger_id, boost::json::object payload,
                                    request_options options) const {
  return rest::call<run>(api_of(state_),
                         rest::operation(verb::post, detail::routes::test_trigger(std::move(trigger_id)))
                             .with_body(test_body(std::move(payload), false)),
                         detail::with_idempotency_key(std::move(options)));
}

asio::awaitable<trigger_match> triggers::dry_run(std::string trigger_id, boost::json::object payload,
                                                 request_options options) const {
  return rest::call<trigger_match>(api_of(state_),
                                   rest::operation(verb::post, detail::routes::test_trigger(std::move(trigger_id)))
                                       .with_body(test_body(std::move(payload), true)),
                                   detail::with_idempotency_key(std::move(options)));
}

}  // namespace flowsdk::tenex
