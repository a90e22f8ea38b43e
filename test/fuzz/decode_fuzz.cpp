// Fuzz target: every model the SDK decodes from a server reply, through the decode path the
// vendor calls use (src/rest/call.hpp, src/rest/pages.hpp: parse, the vendor's envelope hook, the
// payload rule or page scheme, then flowsdk::json::decode in include/flowsdk/core/json.hpp).
// Input: one byte choosing the decoder (see `decoders` below: each Imbrace and Cloudflare call
// and list that decodes a reply), then the body of a 200 response.
//
// Invariants:
//  1. A decode returns a model or throws flowsdk::error: errc::decode_error (the body is not the
//     JSON the call documents), or, for Cloudflare, errc::api_failure (a `success: false`
//     envelope). Never another exception: json::decode_exception in particular must not escape.
//  2. Such an error names the call (method, target, status 200) and, for api_failure, its first
//     vendor error is the one in vendor_code and vendor_message.
//  3. Decoding is a fixed point after one round: encode(decode(encode(m))) == encode(m) for the
//     decoded model m (unknown keys kept in `extra` survive; nothing is lost or invented). Checked
//     on JSON values, not text: Boost.JSON 1.81 reads some serialized doubles back 1 ulp off
//     (5.555555555555556E121), which is its parser's precision, not the models' mapping.

#include "fuzz_check.hpp"

#include "cloudflare/client_state.hpp"
#include "cloudflare/requests.hpp"
#include "imbrace/client_state.hpp"
#include "imbrace/requests.hpp"
#include "rest/call.hpp"
#include "rest/pages.hpp"

#include "flowsdk/cloudflare/models.hpp"
#include "flowsdk/core/error.hpp"
#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models.hpp"

#include <boost/json/serialize.hpp>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace {

namespace rest = flowsdk::rest;
namespace im = flowsdk::imbrace;
namespace cf = flowsdk::cloudflare;
using flowsdk::errc;

// The services as the clients build them (src/imbrace/client.cpp, src/cloudflare/client.cpp),
// with their hooks; no transport, as nothing is sent.
const rest::service& imbrace_engine() {
  static const rest::service s(nullptr, flowsdk::http::base_url::parse("https://gateway.example.com/activepieces"), {},
                               rest::vendor_hooks{&im::detail::decode_error_body, nullptr});
  return s;
}
const rest::service& cloudflare_api() {
  static const rest::service s(nullptr, flowsdk::http::base_url::parse("https://api.cloudflare.com/client/v4"), {},
                               rest::vendor_hooks{&cf::detail::decode_error_body, &cf::detail::unwrap_envelope});
  return s;
}

template <class T>
void check_fixed_point(const T& model) {
  const boost::json::value once = flowsdk::json::encode(model);
  T again{};
  try {
    again = flowsdk::json::decode_as<T>(once);
  } catch (const flowsdk::json::decode_exception& e) {
    std::fprintf(stderr, "an encoded model does not decode: %s\n%s\n", e.what(), boost::json::serialize(once).c_str());
    FUZZ_CHECK(!"encode(model) decodes");
  }
  FUZZ_CHECK(flowsdk::json::encode(again) == once);
}

// One call: rest::call<T> with its payload rule.
template <class T>
void call(const rest::service& svc, const rest::reply& r, rest::payload_rule rule = {}) {
  check_fixed_point(rest::decode<T>(svc, r, rule));
}

// One page of a list: rest::paginate<T> with its page scheme.
template <class T>
void page(const rest::service& svc, const rest::reply& r, const rest::page_scheme& scheme) {
  const auto p = rest::decode_page<T>(svc, r, scheme, std::nullopt);
  check_fixed_point(p.items);
}

struct decoder {
  const char* name;
  bool cloudflare;
  void (*run)(const rest::reply&);
};

#define IMBRACE_CALL(T, ...)                                                                                    \
  {                                                                                                             \
    "imbrace " #T, false, [](const rest::reply& r) { call<T>(imbrace_engine(), r __VA_OPT__(, ) __VA_ARGS__); } \
  }
#define IMBRACE_PAGE(T)                                                                                             \
  {                                                                                                                 \
    "imbrace page of " #T, false, [](const rest::reply& r) { page<T>(imbrace_engine(), r, im::detail::seek_page); } \
  }
#define CLOUDFLARE_CALL(T, ...)                                                                                   \
  {                                                                                                               \
    "cloudflare " #T, true, [](const rest::reply& r) { call<T>(cloudflare_api(), r __VA_OPT__(, ) __VA_ARGS__); } \
  }
#define CLOUDFLARE_PAGE(T, scheme)                                                     \
  {                                                                                    \
    "cloudflare " #scheme " page of " #T, true,                                        \
        [](const rest::reply& r) { page<T>(cloudflare_api(), r, cf::detail::scheme); } \
  }

// Each reply the SDK decodes (src/imbrace/*.cpp, src/cloudflare/resources.cpp). Appending keeps
// the seed corpus valid: its first byte indexes this table.
const decoder decoders[] = {
    IMBRACE_CALL(im::flow),
    IMBRACE_PAGE(im::flow),
    IMBRACE_CALL(im::flow_run),
    IMBRACE_PAGE(im::flow_run),
    IMBRACE_CALL(im::project),
    IMBRACE_CALL(im::app_connection),
    IMBRACE_PAGE(im::app_connection),
    IMBRACE_CALL(std::vector<im::piece_summary>, im::detail::bare_or_wrapped_list),
    IMBRACE_CALL(im::piece),
    IMBRACE_CALL(im::trigger_run_status),
    IMBRACE_CALL(boost::json::value),
    IMBRACE_CALL(im::table),
    IMBRACE_PAGE(im::table),
    IMBRACE_CALL(std::vector<im::field>, im::detail::bare_or_wrapped_list),
    IMBRACE_CALL(im::field),
    IMBRACE_CALL(im::record),
    IMBRACE_PAGE(im::record),
    IMBRACE_CALL(std::vector<im::record>),
    IMBRACE_CALL(im::mcp_server),
    IMBRACE_PAGE(im::mcp_server),
    IMBRACE_PAGE(im::user_invitation),
    IMBRACE_CALL(std::vector<im::channel_automation>, im::detail::bare_or_wrapped_list),
    IMBRACE_CALL(im::folder),
    IMBRACE_PAGE(im::folder),
    // trigger_flow keeps the parsed body as it is (src/imbrace/workflows.cpp).
    {"imbrace webhook body", false, [](const rest::reply& r) { (void)rest::parse(r); }},
    CLOUDFLARE_CALL(cf::instance_created),
    CLOUDFLARE_CALL(std::vector<cf::instance_created>),
    CLOUDFLARE_CALL(cf::instance_details),
    CLOUDFLARE_CALL(cf::step_output),
    CLOUDFLARE_CALL(cf::workflow),
    CLOUDFLARE_PAGE(cf::workflow, page_numbers),
    CLOUDFLARE_CALL(cf::workflow_put_result),
    CLOUDFLARE_CALL(cf::workflow_settings),
    CLOUDFLARE_PAGE(cf::instance_summary, page_numbers),
    CLOUDFLARE_PAGE(cf::instance_summary, cursors),
    CLOUDFLARE_CALL(cf::status_change_result),
    CLOUDFLARE_CALL(cf::instance_ack),
    CLOUDFLARE_CALL(cf::instance_ack, cf::detail::result_may_be_absent),
    CLOUDFLARE_CALL(cf::batch_delete_result),
    CLOUDFLARE_CALL(cf::batch_terminate_result),
    CLOUDFLARE_CALL(cf::terminate_job_status),
    CLOUDFLARE_CALL(cf::version),
    CLOUDFLARE_PAGE(cf::version, page_numbers),
    CLOUDFLARE_CALL(cf::version_graph),
    CLOUDFLARE_CALL(cf::version_dag),
};

void check_error(const flowsdk::error& e, const decoder& d) {
  FUZZ_CHECK(e.code() == errc::decode_error || (d.cloudflare && e.code() == errc::api_failure));
  const auto& details = e.details();
  FUZZ_CHECK(details.method == "GET" && details.target == "/fuzz" && details.http_status == 200);
  if (e.code() == errc::api_failure && !details.vendor_errors.empty()) {
    FUZZ_CHECK(details.vendor_code == details.vendor_errors.front().code);
    FUZZ_CHECK(details.vendor_message == details.vendor_errors.front().message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const decoder& d = decoders[data[0] % std::size(decoders)];
  rest::reply r;
  r.response.status = 200;
  r.response.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  r.method = "GET";
  r.target = "/fuzz";
  try {
    d.run(r);
  } catch (const flowsdk::error& e) {
    check_error(e, d);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: threw a %s: %s\n", d.name, typeid(e).name(), e.what());
    FUZZ_CHECK(!"only flowsdk::error escapes a decode");
  }
  return 0;
}
