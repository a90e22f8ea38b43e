#include "flowsdk/tenex/webhook_deduplicator.hpp"
#include "flowsdk/tenex/webhook_event.hpp"
#include "flowsdk/tenex/webhook_signature.hpp"

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/json.hpp"

#include <boost/json/parse.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdint>

namespace flowsdk::tenex {

// ---- signatures ------------------------------------------------------------------------------

namespace {

constexpr std::string_view signature_prefix = "sha256=";
constexpr std::size_t mac_size = 32;  // SHA-256
// The name the guide warns about (https://docs.10ex.ai/guides/developers/webhooks).
constexpr std::string_view misspelt_header = "X-Tenex-Signature";

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const char* describe(webhook_signature_status s) noexcept {
  switch (s) {
    case webhook_signature_status::valid:
      return "the signature is valid";
    case webhook_signature_status::mismatch:
      return "the signature does not match the body under this secret";
    case webhook_signature_status::missing_prefix:
      return "the signature does not start with \"sha256=\"";
    case webhook_signature_status::not_hex:
      return "the signature after \"sha256=\" is not hexadecimal";
    case webhook_signature_status::wrong_length:
      return "the signature after \"sha256=\" is not 64 hex digits (a SHA-256 MAC)";
    case webhook_signature_status::empty_secret:
      return "the webhook secret is empty";
    case webhook_signature_status::missing_header:
      return "the request has no X-10ex-Signature header";
    case webhook_signature_status::wrong_header_name:
      return "the request has no X-10ex-Signature header, only X-Tenex-Signature: 10ex signs with X-10ex-Signature";
    case webhook_signature_status::duplicate_header:
      return "the request has more than one X-10ex-Signature header";
  }
  return "unknown signature status";
}

webhook_signature_status verify_signature(std::string_view raw_body, std::string_view signature_header_value,
                                          std::string_view secret) noexcept {
  std::string_view value = trim_blanks(signature_header_value);
  if (value.substr(0, signature_prefix.size()) != signature_prefix) return webhook_signature_status::missing_prefix;
  value.remove_prefix(signature_prefix.size());
  for (char c : value) {
    if (hex_value(c) < 0) return webhook_signature_status::not_hex;
  }
  if (value.size() != 2 * mac_size) return webhook_signature_status::wrong_length;
  // Checked after the header's form, so that a malformed header is reported as such whatever
  // the receiver's configuration.
  if (secret.empty()) return webhook_signature_status::empty_secret;

  std::array<unsigned char, mac_size> claimed{};
  for (std::size_t i = 0; i < mac_size; ++i)
    claimed[i] = static_cast<unsigned char>(hex_value(value[2 * i]) * 16 + hex_value(value[2 * i + 1]));

  std::array<unsigned char, EVP_MAX_MD_SIZE> computed{};
  unsigned int computed_size = 0;
  static const unsigned char no_bytes = 0;  // HMAC() wants a pointer even for an empty body
  const auto* body = raw_body.empty() ? &no_bytes : reinterpret_cast<const unsigned char*>(raw_body.data());
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), body, raw_body.size(), computed.data(),
            &computed_size) ||
      computed_size != mac_size) {
    return webhook_signature_status::mismatch;  // OpenSSL failed: nothing is proven authentic
  }
  // Constant time: how many leading bytes match must not show in the time taken.
  return CRYPTO_memcmp(claimed.data(), computed.data(), mac_size) == 0 ? webhook_signature_status::valid
                                                                       : webhook_signature_status::mismatch;
}

webhook_signature_status verify_signature(std::string_view raw_body, const http::header_list& headers,
                                          std::string_view secret) noexcept {
  const std::string* value = nullptr;
  bool misspelt = false;
  for (const auto& [name, v] : headers) {
    if (iequals(name, webhook_signature_header)) {
      if (value) return webhook_signature_status::duplicate_header;
      value = &v;
    } else if (iequals(name, misspelt_header)) {
      misspelt = true;
    }
  }
  if (!value) return misspelt ? webhook_signature_status::wrong_header_name : webhook_signature_status::missing_header;
  return verify_signature(raw_body, *value, secret);
}

// ---- events ----------------------------------------------------------------------------------

bool webhook_event_type::is_known() const noexcept {
  for (const auto* t : {&lead_created, &lead_updated, &agent_run_started, &agent_run_completed, &sequence_email_sent,
                        &sequence_email_replied, &connector_oauth_completed, &flow_run_started, &flow_run_succeeded,
                        &flow_run_failed, &flow_run_cancelled}) {
    if (*this == *t) return true;
  }
  return false;
}

namespace {

[[noreturn]] void throw_event_decode_error(std::string why) {
  error_details d;
  d.cause = "webhook event: " + std::move(why);
  throw error(errc::decode_error, std::move(d));
}

}  // namespace

webhook_event parse_webhook_event(std::string_view raw_body) {
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(raw_body, ec);
  if (ec) throw_event_decode_error("the body is not JSON: " + ec.message());
  if (!doc.is_object()) throw_event_decode_error("the body is not a JSON object");
  webhook_event event;
  try {
    json::decode(doc, event);
  } catch (const json::decode_exception& e) {
    throw_event_decode_error(e.what());
  }
  if (event.id.empty()) throw_event_decode_error("it has no \"id\"");
  if (event.type.empty()) throw_event_decode_error("it has no \"type\"");
  return event;
}

// ---- de-duplication --------------------------------------------------------------------------

webhook_deduplicator::webhook_deduplicator(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw_invalid_argument("a webhook_deduplicator needs a capacity of at least 1");
}

bool webhook_deduplicator::first_delivery(std::string_view event_id) {
  std::lock_guard lock(mutex_);
  const auto [it, added] = seen_.try_emplace(std::string(event_id), next_ticket_);
  if (!added) return false;
  arrivals_.emplace_back(it->first, next_ticket_++);
  while (arrivals_.size() > capacity_) {
    // An entry left by forget(), or by an id added again since, is not the id's current one.
    const auto& [id, ticket] = arrivals_.front();
    const auto current = seen_.find(id);
    if (current != seen_.end() && current->second == ticket) seen_.erase(current);
    arrivals_.pop_front();
  }
  return true;
}

void webhook_deduplicator::forget(std::string_view event_id) {
  std::lock_guard lock(mutex_);
  const auto it = seen_.find(std::string(event_id));
  if (it != seen_.end()) seen_.erase(it);
}

std::size_t webhook_deduplicator::size() const {
  std::lock_guard lock(mutex_);
  return seen_.size();
}

}  // namespace flowsdk::tenex
