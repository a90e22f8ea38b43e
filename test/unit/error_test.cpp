#include "flowsdk/core/error.hpp"
#include "flowsdk/imbrace/credentials.hpp"

#include <gtest/gtest.h>

using namespace flowsdk;

TEST(Error, StatusesMapToCodes) {
  EXPECT_EQ(errc_from_status(400), errc::bad_request);
  EXPECT_EQ(errc_from_status(401), errc::unauthorized);
  EXPECT_EQ(errc_from_status(404), errc::not_found);
  EXPECT_EQ(errc_from_status(410), errc::gone);
  EXPECT_EQ(errc_from_status(418), errc::client_error);
  EXPECT_EQ(errc_from_status(429), errc::rate_limited);
  EXPECT_EQ(errc_from_status(503), errc::server_error);
  EXPECT_EQ(errc_from_status(302), errc::unexpected_status);
}

TEST(Error, MessageCarriesWhatAPersonNeeds) {
  error_details d;
  d.method = "GET";
  d.target = "/activepieces/v1/flows/abc";
  d.http_status = 404;
  d.vendor_code = "ENTITY_NOT_FOUND";
  d.vendor_message = "flow abc not found";
  d.request_id = "req-1";
  d.attempts = 3;
  d.body = std::string(5000, 'x');
  error e(errc::not_found, d);
  EXPECT_STREQ(e.what(),
               "GET /activepieces/v1/flows/abc: 404 not found (ENTITY_NOT_FOUND: flow abc not found) "
               "[request id req-1] after 3 attempts");
  EXPECT_EQ(e.code(), errc::not_found);
  EXPECT_EQ(e.code().category().name(), std::string("flowsdk"));
  EXPECT_EQ(e.details().body.size(), error_details::body_excerpt_limit);
  EXPECT_EQ(e.http_status(), 404u);
  const std::system_error& base = e;  // one family, catchable as std::system_error
  EXPECT_EQ(base.code(), errc::not_found);
}

TEST(Credentials, EachModeSendsItsHeadersAndDescribesItselfWithoutTheSecret) {
  using flowsdk::imbrace::credentials;
  auto key = credentials::api_key("api_secret");
  ASSERT_EQ(key.headers().size(), 1u);
  EXPECT_EQ(key.headers()[0].first, "x-api-key");
  EXPECT_EQ(key.describe().find("api_secret"), std::string::npos);

  auto jwt = credentials::jwt("eyJa.eyJb.sig", "org_1");
  ASSERT_EQ(jwt.headers().size(), 2u);
  EXPECT_EQ(jwt.headers()[0].second, "Bearer eyJa.eyJb.sig");
  EXPECT_EQ(jwt.headers()[1], std::make_pair(std::string("x-organization-id"), std::string("org_1")));

  auto token = credentials::access_token("acc_1");
  ASSERT_EQ(token.headers().size(), 1u);
  EXPECT_EQ(token.headers()[0].first, "x-access-token");
  EXPECT_EQ(credentials::access_token("acc_1", "org").headers().size(), 2u);
  EXPECT_TRUE(credentials().headers().empty());
}

TEST(Credentials, MalformedInputIsRejected) {
  using flowsdk::imbrace::credentials;
  EXPECT_THROW(credentials::jwt("acc_not_a_jwt", "org"), error);
  EXPECT_THROW(credentials::jwt("eyJa.eyJb.sig", ""), error);
  EXPECT_THROW(credentials::api_key(""), error);
  EXPECT_THROW(credentials::access_token(""), error);
  try {
    credentials::jwt("eyJsecret-without-dots", "org");
  } catch (const error& e) {
    EXPECT_EQ(std::string(e.what()).find("eyJsecret"), std::string::npos);
  }
}

TEST(Error, TheBodyExcerptNeverCarriesCredentials) {
  error_details d;
  d.body = R"({"id":"m3","token" : "tok_live_123","tools":[],"value":{"type":"SECRET_TEXT","secret_text":"s3cr\"et"},)"
           R"("access_token":"at","note":"token","apiKey":"k"})";
  error e(errc::decode_error, d);
  EXPECT_EQ(e.details().body,
            R"({"id":"m3","token" : "<redacted>","tools":[],"value":{"type":"SECRET_TEXT","secret_text":"<redacted>"},)"
            R"("access_token":"<redacted>","note":"token","apiKey":"<redacted>"})");

  // A body cut inside a secret still does not show it; text that is not JSON is left alone.
  d.body = R"({"refresh_token":"abcdef)";
  EXPECT_EQ(error(errc::decode_error, d).details().body, R"({"refresh_token":"<redacted>")");
  d.body = "<html>no secrets here</html>";
  EXPECT_EQ(error(errc::server_error, d).details().body, "<html>no secrets here</html>");
}

TEST(Error, RedactionCoversEscapedKeysMoreNamesAnyValueAndText) {
  // Each of these once survived into error_details::body.
  const std::pair<std::string, std::string> cases[] = {
      {R"({"\u0074oken":"t1"})", R"({"\u0074oken":"<redacted>"})"},
      {R"({"private_key":"-----BEGIN"})", R"({"private_key":"<redacted>"})"},
      {R"({"jwt":"eyJa.eyJb.c"})", R"({"jwt":"<redacted>"})"},
      {R"({"passwd":"hunter2"})", R"({"passwd":"<redacted>"})"},
      {R"({"token":["a","b"],"id":1})", R"({"token":"<redacted>","id":1})"},
      {R"({"token":{"value":"a","nested":[1,{"x":"}"}]},"id":1})", R"({"token":"<redacted>","id":1})"},
      {R"({"api_key":12345})", R"({"api_key":"<redacted>"})"},
      {R"(he said "hi, then {"token": "t2"})", R"(he said "hi, then {"token": "<redacted>"})"},
      {"<html>token: abc</html>", R"(<html>token: "<redacted>"</html>)"},
      {"error: bad request; password=p4ss&user=x", R"(error: bad request; password="<redacted>"&user=x)"},
  };
  for (const auto& [body, redacted] : cases) {
    error_details d;
    d.body = body;
    EXPECT_EQ(error(errc::bad_request, d).details().body, redacted) << body;
  }
  // Names that merely look alike, and values that only mention a secret, stay.
  error_details d;
  d.body = R"({"author":"ann","note":"token","type":"SECRET_TEXT"})";
  EXPECT_EQ(error(errc::bad_request, d).details().body, d.body);
}

TEST(Error, CredentialShapedWordsAreRedactedWhereverTheyStand) {
  const std::string key = "tnx_ab12_s3cretvalue";
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
  error_details d;
  d.body = "unknown key " + key + " (header " + jwt + ")";
  d.vendor_code = "unauthorized";
  d.vendor_message = "key " + key + " is revoked";
  d.vendor_errors.push_back({"unauthorized", "jwt " + jwt + " expired", {}});
  d.cause = "sent " + key;
  const error e(errc::unauthorized, std::move(d));
  for (const std::string* s :
       {&e.details().body, &e.details().vendor_message, &e.details().vendor_errors[0].message, &e.details().cause}) {
    EXPECT_EQ(s->find("s3cretvalue"), std::string::npos) << *s;
    EXPECT_EQ(s->find("c2lnbmF0dXJl"), std::string::npos) << *s;
    EXPECT_NE(s->find("<redacted>"), std::string::npos) << *s;
  }
  EXPECT_EQ(std::string(e.what()).find("s3cretvalue"), std::string::npos) << e.what();
  EXPECT_EQ(e.details().vendor_message, "key <redacted> is revoked");
  // Ordinary words that merely start alike stay.
  error_details plain;
  plain.vendor_message = "tnx is fine, eyJ too, eyJa.b is not a JWT";
  EXPECT_EQ(error(errc::bad_request, plain).details().vendor_message, plain.vendor_message);
}
