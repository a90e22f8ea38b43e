#include "flowsdk/imbrace/client.hpp"

#include "client_state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace flowsdk::imbrace {

namespace detail {

void decode_error_body(const http::response& r, error_details& d) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(r.body, ec);
  if (ec || !doc.is_object()) return;
  const auto& o = doc.get_object();
  if (auto* code = o.if_contains("code"); code && code->is_string()) d.vendor_code = code->get_string();
  if (auto* message = o.if_contains("message"); message && message->is_string()) {
    d.vendor_message = message->get_string();  // Fastify
  } else if (auto* params = o.if_contains("params"); params && params->is_object()) {
    // Activepieces puts the detail in params; a message member when there is one.
    if (auto* m = params->get_object().if_contains("message"); m && m->is_string()) {
      d.vendor_message = m->get_string();
    } else if (!params->get_object().empty()) {
      d.vendor_message = boost::json::serialize(*params);
    }
  }
}

}  // namespace detail

namespace {

http::base_url service_base(const std::string& override_url, const std::string& gateway, const char* suffix) {
  if (!override_url.empty()) return http::base_url::parse(override_url);
  auto base = http::base_url::parse(gateway);
  base.path += suffix;
  return base;
}

std::shared_ptr<detail::client_state> make_state(std::shared_ptr<http::transport> transport, const client_options& o) {
  auto auth = o.credentials.headers();
  // Imbrace answers bare JSON: no envelope to unwrap.
  const rest::vendor_hooks hooks{&detail::decode_error_body, nullptr};
  return std::make_shared<detail::client_state>(
      rest::service(transport, service_base(o.workflow_engine_url, o.gateway, "/activepieces"), auth, hooks),
      rest::service(transport, service_base(o.channel_service_url, o.gateway, "/channel-service"), auth, hooks),
      o.sync_trigger_timeout);
}

}  // namespace

client::client(boost::asio::any_io_executor executor, client_options options)
    : state_(make_state(std::make_shared<http::transport>(std::move(executor), options.transport), options)) {}

client::client(std::shared_ptr<http::transport> transport, client_options options)
    : state_(make_state(std::move(transport), options)) {}

http::pool_stats client::pool_stats() const { return state_->engine.transport()->stats(); }

const std::shared_ptr<http::transport>& client::transport() const noexcept { return state_->engine.transport(); }

}  // namespace flowsdk::imbrace
