#include "flowsdk/testing/emulator_fixture.hpp"

#include <stdexcept>
#include <utility>

namespace flowsdk::testing {

emulator_fixture::emulator_fixture(emulator::server_options options)
    : options_(options), background_(std::move(options)) {}

emulator::server_options emulator_fixture::fast_options() {
  emulator::server_options o;
  o.imbrace.run_duration = std::chrono::milliseconds(50);
  o.imbrace.sync_timeout = std::chrono::milliseconds(300);
  return o;
}

std::string emulator_fixture::base_url() const { return background_.get().base_url(); }

std::string emulator_fixture::ca_pem() const { return background_.get().ca_pem(); }

imbrace::client_options emulator_fixture::imbrace_options() const {
  if (options_.imbrace.api_keys.empty()) {
    throw std::logic_error("emulator_fixture::imbrace_options: server_options::imbrace.api_keys is empty");
  }
  imbrace::client_options o;
  o.gateway = base_url();
  o.credentials = imbrace::credentials::api_key(options_.imbrace.api_keys.front());
  o.transport.tls.ca_pem = ca_pem();
  return o;
}

cloudflare::client_options emulator_fixture::cloudflare_options(std::string account_id) const {
  cloudflare::client_options o;
  o.base_url = base_url() + "/client/v4";
  o.account_id = std::move(account_id);
  const auto& cf = options_.cloudflare;
  o.credentials = cf.api_tokens.empty() ? cloudflare::credentials::api_key(cf.api_email, cf.api_key)
                                        : cloudflare::credentials::api_token(cf.api_tokens.front());
  o.transport.tls.ca_pem = ca_pem();
  return o;
}

tenex::client_options emulator_fixture::tenex_options() const {
  if (options_.tenex.api_keys.empty()) {
    throw std::logic_error("emulator_fixture::tenex_options: server_options::tenex.api_keys is empty");
  }
  tenex::client_options o;
  o.base_url = base_url() + "/api/v1/flows";
  o.credentials = tenex::credentials::api_key(options_.tenex.api_keys.front().key);
  o.transport.tls.ca_pem = ca_pem();
  return o;
}

}  // namespace flowsdk::testing
