#include "flowsdk/cloudflare/client.hpp"

#include "client_state.hpp"

namespace flowsdk::cloudflare {

credentials credentials::api_token(std::string token) {
  if (token.empty()) throw_invalid_argument("the API token is empty");
  return credentials(mode::token, std::move(token), {});
}

credentials credentials::api_key(std::string email, std::string key) {
  if (email.empty() || key.empty()) throw_invalid_argument("an API key needs both the account email and the key");
  return credentials(mode::key, std::move(key), std::move(email));
}

http::header_list credentials::headers() const {
  http::header_list h;
  switch (mode_) {
    case mode::none:
      break;
    case mode::token:
      h.emplace_back("authorization", "Bearer " + secret_);
      break;
    case mode::key:
      // Always the pair: either header alone is rejected.
      h.emplace_back("x-auth-email", email_);
      h.emplace_back("x-auth-key", secret_);
      break;
  }
  return h;
}

std::string credentials::describe() const {
  switch (mode_) {
    case mode::none:
      return "no credentials";
    case mode::token:
      return "API token (Authorization: Bearer)";
    case mode::key:
      return "API key (X-Auth-Email, X-Auth-Key)";
  }
  return "unknown";
}

namespace {
std::shared_ptr<detail::client_state> make_state(std::shared_ptr<http::transport> transport, const client_options& o) {
  if (o.account_id.empty()) throw_invalid_argument("client_options::account_id must not be empty");
  http::header_list headers = o.credentials.headers();
  headers.emplace_back("accept", "application/json");
  return std::make_shared<detail::client_state>(detail::client_state{
      rest::service(std::move(transport), http::base_url::parse(o.base_url), std::move(headers),
                    rest::vendor_hooks{&detail::decode_error_body, &detail::unwrap_envelope, "result"}),
      o.account_id, o.params_as_string});
}
}  // namespace

client::client(boost::asio::any_io_executor executor, client_options options)
    : state_(make_state(std::make_shared<http::transport>(std::move(executor), options.transport), options)) {}

client::client(std::shared_ptr<http::transport> transport, client_options options)
    : state_(make_state(std::move(transport), options)) {}

http::pool_stats client::pool_stats() const { return state_->api.transport()->stats(); }

// ---- small model and parameter helpers ----------------------------------------------------------

bool instance_status::is_terminal() const noexcept {
  return *this == complete || *this == errored || *this == terminated;
}

status_change status_change::pause() { return status_change(boost::json::object{{"status", "pause"}}, true); }

status_change status_change::resume() { return status_change(boost::json::object{{"status", "resume"}}, true); }

status_change status_change::terminate(bool rollback) {
  boost::json::object o{{"status", "terminate"}};
  if (rollback) o.emplace("rollback", true);
  return status_change(std::move(o), false);
}

status_change status_change::restart() { return status_change(boost::json::object{{"status", "restart"}}, false); }

status_change status_change::restart_from(std::string step_name, std::optional<int> count,
                                          std::optional<std::string> step_type) {
  if (step_name.empty()) throw_invalid_argument("restart_from needs a step name");
  if (count && *count < 1) throw_invalid_argument("restart_from: count must be at least 1");
  boost::json::object from{{"name", std::move(step_name)}};
  if (count) from.emplace("count", *count);
  if (step_type) from.emplace("type", std::move(*step_type));
  return status_change(boost::json::object{{"status", "restart"}, {"from", std::move(from)}}, false);
}

}  // namespace flowsdk::cloudflare
