#include "call.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>

namespace flowsdk::rest {

namespace asio = boost::asio;

error_details details_of(const reply& r) {
  error_details d;
  d.method = std::string(r.method);
  d.target = r.target;
  d.http_status = r.response.status;
  d.attempts = 1;
  d.body = r.response.body.substr(0, error_details::body_excerpt_limit);
  return d;
}

void throw_decode_error(const reply& r, std::string why) {
  auto d = details_of(r);
  d.cause = std::move(why);
  throw error(errc::decode_error, std::move(d));
}

request_options whole_call(const service& svc, request_options options) {
  const auto end =
      std::chrono::steady_clock::now() + options.timeout.value_or(svc.transport()->options().timeouts.total);
  options.deadline = options.deadline ? std::min(*options.deadline, end) : end;
  return options;
}

http::request prepare(const service& svc, operation op, reply& into, request_options& options) {
  into.method = boost::beast::http::to_string(op.method);
  into.target = op.path.target(svc.base_path());
  http::request req = svc.make_request(op.method, into.target);
  req.declared = op.idempotency;
  if (op.body) {
    req.body = boost::json::serialize(*op.body);
    req.content_type = "application/json";
  }
  if (!options.budget) options.budget = svc.budget();
  return req;
}

asio::awaitable<reply> send(service_ptr svc, operation op, request_options options) {
  reply out;
  http::request req = prepare(*svc, std::move(op), out, options);
  out.response =
      co_await svc->transport()->send(svc->origin(), std::move(req), std::move(options), svc->hooks().error_body);
  co_return out;
}

boost::json::value parse(const reply& r, boost::json::storage_ptr storage) {
  if (r.response.body.empty()) return boost::json::value(std::move(storage));
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(r.response.body, ec, std::move(storage));
  if (ec) throw_decode_error(r, "the body is not JSON: " + ec.message());
  return doc;
}

const boost::json::value& payload_of(const service& svc, const reply& r, const boost::json::value& document,
                                     const payload_rule& rule) {
  static const boost::json::value absent;
  const boost::json::value* payload = nullptr;
  if (!r.response.body.empty()) payload = svc.hooks().unwrap ? svc.hooks().unwrap(document, r) : &document;
  if (!payload) {
    if (rule.may_be_absent) return absent;
    throw_decode_error(
        r, r.response.body.empty() ? "the body is empty where JSON was expected" : "the envelope holds no result");
  }
  if (!rule.pick) return *payload;
  const boost::json::value* picked = rule.pick(*payload);
  if (!picked) throw_decode_error(r, std::string("expected ") + (rule.expected ? rule.expected : "another shape"));
  return *picked;
}

namespace {

// What a direct read of one member of the body's top object found.
struct enveloped {
  bool read = false;  // false: the direct read refused the body
  boost::json::kind payload_kind = boost::json::kind::null;
  const boost::json::value* stand_in = nullptr;  // in `document`, where a non-null payload was
};

// Reads the member `key` into `payload` and keeps the rest of the object in `document`, with a
// stand-in in place of the payload, so the vendor's hook can judge the envelope as it would the
// whole document. The document is made here, on the rest's own storage (`scratch`): assigned to
// a value of other storage, the rest would be copied member by member onto the heap.
enveloped read_around(const reply& r, const char* key, json::detail::value_sink payload,
                      boost::json::monotonic_resource& scratch, std::optional<boost::json::value>& document) {
  json::detail::envelope_sink envelope(key, payload, &scratch);
  enveloped found;
  found.read = json::detail::read_into(r.response.body, envelope.sink());
  if (!found.read) return found;
  document.emplace(std::move(envelope.rest));
  if (envelope.present && envelope.payload_kind != boost::json::kind::null) {
    found.payload_kind = envelope.payload_kind;
    found.stand_in = &document->get_object().emplace(key, true).first->value();
  }
  return found;
}

}  // namespace

bool read_payload(const service& svc, const reply& r, const payload_rule& rule, json::detail::value_sink payload) {
  if (rule.pick || r.response.body.empty()) return false;
  const vendor_hooks& hooks = svc.hooks();
  if (!hooks.unwrap) return json::detail::read_into(r.response.body, payload);
  if (!hooks.payload_key) return false;
  unsigned char buffer[2048];
  boost::json::monotonic_resource scratch(buffer, sizeof buffer);
  std::optional<boost::json::value> document;
  const enveloped found = read_around(r, hooks.payload_key, payload, scratch, document);
  if (!found.read) return false;
  const boost::json::value* unwrapped = hooks.unwrap(*document, r);
  if (!unwrapped) return rule.may_be_absent;  // else the document way reports the missing payload
  return unwrapped == found.stand_in;
}

bool read_page(const service& svc, const reply& r, const char* items_key, json::detail::value_sink items,
               boost::json::monotonic_resource& scratch, std::optional<boost::json::value>& document) {
  if (r.response.body.empty()) return false;
  const vendor_hooks& hooks = svc.hooks();
  // One level of envelope only: the vendor's, or the page's own object.
  const char* key = hooks.unwrap ? (items_key ? nullptr : hooks.payload_key) : items_key;
  if (!key) return false;
  const enveloped found = read_around(r, key, items, scratch, document);
  if (!found.read || found.payload_kind != boost::json::kind::array) return false;
  return !hooks.unwrap || hooks.unwrap(*document, r) == found.stand_in;
}

asio::awaitable<void> call_void(service_ptr svc, operation op, request_options options) {
  const reply r = co_await send(svc, std::move(op), std::move(options));
  if (r.response.body.empty() || !svc->hooks().unwrap) co_return;
  boost::json::monotonic_resource scratch;
  const boost::json::value document = parse(r, &scratch);
  svc->hooks().unwrap(document, r);  // for the failure it may report; the result is not wanted
}

}  // namespace flowsdk::rest
