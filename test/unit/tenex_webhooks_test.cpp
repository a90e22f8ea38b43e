#include "flowsdk/tenex/webhook_deduplicator.hpp"
#include "flowsdk/tenex/webhook_event.hpp"
#include "flowsdk/tenex/webhook_signature.hpp"

#include "flowsdk/core/error.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

using namespace flowsdk;
using namespace flowsdk::tenex;
using status = flowsdk::tenex::webhook_signature_status;

namespace {

// The vectors below were computed with the OpenSSL command line (OpenSSL 3.0.19), not by the
// code under test:
//   printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET"

// printf '%s' '{"id":"evt_3f2a",...}' (lead_body below) | openssl dgst -sha256 -hmac 'whsec_alpha_emulator'
const std::string lead_body =
    R"({"id":"evt_3f2a","type":"lead.created","company_id":"c0ffee00-0000-4000-8000-000000000001",)"
    R"("occurred_at":"2026-11-22T10:00:00Z","data":{"lead_id":"11111111-2222-4333-8444-555555555555"}})";
const std::string lead_mac = "92b6d845728c2ec5d7212bc97ddd18782f95b907fa454ab75a860f136cbd7dfc";

// printf '%s' '{"id":"evt_1","type":"flow.run.succeeded"}' | openssl dgst -sha256 -hmac 'whsec_alpha_emulator'
const std::string flow_body = R"({"id":"evt_1","type":"flow.run.succeeded"})";
const std::string flow_mac = "f1329f4c96d4afba26ea371e37968f6bf0f4ab7601b1d15ee93e11a37123b3d0";

// printf '%s' '' | openssl dgst -sha256 -hmac 'whsec_alpha_emulator'
const std::string empty_mac = "80dcde9dc82a569ca0f4fd14267ff997b31566b4cbe736294aa7831580f6f29a";

// printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -hmac 'key'
// (also the RFC 2104 example most HMAC references print)
const std::string fox_mac = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

const std::string secret = "whsec_alpha_emulator";

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST(TenexWebhooks, AcceptsSignaturesComputedByOpenSsl) {
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + lead_mac, secret), status::valid);
  EXPECT_EQ(verify_signature(flow_body, "sha256=" + flow_mac, secret), status::valid);
  EXPECT_EQ(verify_signature("", "sha256=" + empty_mac, secret), status::valid);
  EXPECT_EQ(verify_signature("The quick brown fox jumps over the lazy dog", "sha256=" + fox_mac, "key"), status::valid);
}

TEST(TenexWebhooks, AcceptsUpperCaseHexAndSurroundingBlanks) {
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + upper(lead_mac), secret), status::valid);
  EXPECT_EQ(verify_signature(lead_body, "  sha256=" + lead_mac + "\t", secret), status::valid);
}

TEST(TenexWebhooks, RejectsAOneByteChangeToTheBodyTheMacOrTheSecret) {
  std::string body = lead_body;
  body[body.find("10:00:00")] = '2';
  EXPECT_EQ(verify_signature(body, "sha256=" + lead_mac, secret), status::mismatch);
  EXPECT_EQ(verify_signature(lead_body + " ", "sha256=" + lead_mac, secret), status::mismatch);  // re-serialised
  std::string mac = lead_mac;
  mac.back() = mac.back() == '0' ? '1' : '0';
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + mac, secret), status::mismatch);
  mac = lead_mac;
  mac.front() = mac.front() == '0' ? '1' : '0';
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + mac, secret), status::mismatch);
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + lead_mac, "whsec_beta_emulator"), status::mismatch);
  EXPECT_EQ(verify_signature(flow_body, "sha256=" + lead_mac, secret), status::mismatch);  // another body's MAC
}

TEST(TenexWebhooks, TellsAMalformedHeaderFromABadSignature) {
  EXPECT_EQ(verify_signature(lead_body, lead_mac, secret), status::missing_prefix);
  EXPECT_EQ(verify_signature(lead_body, "SHA256=" + lead_mac, secret), status::missing_prefix);
  EXPECT_EQ(verify_signature(lead_body, "sha1=" + lead_mac.substr(0, 40), secret), status::missing_prefix);
  EXPECT_EQ(verify_signature(lead_body, "", secret), status::missing_prefix);
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + lead_mac.substr(0, 62), secret), status::wrong_length);
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + lead_mac + "00", secret), status::wrong_length);
  EXPECT_EQ(verify_signature(lead_body, "sha256=", secret), status::wrong_length);
  EXPECT_EQ(verify_signature(lead_body, "sha256=" + lead_mac.substr(0, 63) + "g", secret), status::not_hex);
  EXPECT_EQ(verify_signature(lead_body, "sha256= " + lead_mac, secret), status::not_hex);
  EXPECT_EQ(verify_signature(lead_body, "sha256=0x" + lead_mac.substr(2), secret), status::not_hex);
}

TEST(TenexWebhooks, RefusesAnEmptySecret) {
  // HMAC under an empty key is well defined, so a receiver whose secret failed to load would
  // otherwise accept anything a sender signs with "".
  // printf '%s' '{"id":"evt_1","type":"flow.run.succeeded"}' | openssl dgst -sha256 -hmac ''
  const std::string mac_under_empty_key = "4b4162ddbe8dbaded6ee4cbadd8a761f039881e205af4b0cf9e8e76c9280c61f";
  EXPECT_EQ(verify_signature(flow_body, "sha256=" + mac_under_empty_key, ""), status::empty_secret);
  EXPECT_EQ(verify_signature(flow_body, "sha256=" + flow_mac, ""), status::empty_secret);
  // The header's form is reported first.
  EXPECT_EQ(verify_signature(flow_body, flow_mac, ""), status::missing_prefix);
}

TEST(TenexWebhooks, FindsTheHeaderAndNamesTheWrongOne) {
  http::header_list headers = {{"content-type", "application/json"}, {"x-10ex-signature", "sha256=" + lead_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::valid);  // names are case-insensitive
  headers = {{"X-10EX-SIGNATURE", "sha256=" + lead_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::valid);

  headers = {{"content-type", "application/json"}, {"X-Tenex-Signature", "sha256=" + lead_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::wrong_header_name);
  headers = {{"content-type", "application/json"}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::missing_header);
  headers = {};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::missing_header);
  headers = {{"X-10ex-Signature", "sha256=" + lead_mac}, {"X-10ex-Signature", "sha256=" + flow_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::duplicate_header);
  // Both names: the right one is used.
  headers = {{"X-Tenex-Signature", "sha256=" + flow_mac}, {"X-10ex-Signature", "sha256=" + lead_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::valid);
  headers = {{"X-10ex-Signature", lead_mac}};
  EXPECT_EQ(verify_signature(lead_body, headers, secret), status::missing_prefix);
  EXPECT_EQ(webhook_signature_header, "X-10ex-Signature");
}

TEST(TenexWebhooks, DescriptionsNameTheProblemAndNeverTheSecretOrMac) {
  for (auto s : {status::valid, status::mismatch, status::missing_prefix, status::not_hex, status::wrong_length,
                 status::empty_secret, status::missing_header, status::wrong_header_name, status::duplicate_header}) {
    const std::string text = describe(s);
    EXPECT_FALSE(text.empty());
    EXPECT_EQ(text.find(secret), std::string::npos);
    EXPECT_EQ(text.find(lead_mac.substr(0, 8)), std::string::npos);
  }
  EXPECT_NE(std::string(describe(status::wrong_header_name)).find("X-Tenex-Signature"), std::string::npos);
  EXPECT_NE(std::string(describe(status::missing_prefix)).find("sha256="), std::string::npos);
}

TEST(TenexWebhooks, ParsesTheEnvelope) {
  const auto e = parse_webhook_event(lead_body);
  EXPECT_EQ(e.id, "evt_3f2a");
  EXPECT_EQ(e.type, webhook_event_type::lead_created);
  EXPECT_TRUE(e.type.is_known());
  EXPECT_EQ(e.company_id, "c0ffee00-0000-4000-8000-000000000001");
  EXPECT_EQ(e.occurred_at, "2026-11-22T10:00:00Z");
  ASSERT_TRUE(e.data.is_object());
  EXPECT_EQ(e.data.at("lead_id"), "11111111-2222-4333-8444-555555555555");
  EXPECT_TRUE(e.extra.empty());
}

TEST(TenexWebhooks, KeepsUnknownTypesAndKeysAndAnyData) {
  const auto e = parse_webhook_event(
      R"({"id":"evt_9","type":"flow.run.paused","company_id":"c","occurred_at":"2026-11-22T10:00:00.5Z",)"
      R"("data":[1,2],"attempt":3})");
  EXPECT_EQ(e.type.value(), "flow.run.paused");
  EXPECT_FALSE(e.type.is_known());
  EXPECT_TRUE(e.data.is_array());
  EXPECT_EQ(e.extra.at("attempt"), 3);
  const auto f = parse_webhook_event(R"({"id":"evt_2","type":"flow.run.failed","data":null})");
  EXPECT_EQ(f.type, webhook_event_type::flow_run_failed);
  EXPECT_TRUE(f.data.is_null());
  EXPECT_TRUE(f.company_id.empty());
}

TEST(TenexWebhooks, KnowsTheDocumentedAndFlowRunTypes) {
  const char* names[] = {
      "lead.created",        "lead.updated",           "agent.run.started",         "agent.run.completed",
      "sequence.email.sent", "sequence.email.replied", "connector.oauth.completed", "flow.run.started",
      "flow.run.succeeded",  "flow.run.failed",        "flow.run.cancelled"};
  for (const char* n : names) EXPECT_TRUE(webhook_event_type(n).is_known()) << n;
  EXPECT_EQ(webhook_event_type::flow_run_cancelled.value(), "flow.run.cancelled");
  EXPECT_EQ(webhook_event_type::connector_oauth_completed.value(), "connector.oauth.completed");
  EXPECT_FALSE(webhook_event_type("lead.deleted").is_known());
}

TEST(TenexWebhooks, ABodyThatIsNotAnEventIsADecodeError) {
  auto code_and_cause = [](std::string_view body) -> std::pair<std::error_code, std::string> {
    try {
      parse_webhook_event(body);
    } catch (const error& e) {
      return {e.code(), e.details().cause};
    }
    return {};
  };
  for (std::string_view body :
       {R"(not json)", R"([1,2])", R"("evt")", R"({"id":"evt_1"})", R"({"type":"lead.created"})",
        R"({"id":7,"type":"lead.created"})", R"({"id":"evt_1","type":["lead.created"]})",
        R"({"id":"evt_1","type":"lead.created","company_id":{}})", ""}) {
    const auto [code, cause] = code_and_cause(body);
    EXPECT_EQ(code, errc::decode_error) << body;
    EXPECT_NE(cause.find("webhook event"), std::string::npos) << body;
  }
  EXPECT_NE(code_and_cause(R"({"id":7,"type":"lead.created"})").second.find("id"), std::string::npos);
}

TEST(TenexWebhooks, DeduplicatorReportsEachIdOnce) {
  webhook_deduplicator d(3);
  EXPECT_EQ(d.capacity(), 3u);
  EXPECT_TRUE(d.first_delivery("evt_a"));
  EXPECT_FALSE(d.first_delivery("evt_a"));  // a retried delivery
  EXPECT_TRUE(d.first_delivery("evt_b"));
  EXPECT_FALSE(d.first_delivery("evt_a"));
  EXPECT_FALSE(d.first_delivery("evt_b"));
  EXPECT_EQ(d.size(), 2u);
}

TEST(TenexWebhooks, DeduplicatorForgetsTheOldestBeyondItsCapacity) {
  webhook_deduplicator d(3);
  for (const char* id : {"evt_1", "evt_2", "evt_3"}) EXPECT_TRUE(d.first_delivery(id));
  EXPECT_TRUE(d.first_delivery("evt_4"));  // evicts evt_1
  EXPECT_EQ(d.size(), 3u);
  EXPECT_FALSE(d.first_delivery("evt_2"));
  EXPECT_FALSE(d.first_delivery("evt_3"));
  EXPECT_FALSE(d.first_delivery("evt_4"));
  EXPECT_TRUE(d.first_delivery("evt_1"));  // forgotten: counts as new again, and evicts evt_2
  EXPECT_TRUE(d.first_delivery("evt_2"));
  EXPECT_EQ(d.size(), 3u);
  EXPECT_THROW(webhook_deduplicator(0), error);
}

TEST(TenexWebhooks, DeduplicatorForgetLetsTheNextDeliveryThrough) {
  webhook_deduplicator d(2);
  EXPECT_TRUE(d.first_delivery("evt_1"));
  d.forget("evt_1");  // handling failed; the receiver answers 500 and 10ex delivers again
  EXPECT_EQ(d.size(), 0u);
  EXPECT_TRUE(d.first_delivery("evt_1"));
  EXPECT_FALSE(d.first_delivery("evt_1"));
  // The stale arrival of the first evt_1 is evicted without dropping the current one.
  EXPECT_TRUE(d.first_delivery("evt_2"));
  EXPECT_FALSE(d.first_delivery("evt_1"));
  EXPECT_LE(d.size(), 2u);
  d.forget("evt_unknown");  // harmless
}

TEST(TenexWebhooks, DeduplicatorIsThreadSafe) {
  // Four threads deliver the same 500 ids: each id is reported first exactly once.
  webhook_deduplicator d(1000);
  std::atomic<int> firsts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (d.first_delivery("evt_" + std::to_string(i))) ++firsts;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(firsts.load(), 500);
  EXPECT_EQ(d.size(), 500u);
}
