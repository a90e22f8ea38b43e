#include "flowsdk/http/transport.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <gtest/gtest.h>

using namespace flowsdk;
using namespace std::chrono;
namespace kit = flowsdk::testing;

namespace {

// A transport over a fake network whose sleeps are recorded instead of slept.
struct fixture {
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  std::vector<milliseconds> sleeps;
  std::shared_ptr<http::transport> transport;

  explicit fixture(http::transport_options o = {}) {
    o.sleep = [this](milliseconds d) -> boost::asio::awaitable<void> {
      sleeps.push_back(d);
      co_return;
    };
    o.random01 = [] { return 0.0; };
    o.retry.initial_backoff = milliseconds(100);
    transport = std::make_shared<http::transport>(net, o);
  }

  http::response send(http::verb method, request_options per_call = {}, http::error_decoder decoder = nullptr) {
    http::request req(method, "/v1/things");
    http::origin to{true, "api.example.com", 443};
    return flowsdk::test::run(transport->send(to, req, per_call, decoder));
  }

  error send_expecting_error(http::verb method, request_options per_call = {}) {
    try {
      send(method, per_call);
    } catch (const error& e) {
      return e;
    }
    ADD_FAILURE() << "expected flowsdk::error";
    return error(errc::invalid_argument, {});
  }
};

}  // namespace

TEST(Transport, ReturnsA2xxResponseAtOnce) {
  fixture f;
  f.net->push(kit::reply::status(201, R"({"ok":true})"));
  auto r = f.send(http::verb::post);
  EXPECT_EQ(r.status, 201u);
  EXPECT_EQ(r.body, R"({"ok":true})");
  EXPECT_EQ(f.net->requests().size(), 1u);
  EXPECT_TRUE(f.sleeps.empty());
}

TEST(Transport, RetriesAGetOn503WithExponentialBackoff) {
  fixture f;
  f.net->set_script({kit::reply::status(503), kit::reply::status(503), kit::reply::status(200)});
  auto r = f.send(http::verb::get);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(f.net->requests().size(), 3u);
  EXPECT_EQ(f.sleeps, (std::vector<milliseconds>{milliseconds(100), milliseconds(200)}));
}

TEST(Transport, GivesUpAfterMaxRetriesAndReportsAttempts) {
  fixture f;
  f.net->set_script(
      {kit::reply::status(500, "boom"), kit::reply::status(502, "boom"), kit::reply::status(503, "last")});
  auto e = f.send_expecting_error(http::verb::get);
  EXPECT_EQ(e.code(), errc::server_error);
  EXPECT_EQ(e.details().http_status, 503u);
  EXPECT_EQ(e.details().attempts, 3);
  EXPECT_EQ(e.details().body, "last");
  EXPECT_EQ(f.net->requests().size(), 3u);
}

TEST(Transport, HonoursRetryAfterSecondsAndMilliseconds) {
  fixture f;
  f.net->set_script({kit::reply::status(429, "{}", {{"Retry-After", "2"}}),
                     kit::reply::status(503, "{}", {{"retry-after-ms", "1500"}}), kit::reply::status(200)});
  f.send(http::verb::get);
  EXPECT_EQ(f.sleeps, (std::vector<milliseconds>{milliseconds(2000), milliseconds(1500)}));
}

TEST(Transport, RetryAfterBeyondTheCapEndsRetriesAndIsReported) {
  fixture f;
  f.net->set_script({kit::reply::status(429, "{}", {{"Retry-After", "3600"}})});
  auto e = f.send_expecting_error(http::verb::get);
  EXPECT_EQ(e.code(), errc::rate_limited);
  ASSERT_TRUE(e.details().retry_after);
  EXPECT_EQ(*e.details().retry_after, milliseconds(3'600'000));
  EXPECT_EQ(f.net->requests().size(), 1u);
}

TEST(Transport, AHugeRetryAfterFailsAtOnce) {
  for (const char* value : {"2305843009213693953", "10000000000000000", "Fri, 31 Dec 9999 23:59:59 GMT"}) {
    fixture f;
    f.net->set_script({kit::reply::status(503, "{}", {{"Retry-After", value}})});
    auto e = f.send_expecting_error(http::verb::get);
    EXPECT_EQ(e.code(), errc::server_error) << value;
    ASSERT_TRUE(e.details().retry_after) << value;
    EXPECT_GT(*e.details().retry_after, hours(24 * 365)) << value;
    EXPECT_EQ(f.net->requests().size(), 1u) << value;
    EXPECT_TRUE(f.sleeps.empty()) << value;
  }
}

TEST(Transport, HeadersThatWouldInjectAnotherAreRejectedBeforeSending) {
  std::vector<request_options> bad(4);
  bad[0].extra_headers = {{"X-Trace", "a\r\nX-Injected: 1"}};
  bad[1].idempotency_key = "key\n";
  bad[2].extra_headers = {{"X Trace", "1"}};
  bad[3].extra_headers = {{"X-Nul", std::string("a\0b", 3)}};
  for (auto& o : bad) {
    fixture f;
    auto e = f.send_expecting_error(http::verb::get, o);
    EXPECT_EQ(e.code(), errc::invalid_argument);
    EXPECT_TRUE(f.net->requests().empty());
  }
  fixture ok;
  request_options tab;
  tab.extra_headers = {{"X-Tabbed", "a\tb"}};
  ok.send(http::verb::get, tab);
  EXPECT_EQ(ok.net->requests().size(), 1u);
}

TEST(Transport, NeverResendsAPostThatMayHaveArrived) {
  fixture f;
  f.net->set_script({kit::reply::status(503)});
  EXPECT_EQ(f.send_expecting_error(http::verb::post).code(), errc::server_error);
  EXPECT_EQ(f.net->requests().size(), 1u);

  fixture g;
  g.net->set_script({kit::reply::failure(errc::connection_lost, true)});
  EXPECT_EQ(g.send_expecting_error(http::verb::post).code(), errc::connection_lost);
  EXPECT_EQ(g.net->requests().size(), 1u);
}

TEST(Transport, ResendsAPostThatProvablyNeverLeft) {
  fixture f;
  f.net->set_script({kit::reply::failure(errc::connect_failed, false), kit::reply::status(201)});
  EXPECT_EQ(f.send(http::verb::post).status, 201u);
  EXPECT_EQ(f.net->requests().size(), 2u);
}

TEST(Transport, AnIdempotencyKeyMakesAPostRetryableAndIsSent) {
  fixture f;
  f.net->set_script({kit::reply::status(503), kit::reply::status(200)});
  request_options o;
  o.idempotency_key = "key-1";
  f.send(http::verb::post, o);
  ASSERT_EQ(f.net->requests().size(), 2u);
  const auto& h = f.net->requests()[1].headers;
  EXPECT_NE(std::find(h.begin(), h.end(), std::make_pair(std::string("Idempotency-Key"), std::string("key-1"))),
            h.end());
}

TEST(Transport, ClientErrorsAreNotRetried) {
  for (unsigned s : {400u, 401u, 403u, 404u, 409u, 422u}) {
    fixture f;
    f.net->set_script({kit::reply::status(s)});
    EXPECT_EQ(f.send_expecting_error(http::verb::get).code(), errc_from_status(s));
    EXPECT_EQ(f.net->requests().size(), 1u) << s;
  }
}

TEST(Transport, NonTransientFailuresAreNotRetried) {
  for (errc e : {errc::tls_failed, errc::body_too_large, errc::protocol_error}) {
    fixture f;
    f.net->set_script({kit::reply::failure(e, false)});
    EXPECT_EQ(f.send_expecting_error(http::verb::get).code(), e);
    EXPECT_EQ(f.net->requests().size(), 1u);
  }
}

TEST(Transport, PerCallOptionsOverrideRetriesHeadersAndQuery) {
  fixture f;
  f.net->set_script({kit::reply::status(503), kit::reply::status(503)});
  request_options o;
  o.max_retries = 0;
  o.extra_headers = {{"x-trace", "t1"}};
  o.extra_query = {{"debug", "a b"}};
  EXPECT_EQ(f.send_expecting_error(http::verb::get, o).details().attempts, 1);
  ASSERT_EQ(f.net->requests().size(), 1u);
  EXPECT_EQ(f.net->requests()[0].target, "/v1/things?debug=a%20b");
  EXPECT_EQ(f.net->requests()[0].headers.at(0).first, "x-trace");
}

TEST(Transport, DoesNotSleepPastTheCallDeadline) {
  fixture f;
  f.net->set_script({kit::reply::status(503, "{}", {{"Retry-After", "30"}})});
  request_options o;
  o.timeout = milliseconds(1000);
  auto e = f.send_expecting_error(http::verb::get, o);
  EXPECT_EQ(e.code(), errc::server_error);
  EXPECT_TRUE(f.sleeps.empty());
}

TEST(Transport, AttemptDeadlineComesFromTheOptions) {
  fixture f;
  request_options o;
  o.attempt_timeout = milliseconds(1234);
  const auto before = steady_clock::now();
  f.send(http::verb::get, o);
  ASSERT_EQ(f.net->requests().size(), 1u);
  EXPECT_LE(f.net->requests()[0].deadline - before, milliseconds(1234) + milliseconds(200));
  EXPECT_GE(f.net->requests()[0].deadline - before, milliseconds(1234));
}

TEST(Transport, VendorDecoderFillsTheDetails) {
  fixture f;
  f.net->set_script({kit::reply::status(404, R"({"code":"ENTITY_NOT_FOUND"})", {{"x-request-id", "rid-9"}})});
  auto decoder = [](const http::response& r, error_details& d) {
    d.vendor_code = r.body.find("ENTITY_NOT_FOUND") != std::string::npos ? "ENTITY_NOT_FOUND" : "";
    d.vendor_message = "decoded";
  };
  try {
    f.send(http::verb::get, {}, decoder);
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::not_found);
    EXPECT_EQ(e.details().vendor_code, "ENTITY_NOT_FOUND");
    EXPECT_EQ(e.details().vendor_message, "decoded");
    EXPECT_EQ(e.details().request_id, "rid-9");
    EXPECT_EQ(e.details().method, "GET");
    EXPECT_EQ(e.details().target, "/v1/things");
  }
}
