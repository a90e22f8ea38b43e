// flowsdk::testing's fake network: what each scripted reply looks like to the transport, the
// order in which replies answer attempts, failing the N-th attempt, the record of requests,
// streamed bodies, and the clients make_client builds over it.
#include "flowsdk/testing/fake_network.hpp"
#include "flowsdk/testing/make_client.hpp"
#include "flowsdk/testing/run.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using flowsdk::errc;
using flowsdk::testing::fake_network;
using flowsdk::testing::reply;
using flowsdk::testing::run;
namespace http = flowsdk::http;
namespace bj = boost::json;
using namespace std::chrono;

namespace {

const http::origin api{true, "api.example.com", 443};

struct fixture {
  std::shared_ptr<fake_network> net = std::make_shared<fake_network>();
  std::shared_ptr<http::transport> transport = flowsdk::testing::make_transport(net, options());

  static http::transport_options options() {
    http::transport_options o;
    o.random01 = [] { return 0.0; };
    o.retry.initial_backoff = milliseconds(100);
    return o;
  }

  http::response send(http::verb method, std::string target = "/v1/things") {
    return run(transport->send(api, http::request(method, std::move(target))));
  }

  flowsdk::error send_expecting_error(http::verb method) {
    try {
      send(method);
    } catch (const flowsdk::error& e) {
      return e;
    }
    ADD_FAILURE() << "expected flowsdk::error";
    return flowsdk::error(errc::invalid_argument, {});
  }

  // The whole body of a streamed response, read piece by piece.
  std::vector<std::string> read_pieces(std::string target = "/v1/events") {
    return run(
        [](std::shared_ptr<http::transport> t, std::string target) -> boost::asio::awaitable<std::vector<std::string>> {
          auto s = co_await t->open(api, http::request(http::verb::get, std::move(target)));
          std::vector<std::string> out;
          for (;;) {
            auto piece = co_await s.read_some();
            if (piece.empty()) break;
            out.emplace_back(piece);
          }
          co_return out;
        }(transport, std::move(target)));
  }
};

}  // namespace

TEST(TestingReply, StatusAddsAJsonContentTypeAndRawAddsNothing) {
  auto s = reply::status(201, R"({"ok":true})", {{"x-request-id", "rid"}}).whole();
  EXPECT_FALSE(s.error);
  EXPECT_EQ(s.response.status, 201u);
  EXPECT_EQ(s.response.body, R"({"ok":true})");
  EXPECT_EQ(s.response.headers, (http::header_list{{"x-request-id", "rid"}, {"content-type", "application/json"}}));
  EXPECT_TRUE(reply::status(204, "").whole().response.headers.empty());

  auto r = reply::raw(200, "plain", {{"Content-Type", "text/plain"}}).whole();
  EXPECT_EQ(r.response.body, "plain");
  EXPECT_EQ(r.response.headers, (http::header_list{{"Content-Type", "text/plain"}}));
  EXPECT_EQ(reply().whole().response.body, "{}");
}

TEST(TestingReply, AModelIsEncodedInItsVendorsKeyStyle) {
  flowsdk::imbrace::flow_run im_run;
  im_run.id = "r1";
  im_run.project_id = "p1";
  im_run.status = flowsdk::imbrace::flow_run_status::failed;
  auto im = bj::parse(reply::model(im_run).whole().response.body);
  EXPECT_EQ(im.at("projectId"), "p1");  // Imbrace: camelCase
  EXPECT_EQ(im.at("status"), "FAILED");

  flowsdk::tenex::run tx_run;
  tx_run.id = "run_1";
  tx_run.workflow_id = "wf_1";
  auto tx = bj::parse(reply::model(tx_run, 201).whole().response.body);
  EXPECT_EQ(tx.at("workflow_id"), "wf_1");              // 10ex: snake_case
  EXPECT_FALSE(tx.as_object().contains("started_at"));  // an empty optional is left out
  EXPECT_EQ(reply::model(tx_run, 201).status(), 201u);
}

TEST(TestingReply, FailuresSayWhetherTheRequestMayHaveLeft) {
  auto reset = reply::reset().whole();
  EXPECT_EQ(reset.error, errc::connection_lost);
  EXPECT_TRUE(reset.may_have_been_sent);
  auto timeout = reply::timeout().whole();
  EXPECT_EQ(timeout.error, errc::timeout);
  EXPECT_TRUE(timeout.may_have_been_sent);
  auto refused = reply::refused().whole();
  EXPECT_EQ(refused.error, errc::connect_failed);
  EXPECT_FALSE(refused.may_have_been_sent);
  auto custom = reply::failure(errc::tls_failed, false).with_cause("certificate verify failed").whole();
  EXPECT_EQ(custom.error, errc::tls_failed);
  EXPECT_EQ(custom.cause, "certificate verify failed");
  EXPECT_FALSE(reply::refused().opened().body_stream);  // no response, no body
}

TEST(TestingFakeNetwork, AnswersFromTheScriptInOrderThenTheDefault) {
  fixture f;
  f.net->push(reply::status(201, R"({"n":1})")).push(reply::status(202, R"({"n":2})"));
  EXPECT_EQ(f.net->pending(), 2u);
  EXPECT_EQ(f.send(http::verb::post).status, 201u);
  EXPECT_EQ(f.send(http::verb::post).body, R"({"n":2})");
  EXPECT_EQ(f.net->pending(), 0u);
  EXPECT_EQ(f.send(http::verb::get).body, "{}");  // the initial default
  f.net->set_default(reply::status(200, R"({"default":true})"));
  EXPECT_EQ(f.send(http::verb::get).body, R"({"default":true})");
  f.net->set_script({reply::status(203), reply::status(204, "")});
  EXPECT_EQ(f.send(http::verb::get).status, 203u);
  f.net->clear_script();
  EXPECT_EQ(f.net->pending(), 0u);
  EXPECT_EQ(f.send(http::verb::get).body, R"({"default":true})");
  EXPECT_EQ(f.net->attempts(), 6u);
}

TEST(TestingFakeNetwork, FailsTheNthAttemptWithoutUsingTheScript) {
  fixture f;
  f.net->fail_attempt(2, reply::timeout());
  f.net->push(reply::status(200, R"({"first":true})")).push(reply::status(200, R"({"second":true})"));
  EXPECT_EQ(f.send(http::verb::get).body, R"({"first":true})");
  // The second attempt times out, the transport retries the GET, the retry gets the script's next.
  EXPECT_EQ(f.send(http::verb::get).body, R"({"second":true})");
  ASSERT_EQ(f.net->requests().size(), 3u);
  EXPECT_EQ(f.net->requests()[1].attempt, 2u);
  EXPECT_EQ(f.net->backoffs(), std::vector<milliseconds>{milliseconds(100)});
  EXPECT_EQ(f.net->pending(), 0u);
  EXPECT_THROW(f.net->fail_attempt(0, reply::reset()), std::invalid_argument);
}

TEST(TestingFakeNetwork, AResetPostIsNotResentButARefusedOneIs) {
  fixture f;
  f.net->fail_attempt(1, reply::reset());
  EXPECT_EQ(f.send_expecting_error(http::verb::post).code(), errc::connection_lost);
  EXPECT_EQ(f.net->attempts(), 1u);  // it may have reached the server: never sent twice

  fixture g;
  g.net->fail_attempt(1, reply::refused());
  g.net->push(reply::status(201));
  EXPECT_EQ(g.send(http::verb::post).status, 201u);
  EXPECT_EQ(g.net->attempts(), 2u);  // it never left: safe to send again
}

TEST(TestingFakeNetwork, AScriptedStatusIsMappedAndRetriedLikeAServers) {
  fixture f;
  f.net->set_default(reply::status(503, R"({"message":"down"})"));
  auto e = f.send_expecting_error(http::verb::get);
  EXPECT_EQ(e.code(), errc::server_error);
  EXPECT_EQ(e.details().http_status, 503u);
  EXPECT_EQ(f.net->attempts(), 3u);  // the first and the default two retries
  EXPECT_EQ(f.net->backoffs().size(), 2u);

  fixture g;
  g.net->fail_attempt(1, reply::status(404, R"({"message":"no such thing"})"));
  EXPECT_EQ(g.send_expecting_error(http::verb::get).code(), errc::not_found);
  EXPECT_EQ(g.net->attempts(), 1u);
}

TEST(TestingFakeNetwork, RecordsEveryRequestForAssertions) {
  fixture f;
  EXPECT_THROW(f.net->last_request(), std::logic_error);
  const auto before = steady_clock::now();
  http::request post(http::verb::post, "/v1/items?dry_run=true");
  post.headers = {{"X-Trace", "t1"}};
  post.body = R"({"name":"a"})";
  post.content_type = "application/json";
  run(f.transport->send(api, post));
  f.send(http::verb::get, "/v1/items");
  f.send(http::verb::get, "/v1/items/7");

  const auto& all = f.net->requests();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].method, http::verb::post);
  EXPECT_EQ(all[0].target, "/v1/items?dry_run=true");
  EXPECT_EQ(all[0].path(), "/v1/items");
  EXPECT_EQ(all[0].body, R"({"name":"a"})");
  EXPECT_EQ(all[0].content_type, "application/json");
  EXPECT_EQ(all[0].header("x-trace"), "t1");  // any case
  EXPECT_TRUE(all[0].has_header("X-TRACE"));
  EXPECT_FALSE(all[0].has_header("authorization"));
  EXPECT_EQ(all[0].origin, api);
  EXPECT_GT(all[0].deadline, before);
  EXPECT_FALSE(all[0].streamed);
  EXPECT_EQ(all[2].attempt, 3u);
  EXPECT_EQ(f.net->last_request().target, "/v1/items/7");
  EXPECT_EQ(f.net->requests_to("/v1/items").size(), 2u);
  EXPECT_EQ(f.net->requests_to(http::verb::get, "/v1/items").size(), 1u);
  EXPECT_TRUE(f.net->requests_to("/v1/nothing").empty());
  EXPECT_EQ(f.net->header_values("x-trace"), (std::vector<std::string>{"t1", "", ""}));
}

TEST(TestingFakeNetwork, StreamsABodyInPiecesAndCutsItOff) {
  fixture f;
  f.net->push_stream(reply::events({"data: a\n\n", "data: b\n\n"}));
  f.net->push_stream(reply::events({"data: c\n\n"}).then_fail(errc::connection_lost));
  EXPECT_EQ(f.net->pending_streams(), 2u);
  EXPECT_EQ(f.read_pieces(), (std::vector<std::string>{"data: a\n\n", "data: b\n\n"}));
  try {
    f.read_pieces();
    ADD_FAILURE() << "expected a cut-off body";
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::connection_lost);
  }
  ASSERT_EQ(f.net->requests().size(), 2u);
  EXPECT_TRUE(f.net->requests()[0].streamed);
}

TEST(TestingFakeNetwork, AStreamedAttemptFallsThroughToTheScriptUnlessAStreamDefaultIsSet) {
  fixture f;
  f.net->push(reply::raw(200, "whole body", {{"Content-Type", "text/plain"}}));
  EXPECT_EQ(f.read_pieces(), std::vector<std::string>{"whole body"});  // one piece
  f.net->set_stream_default(reply::refused());
  f.net->push(reply::status(200, R"({"kept":true})"));
  EXPECT_THROW(f.read_pieces(), flowsdk::error);  // connect_failed, retried, refused each time
  EXPECT_EQ(f.net->pending(), 1u);                // the script was not touched by the streams
  EXPECT_EQ(f.send(http::verb::get).body, R"({"kept":true})");
}

TEST(TestingFakeNetwork, AWholeAttemptGetsAStreamedReplyJoinedOrItsFailure) {
  fixture f;
  f.net->push(reply::stream(200, {}, {"ab", "cd"}));
  EXPECT_EQ(f.send(http::verb::get).body, "abcd");
  f.net->set_default(reply::stream(200, {}, {"ab"}).then_fail(errc::protocol_error, "bad chunk"));
  auto e = f.send_expecting_error(http::verb::get);
  EXPECT_EQ(e.code(), errc::protocol_error);
}

TEST(TestingMakeClient, BuildsEachVendorsClientOverTheFake) {
  auto net = std::make_shared<fake_network>();

  flowsdk::imbrace::client_options io;
  io.gateway = "https://gw.test";
  io.credentials = flowsdk::imbrace::credentials::api_key("k1");
  flowsdk::imbrace::flow_run im_run;
  im_run.id = "r1";
  net->push(reply::model(im_run));
  EXPECT_EQ(run(flowsdk::testing::make_client(net, io).workflows().get_run("r1")).id, "r1");
  EXPECT_EQ(net->last_request().origin.host, "gw.test");
  EXPECT_EQ(net->last_request().header("x-api-key"), "k1");

  flowsdk::cloudflare::client_options co;
  co.account_id = "acc";
  co.credentials = flowsdk::cloudflare::credentials::api_token("t1");
  net->push(reply::status(200, R"({"success":true,"errors":[],"messages":[],"result":{"id":"i1","status":"queued"}})"));
  run(flowsdk::testing::make_client(net, co).instances().get("wf", "i1"));
  EXPECT_EQ(net->last_request().path(), "/client/v4/accounts/acc/workflows/wf/instances/i1");
  EXPECT_EQ(net->last_request().header("authorization"), "Bearer t1");

  flowsdk::tenex::client_options to;
  to.credentials = flowsdk::tenex::credentials::api_key("tnx_ab_secret");
  flowsdk::tenex::run tx_run;
  tx_run.id = "run_1";
  net->push(reply::model(tx_run));
  EXPECT_EQ(run(flowsdk::testing::make_client(net, to).runs().get("run_1")).id, "run_1");
  EXPECT_EQ(net->last_request().path(), "/api/v1/flows/runs/run_1");
}
