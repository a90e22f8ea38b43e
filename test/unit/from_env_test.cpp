// client_options::from_env of every vendor (docs/configuration.md): what each variable sets,
// both Cloudflare credential forms, and a missing or malformed variable named in an
// errc::invalid_argument that never shows a secret.
#include "flowsdk/cloudflare/client_options.hpp"
#include "flowsdk/imbrace/client_options.hpp"
#include "flowsdk/tenex/client_options.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/invalid_argument.hpp"
#include "support/scoped_env.hpp"
#include "support/tenex_unit.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>

using flowsdk::errc;
namespace im = flowsdk::imbrace;
namespace cf = flowsdk::cloudflare;
namespace tenex = flowsdk::tenex;

namespace {

// Every variable from_env reads, unset for each test and put back afterwards.
class FromEnv : public ::testing::Test {
 protected:
  flowsdk::test::scoped_env environment{"IMBRACE_API_KEY",
                                        "IMBRACE_ACCESS_TOKEN",
                                        "IMBRACE_ORGANIZATION_ID",
                                        "IMBRACE_GATEWAY_URL",
                                        "CLOUDFLARE_API_TOKEN",
                                        "CLOUDFLARE_API_KEY",
                                        "CLOUDFLARE_EMAIL",
                                        "CLOUDFLARE_ACCOUNT_ID",
                                        "CLOUDFLARE_BASE_URL",
                                        "TENEX_API_KEY",
                                        "TENEX_API_BASE",
                                        "FLOWSDK_CA_FILE",
                                        "https_proxy",
                                        "HTTPS_PROXY",
                                        "http_proxy",
                                        "HTTP_PROXY",
                                        "no_proxy",
                                        "NO_PROXY"};

  static void set(const char* name, const char* value) { ::setenv(name, value, 1); }

  // Runs `f`, expects invalid_argument, returns its message.
  template <class F>
  static std::string invalid(F f) {
    return flowsdk::test::invalid_argument_message(f);
  }

  static bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
};

// The value of header `name`, in any case.
std::optional<std::string> header(const flowsdk::http::header_list& headers, const std::string& name) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const auto& [k, v] : headers) {
    if (lower(k) == lower(name)) return v;
  }
  return std::nullopt;
}

TEST_F(FromEnv, ImbraceTakesTheApiKeyGatewayAndCaFile) {
  set("IMBRACE_API_KEY", "api_from_env");
  set("IMBRACE_GATEWAY_URL", "https://127.0.0.1:8443");
  set("FLOWSDK_CA_FILE", "/tmp/ca.pem");
  im::client_options o = im::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "x-api-key"), "api_from_env");
  EXPECT_EQ(o.gateway, "https://127.0.0.1:8443");
  EXPECT_EQ(o.transport.tls.ca_file, "/tmp/ca.pem");
}

TEST_F(FromEnv, ImbraceDefaultsWhereNothingIsSet) {
  set("IMBRACE_API_KEY", "api_from_env");
  im::client_options o = im::client_options::from_env();
  EXPECT_EQ(o.gateway, im::stable_gateway);
  EXPECT_EQ(o.transport.tls.ca_file, "");
}

TEST_F(FromEnv, ImbraceTakesAnAccessTokenWithItsOrganization) {
  set("IMBRACE_ACCESS_TOKEN", "acc_from_env");
  set("IMBRACE_ORGANIZATION_ID", "org_1");
  im::client_options o = im::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "x-access-token"), "acc_from_env");
  EXPECT_EQ(header(o.credentials.headers(), "x-organization-id"), "org_1");
}

TEST_F(FromEnv, ImbracePrefersTheApiKey) {
  set("IMBRACE_API_KEY", "api_from_env");
  set("IMBRACE_ACCESS_TOKEN", "acc_from_env");
  im::client_options o = im::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "x-api-key"), "api_from_env");
  EXPECT_FALSE(header(o.credentials.headers(), "x-access-token"));
}

TEST_F(FromEnv, ImbraceNamesTheMissingCredential) {
  set("IMBRACE_API_KEY", "");  // empty counts as unset
  const std::string m = invalid([] { im::client_options::from_env(); });
  EXPECT_TRUE(has(m, "IMBRACE_API_KEY is not set")) << m;
  EXPECT_TRUE(has(m, "IMBRACE_ACCESS_TOKEN")) << m;
}

TEST_F(FromEnv, ImbraceNamesAGatewayThatIsNoUrl) {
  set("IMBRACE_API_KEY", "api_secret_value");
  set("IMBRACE_GATEWAY_URL", "gateway.example.com");
  const std::string m = invalid([] { im::client_options::from_env(); });
  EXPECT_TRUE(has(m, "IMBRACE_GATEWAY_URL")) << m;
  EXPECT_FALSE(has(m, "api_secret_value")) << m;
}

TEST_F(FromEnv, CloudflareTakesAnApiToken) {
  set("CLOUDFLARE_API_TOKEN", "cf_token_value");
  set("CLOUDFLARE_ACCOUNT_ID", "acc_1");
  set("CLOUDFLARE_BASE_URL", "https://127.0.0.1:8443/client/v4");
  set("FLOWSDK_CA_FILE", "/tmp/ca.pem");
  cf::client_options o = cf::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "Authorization"), "Bearer cf_token_value");
  EXPECT_EQ(o.account_id, "acc_1");
  EXPECT_EQ(o.base_url, "https://127.0.0.1:8443/client/v4");
  EXPECT_EQ(o.transport.tls.ca_file, "/tmp/ca.pem");
  // The rest keeps Cloudflare's defaults.
  EXPECT_EQ(o.transport.timeouts.attempt, cf::client_options::default_transport().timeouts.attempt);
}

TEST_F(FromEnv, CloudflareTakesAGlobalKeyWithItsEmail) {
  set("CLOUDFLARE_API_KEY", "cf_key_value");
  set("CLOUDFLARE_EMAIL", "me@example.com");
  set("CLOUDFLARE_ACCOUNT_ID", "acc_1");
  cf::client_options o = cf::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "X-Auth-Key"), "cf_key_value");
  EXPECT_EQ(header(o.credentials.headers(), "X-Auth-Email"), "me@example.com");
  EXPECT_EQ(o.base_url, cf::default_base_url);
}

TEST_F(FromEnv, CloudflarePrefersTheToken) {
  set("CLOUDFLARE_API_TOKEN", "cf_token_value");
  set("CLOUDFLARE_API_KEY", "cf_key_value");
  set("CLOUDFLARE_EMAIL", "me@example.com");
  set("CLOUDFLARE_ACCOUNT_ID", "acc_1");
  cf::client_options o = cf::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "Authorization"), "Bearer cf_token_value");
  EXPECT_FALSE(header(o.credentials.headers(), "X-Auth-Key"));
}

TEST_F(FromEnv, CloudflareNamesEveryMissingVariable) {
  const std::string m = invalid([] { cf::client_options::from_env(); });
  EXPECT_TRUE(has(m, "CLOUDFLARE_API_TOKEN is not set")) << m;
  EXPECT_TRUE(has(m, "CLOUDFLARE_ACCOUNT_ID is not set")) << m;
}

TEST_F(FromEnv, CloudflareNamesTheHalfOfAKeyPairThatIsMissing) {
  set("CLOUDFLARE_API_KEY", "cf_key_value");
  set("CLOUDFLARE_ACCOUNT_ID", "acc_1");
  std::string m = invalid([] { cf::client_options::from_env(); });
  EXPECT_TRUE(has(m, "CLOUDFLARE_EMAIL is not set")) << m;
  EXPECT_FALSE(has(m, "cf_key_value")) << m;
  EXPECT_FALSE(has(m, "CLOUDFLARE_ACCOUNT_ID")) << m;

  ::unsetenv("CLOUDFLARE_API_KEY");
  set("CLOUDFLARE_EMAIL", "me@example.com");
  m = invalid([] { cf::client_options::from_env(); });
  EXPECT_TRUE(has(m, "CLOUDFLARE_API_KEY is not set")) << m;
}

TEST_F(FromEnv, TenexTakesTheKeyAndBase) {
  set("TENEX_API_KEY", "tnx_env_secret");
  set("TENEX_API_BASE", "https://127.0.0.1:8443/api/v1/flows");
  set("FLOWSDK_CA_FILE", "/tmp/ca.pem");
  tenex::client_options o = tenex::client_options::from_env();
  EXPECT_EQ(header(o.credentials.headers(), "Authorization"), "Bearer tnx_env_secret");
  EXPECT_EQ(o.base_url, "https://127.0.0.1:8443/api/v1/flows");
  EXPECT_EQ(o.transport.tls.ca_file, "/tmp/ca.pem");
  EXPECT_EQ(o.transport.retry.max_retries, tenex::client_options::default_transport().retry.max_retries);
}

TEST_F(FromEnv, TenexNamesTheMissingOrMalformedKey) {
  std::string m = invalid([] { tenex::client_options::from_env(); });
  EXPECT_TRUE(has(m, "TENEX_API_KEY is not set")) << m;

  set("TENEX_API_KEY", "sk_pasted_from_elsewhere");
  m = invalid([] { tenex::client_options::from_env(); });
  EXPECT_TRUE(has(m, "TENEX_API_KEY")) << m;
  EXPECT_TRUE(has(m, "tnx_")) << m;
  EXPECT_FALSE(has(m, "sk_pasted_from_elsewhere")) << m;
}

TEST_F(FromEnv, TenexOptionsMakeAClient) {
  set("TENEX_API_KEY", "tnx_env_secret");
  tenex::client_options o = tenex::client_options::from_env();
  EXPECT_EQ(o.base_url, tenex::default_base_url);
  EXPECT_NO_THROW(flowsdk::test::tenex_client_over(std::make_shared<flowsdk::testing::fake_network>(), o));
}

}  // namespace
