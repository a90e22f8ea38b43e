#pragma once
// The one vendor-call layer: an operation (method, route, JSON body, declared idempotency, how
// its payload is found) is sent through a service and its answer decoded into a model. Every
// vendor method is one of these calls; nothing here knows a vendor.
//
// Lifetime: every function takes its arguments by value and holds the service through a
// service_ptr, because awaitables start lazily: `client.workflows().get_run(id)` handed to
// co_spawn outlives the temporary handle and the call's own arguments.

#include "route.hpp"
#include "service.hpp"

#include "../core/json_reader.hpp"

#include "flowsdk/core/json.hpp"
#include "flowsdk/core/request_options.hpp"
#include "flowsdk/http/resend_safety.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <utility>

namespace flowsdk::rest {

/// Where a model sits in a payload: the payload itself, or what `pick` finds in it (null: not
/// there, a decode error that says `expected`).
struct payload_rule {
  const boost::json::value* (*pick)(const boost::json::value& payload) = nullptr;
  const char* expected = nullptr;
  /// A missing payload (no body, or an envelope without a result) decodes as JSON null instead
  /// of being a decode error. For operations documented with an optional result.
  bool may_be_absent = false;
};

/// One request of a vendor API, before it is sent. Not an aggregate: g++ 12 destroys aggregate
/// temporaries built inside a co_await expression twice (docs/coroutine-hazards.md).
class operation {
 public:
  operation(http::verb method, rest::route path) : method(method), path(std::move(path)) {}

  /// Sends `body` serialized as JSON.
  operation&& with_body(boost::json::value body) && {
    this->body = std::move(body);
    return std::move(*this);
  }
  /// Overrides what the method implies about sending the request twice (see resend_safety_of).
  operation&& declare(http::idempotency i) && {
    idempotency = i;
    return std::move(*this);
  }
  operation&& decode(payload_rule r) && {
    rule = r;
    return std::move(*this);
  }

  http::verb method;
  rest::route path;
  std::optional<boost::json::value> body;
  http::idempotency idempotency = http::idempotency::by_method;
  payload_rule rule;
};

/// `options` for a method made of several requests: the whole call's timeout becomes one
/// absolute deadline, so each request gets what is left of it instead of a fresh timeout.
request_options whole_call(const service& svc, request_options options);

/// The request `op` becomes under `svc` (its target, the service's headers, the JSON body), with
/// `into`'s method and target set for the reply; `options` gets the service's budget when it
/// names none. Throws errc::invalid_argument for a bad route.
http::request prepare(const service& svc, operation op, reply& into, request_options& options);

/// Sends `op` through `svc` with the service's headers; returns the 2xx reply or throws
/// flowsdk::error (errc::invalid_argument for a bad route, before any I/O).
boost::asio::awaitable<reply> send(service_ptr svc, operation op, request_options options);

/// Parses a reply's body into `storage`; throws errc::decode_error for a body that is not JSON.
/// An empty body parses as null.
boost::json::value parse(const reply& r, boost::json::storage_ptr storage = {});

/// The payload of a parsed 2xx document under `rule`, after the vendor's envelope (which may
/// throw the failure the envelope reports). Throws errc::decode_error when it is absent and
/// the rule does not allow that.
const boost::json::value& payload_of(const service& svc, const reply& r, const boost::json::value& document,
                                     const payload_rule& rule);

/// Reads a reply's payload straight into `payload`, without building the document
/// (src/core/json_reader.hpp). False when it cannot say what the document decoder would: a body
/// that is not JSON or not of the payload's type, an envelope it cannot unwrap, a payload found
/// by a rule's `pick`. The caller then starts over the document way, which reports the failure.
/// May throw what the vendor's envelope reports (a 2xx with `success: false`).
bool read_payload(const service& svc, const reply& r, const payload_rule& rule, json::detail::value_sink payload);

/// Reads a page's items straight into `items`, the way read_payload reads a payload: the items
/// array is the payload of an envelope with a payload_key (no items_key), or the `items_key`
/// member of a bare document. On success `document` holds the rest of the page, the items
/// replaced by a stand-in, for the scheme's next and total, on `scratch` (not copied out of it).
/// False, to start over the document way, for anything else (no array there, either shape
/// missing, not JSON).
bool read_page(const service& svc, const reply& r, const char* items_key, json::detail::value_sink items,
               boost::json::monotonic_resource& scratch, std::optional<boost::json::value>& document);

/// Decodes a reply into T (a described model, boost::json::value, or a vector of them).
template <class T>
T decode(const service& svc, const reply& r, const payload_rule& rule) {
  {
    T out{};
    if (read_payload(svc, r, rule, json::detail::sink_of(out))) return out;
  }
  // The document only lives until it is decoded: parse it into a bump allocator on the stack
  // (malloc and free were a quarter of a get_run's instructions); the model copies what it keeps.
  unsigned char buffer[8192];
  boost::json::monotonic_resource scratch(buffer, sizeof buffer);
  const boost::json::value document = parse(r, &scratch);
  const boost::json::value& payload = payload_of(svc, r, document, rule);
  try {
    return json::decode_as<T>(payload);
  } catch (const json::decode_exception& e) {
    throw_decode_error(r, e.what());
  }
}

/// Sends `op` and decodes its answer into T. send's work, without a coroutine frame of its own.
template <class T>
boost::asio::awaitable<T> call(service_ptr svc, operation op, request_options options) {
  const payload_rule rule = op.rule;
  reply r;
  http::request req = prepare(*svc, std::move(op), r, options);
  r.response =
      co_await svc->transport()->send(svc->origin(), std::move(req), std::move(options), svc->hooks().error_body);
  co_return decode<T>(*svc, r, rule);
}

/// Sends `op`; a body is only checked against the vendor's envelope (a 2xx that reports a
/// failure still throws), never decoded.
boost::asio::awaitable<void> call_void(service_ptr svc, operation op, request_options options);

}  // namespace flowsdk::rest
