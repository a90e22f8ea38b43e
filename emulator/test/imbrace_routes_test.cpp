// The Imbrace routes over plain HTTP: auth, flows, flow operations, webhooks, runs, pagination.

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

#include <set>

namespace flowsdk::emulator::test {
namespace {

server_options plain_options() {
  server_options o;
  o.tls = false;
  o.imbrace.run_duration = std::chrono::milliseconds(100);
  return o;
}

class ImbraceRoutes : public ::testing::Test {
 protected:
  explicit ImbraceRoutes(server_options o = plain_options()) : server_(std::move(o)) {}

  std::uint16_t port() { return server_->port(); }
  response get(const std::string& target, const headers& h = api_key_auth) {
    return call(port(), http::verb::get, target, {}, h);
  }
  response post(const std::string& target, const std::string& body, const headers& h = api_key_auth) {
    return call(port(), http::verb::post, target, body, h);
  }
  json::object create_flow(const std::string& name) {
    auto res = post("/activepieces/v1/flows", R"({"displayName":")" + name + R"("})");
    EXPECT_EQ(res.result_int(), 201) << res.body();
    return parse(res).as_object();
  }
  json::object operate(const std::string& flow_id, const std::string& op, int expected = 200) {
    auto res = post("/activepieces/v1/flows/" + flow_id, op);
    EXPECT_EQ(res.result_int(), expected) << op << " -> " << res.body();
    return parse(res).as_object();
  }

  background_server server_;
};

constexpr const char* webhook_trigger = R"({"type":"UPDATE_TRIGGER","request":{"name":"trigger","valid":true,
  "displayName":"Catch Webhook","type":"PIECE_TRIGGER","settings":{"pieceName":"@activepieces/piece-webhook",
  "pieceVersion":"0.1.24","triggerName":"catch_webhook","input":{"authType":"none"},
  "propertySettings":{"authType":{"type":"MANUAL"}}}}})";

std::string code_step(const std::string& parent, const std::string& name, const std::string& code,
                      const std::string& location = "AFTER") {
  return R"({"type":"ADD_ACTION","request":{"parentStep":")" + parent + R"(","stepLocationRelativeToParent":")" +
         location + R"(","action":{"name":")" + name + R"(","valid":true,"displayName":")" + name +
         R"(","type":"CODE","settings":{"sourceCode":{"code":")" + code + R"(","packageJson":"{}"},"input":{}}}}})";
}

bool is_nanoid(const json::value& v) {
  if (!v.is_string() || v.as_string().size() != 21) return false;
  for (char c : v.as_string())
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_iso_ms(const json::value& v) {
  // 2024-05-01T12:34:56.789Z
  if (!v.is_string()) return false;
  const std::string_view s = v.as_string();
  return s.size() == 24 && s[4] == '-' && s[10] == 'T' && s[19] == '.' && s.back() == 'Z';
}

TEST_F(ImbraceRoutes, MissingOrUnknownCredentialsGet401) {
  for (const headers& h : {headers{}, headers{{"x-api-key", "wrong"}}, headers{{"authorization", "Bearer nope"}},
                           headers{{"x-access-token", "acc_wrong"}}}) {
    auto res = get("/activepieces/v1/flows", h);
    ASSERT_EQ(res.result_int(), 401) << res.body();
    const auto body = parse(res).as_object();
    EXPECT_EQ(body.at("code"), "AUTHENTICATION");
    EXPECT_TRUE(body.at("params").as_object().at("message").is_string());
    EXPECT_NE(res[http::field::content_type].find("application/json"), std::string_view::npos);
  }
  auto channel = get("/channel-service/v1/workflows/channel_automation", {});
  EXPECT_EQ(channel.result_int(), 401);
}

TEST_F(ImbraceRoutes, EveryCredentialModeIsAccepted) {
  const server_options defaults;
  for (const headers& h : {headers{{"x-api-key", defaults.imbrace.api_keys[0]}},
                           headers{{"authorization", "Bearer " + defaults.imbrace.jwts[0]}},
                           headers{{"authorization", "Bearer " + defaults.imbrace.api_keys[0]}},
                           headers{{"x-access-token", defaults.imbrace.access_tokens[0]}},
                           // The API key wins over a bad token.
                           headers{{"x-api-key", defaults.imbrace.api_keys[0]}, {"x-access-token", "bad"}}}) {
    EXPECT_EQ(get("/activepieces/v1/flows", h).result_int(), 200);
  }
}

TEST_F(ImbraceRoutes, CreateGetListDeleteFlow) {
  const auto flow = create_flow("My flow");
  EXPECT_TRUE(is_nanoid(flow.at("id")));
  EXPECT_TRUE(is_iso_ms(flow.at("created")));
  EXPECT_TRUE(is_iso_ms(flow.at("updated")));
  EXPECT_EQ(flow.at("projectId"), json::value(server_->seed().imbrace.project_id));
  EXPECT_EQ(flow.at("status"), "DISABLED");
  EXPECT_EQ(flow.at("operationStatus"), "NONE");
  EXPECT_TRUE(flow.at("publishedVersionId").is_null());
  EXPECT_TRUE(flow.at("folderId").is_null());
  EXPECT_TRUE(flow.at("externalId").is_string());
  const auto& version = flow.at("version").as_object();
  EXPECT_EQ(version.at("state"), "DRAFT");
  EXPECT_EQ(version.at("displayName"), "My flow");
  EXPECT_EQ(version.at("flowId"), flow.at("id"));
  EXPECT_EQ(version.at("trigger").at("type"), "EMPTY");
  EXPECT_EQ(version.at("valid"), false);
  const std::string id(flow.at("id").as_string());

  auto got = get("/activepieces/v1/flows/" + id);
  ASSERT_EQ(got.result_int(), 200);
  EXPECT_EQ(parse(got), json::value(flow));

  auto listed = parse(get("/activepieces/v1/flows?limit=1")).as_object();
  ASSERT_EQ(listed.at("data").as_array().size(), 1u);
  EXPECT_EQ(listed.at("data").as_array()[0].at("id"), flow.at("id"));  // newest first
  EXPECT_TRUE(listed.at("next").is_string());
  EXPECT_TRUE(listed.at("previous").is_null());

  auto deleted = call(port(), http::verb::delete_, "/activepieces/v1/flows/" + id);
  EXPECT_EQ(deleted.result_int(), 204);
  EXPECT_EQ(deleted[http::field::content_length], "0");
  EXPECT_TRUE(deleted.body().empty());

  auto gone = get("/activepieces/v1/flows/" + id);
  ASSERT_EQ(gone.result_int(), 404);
  const auto err = parse(gone).as_object();
  EXPECT_EQ(err.at("code"), "ENTITY_NOT_FOUND");
  EXPECT_EQ(err.at("params").at("entityType"), "flow");
  EXPECT_EQ(err.at("params").at("entityId"), json::value(id));
  EXPECT_EQ(call(port(), http::verb::delete_, "/activepieces/v1/flows/" + id).result_int(), 404);
}

TEST_F(ImbraceRoutes, ListFlowsFiltersAndValidates) {
  auto enabled = parse(get("/activepieces/v1/flows?status=ENABLED")).as_object();
  ASSERT_EQ(enabled.at("data").as_array().size(), 1u);
  EXPECT_EQ(enabled.at("data").as_array()[0].at("id"), json::value(server_->seed().imbrace.echo_flow_id));
  auto other_project = parse(get("/activepieces/v1/flows?projectId=nope")).as_object();
  EXPECT_TRUE(other_project.at("data").as_array().empty());
  EXPECT_TRUE(other_project.at("next").is_null());

  for (const char* bad :
       {"?limit=0", "?limit=101", "?limit=abc", "?status=MAYBE", "?cursor=garbage!!", "?cursor=bmV4dF8="}) {
    auto res = get(std::string("/activepieces/v1/flows") + bad);
    ASSERT_EQ(res.result_int(), 400) << bad;
    const auto body = parse(res).as_object();
    EXPECT_EQ(body.at("statusCode"), 400);
    EXPECT_EQ(body.at("code"), "FST_ERR_VALIDATION");
    EXPECT_EQ(body.at("error"), "Bad Request");
    EXPECT_TRUE(body.at("message").is_string());
  }
}

TEST_F(ImbraceRoutes, FlowOperationsBuildAndPublishAFlow) {
  const std::string id(create_flow("Builder").at("id").as_string());
  auto flow = operate(id, webhook_trigger);
  EXPECT_EQ(flow.at("version").at("trigger").at("type"), "PIECE_TRIGGER");

  operate(id, code_step("trigger", "step_1", "return 1"));
  operate(id, R"({"type":"ADD_ACTION","request":{"parentStep":"step_1","stepLocationRelativeToParent":"AFTER",
    "action":{"name":"step_2","valid":true,"displayName":"Loop","type":"LOOP_ON_ITEMS","settings":{"items":"{{trigger.body.items}}"}}}})");
  operate(id, code_step("step_2", "step_3", "return 3", "INSIDE_LOOP"));
  flow = operate(id, code_step("step_2", "step_4", "return 4"));

  // trigger -> step_1 -> step_2 (loop: step_3) -> step_4
  const auto& trigger = flow.at("version").at("trigger");
  const auto& s1 = trigger.at("nextAction");
  EXPECT_EQ(s1.at("name"), "step_1");
  const auto& s2 = s1.at("nextAction");
  EXPECT_EQ(s2.at("name"), "step_2");
  EXPECT_EQ(s2.at("firstLoopAction").at("name"), "step_3");
  EXPECT_EQ(s2.at("nextAction").at("name"), "step_4");
  EXPECT_EQ(flow.at("version").at("valid"), true);

  flow = operate(id, R"({"type":"UPDATE_ACTION","request":{"name":"step_1","valid":true,"displayName":"Renamed",
    "type":"CODE","settings":{"sourceCode":{"code":"return 11","packageJson":"{}"},"input":{}}}})");
  EXPECT_EQ(flow.at("version").at("trigger").at("nextAction").at("displayName"), "Renamed");
  EXPECT_EQ(flow.at("version").at("trigger").at("nextAction").at("nextAction").at("name"), "step_2");

  flow = operate(id, R"({"type":"DELETE_ACTION","request":{"name":"step_1"}})");
  EXPECT_EQ(flow.at("version").at("trigger").at("nextAction").at("name"), "step_2");

  flow = operate(id, R"({"type":"CHANGE_NAME","request":{"displayName":"Built"}})");
  EXPECT_EQ(flow.at("version").at("displayName"), "Built");
  const auto folder = server_->seed().imbrace.folder_id;
  flow = operate(id, R"({"type":"CHANGE_FOLDER","request":{"folderId":")" + folder + R"("}})");
  EXPECT_EQ(flow.at("folderId"), folder);
  operate(id, R"({"type":"CHANGE_FOLDER","request":{"folderId":"no-such-folder"}})", 404);

  flow = operate(id, R"({"type":"LOCK_AND_PUBLISH","request":{}})");
  EXPECT_EQ(flow.at("status"), "ENABLED");
  EXPECT_EQ(flow.at("version").at("state"), "LOCKED");
  EXPECT_EQ(flow.at("publishedVersionId"), flow.at("version").at("id"));

  // Editing a published flow makes a new draft and leaves the published version alone.
  const auto published = flow.at("publishedVersionId");
  flow = operate(id, R"({"type":"CHANGE_NAME","request":{"displayName":"Next"}})");
  EXPECT_EQ(flow.at("version").at("state"), "DRAFT");
  EXPECT_NE(flow.at("version").at("id"), published);
  EXPECT_EQ(flow.at("publishedVersionId"), published);

  flow = operate(id, R"({"type":"CHANGE_STATUS","request":{"status":"DISABLED"}})");
  EXPECT_EQ(flow.at("status"), "DISABLED");
}

TEST_F(ImbraceRoutes, InvalidFlowOperationsAre400) {
  const std::string id(create_flow("Invalid").at("id").as_string());
  for (
      const char* op : {
          R"({"type":"NOT_AN_OPERATION","request":{}})",
          R"({"type":"UPDATE_TRIGGER","request":{"name":"trigger","valid":true,"displayName":"x","type":"PIECE_TRIGGER",
              "settings":{"pieceName":"@activepieces/piece-webhook","pieceVersion":"0.1.24","input":{}}}})",
          R"({"type":"ADD_ACTION","request":{"parentStep":"trigger","action":{"name":"step_1","valid":true,
              "displayName":"x","type":"PIECE","settings":{"pieceName":"p","pieceVersion":"1.0.0","input":{}}}}})",
          R"({"type":"ADD_ACTION","request":{"parentStep":"nowhere","action":{"name":"step_1","type":"CODE","settings":{}}}})",
      }) {
    auto res = post("/activepieces/v1/flows/" + id, op);
    ASSERT_EQ(res.result_int(), 400) << op << " -> " << res.body();
    EXPECT_EQ(parse(res).at("code"), "FST_ERR_VALIDATION");
  }
  EXPECT_EQ(post("/activepieces/v1/flows/" + id, "{not json").result_int(), 400);
  EXPECT_EQ(post("/activepieces/v1/flows/nonexistent", R"({"type":"CHANGE_NAME","request":{"displayName":"x"}})")
                .result_int(),
            404);
}

TEST_F(ImbraceRoutes, WebhookStatusCodes) {
  const auto& seed = server_->seed();
  auto unknown = post("/activepieces/v1/webhooks/doesnotexist", "{}", {});
  EXPECT_EQ(unknown.result_int(), 410);
  EXPECT_EQ(unknown.body(), "{}");
  auto disabled = post("/activepieces/v1/webhooks/" + seed.imbrace.disabled_flow_id, "{}", {});
  EXPECT_EQ(disabled.result_int(), 404);
  EXPECT_EQ(disabled.body(), "{}");

  // No credentials needed, any method.
  auto ok = call(port(), http::verb::put, "/activepieces/v1/webhooks/" + seed.imbrace.echo_flow_id + "?a=1",
                 R"({"x":1})", {});
  ASSERT_EQ(ok.result_int(), 200);
  EXPECT_EQ(ok.body(), "{}");
  const std::string run_id(ok["x-webhook-id"]);
  ASSERT_FALSE(run_id.empty());

  auto run = parse(get("/activepieces/v1/flow-runs/" + run_id)).as_object();
  EXPECT_EQ(run.at("status"), "RUNNING");
  EXPECT_TRUE(is_iso_ms(run.at("startTime")));
  EXPECT_FALSE(run.contains("finishTime"));
  EXPECT_EQ(run.at("flowId"), json::value(seed.imbrace.echo_flow_id));
  EXPECT_EQ(run.at("environment"), "PRODUCTION");
  const auto& trigger_output = run.at("steps").at("trigger").at("output");
  EXPECT_EQ(trigger_output.at("method"), "PUT");
  EXPECT_EQ(trigger_output.at("body"), json::parse(R"({"x":1})"));
  EXPECT_EQ(trigger_output.at("queryParams").at("a"), "1");
  EXPECT_EQ(trigger_output.at("headers").at("content-type"), "application/json");

  server_->advance(std::chrono::milliseconds(100));  // run_duration: the run finishes, no waiting
  run = parse(get("/activepieces/v1/flow-runs/" + run_id)).as_object();
  EXPECT_EQ(run.at("status"), "SUCCEEDED");
  EXPECT_TRUE(is_iso_ms(run.at("finishTime")));
  EXPECT_EQ(run.at("steps").at("step_1").at("status"), "SUCCEEDED");
}

TEST_F(ImbraceRoutes, SyncWebhookEchoesThePayload) {
  auto res = post("/activepieces/v1/webhooks/" + server_->seed().imbrace.echo_flow_id + "/sync",
                  R"({"hello":"world","n":[1,2]})", {});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(parse(res), json::parse(R"({"hello":"world","n":[1,2]})"));
  EXPECT_FALSE(res["x-webhook-id"].empty());
}

TEST_F(ImbraceRoutes, ReturnResponseTakesStatusHeadersAndFields) {
  const std::string id(create_flow("Responder").at("id").as_string());
  operate(id, webhook_trigger);
  operate(id, R"({"type":"ADD_ACTION","request":{"parentStep":"trigger","action":{"name":"step_1","valid":true,
    "displayName":"Return Response","type":"PIECE","settings":{"pieceName":"@activepieces/piece-webhook",
    "pieceVersion":"0.1.24","actionName":"return_response","propertySettings":{},
    "input":{"status":201,"headers":{"x-custom":"yes"},"body":{"greeting":"hi {{trigger.body.name}}","who":"{{trigger.body.name}}"}}}}}})");
  operate(id, R"({"type":"LOCK_AND_PUBLISH","request":{}})");
  auto res = post("/activepieces/v1/webhooks/" + id + "/sync", R"({"name":"Ada"})", {});
  ASSERT_EQ(res.result_int(), 201);
  EXPECT_EQ(res["x-custom"], "yes");
  EXPECT_EQ(parse(res), json::parse(R"({"greeting":"hi Ada","who":"Ada"})"));
}

TEST_F(ImbraceRoutes, FailingCodeStepFailsTheRun) {
  const std::string id(create_flow("Thrower").at("id").as_string());
  operate(id, webhook_trigger);
  operate(id, code_step("trigger", "step_1", "throw new Error('boom')"));
  operate(id, code_step("step_1", "step_2", "return 2"));
  operate(id, R"({"type":"LOCK_AND_PUBLISH","request":{}})");
  auto res = post("/activepieces/v1/webhooks/" + id, "{}", {});
  ASSERT_EQ(res.result_int(), 200);
  const std::string run_id(res["x-webhook-id"]);
  server_->advance(std::chrono::milliseconds(100));  // run_duration: the run finishes, no waiting
  auto run = parse(get("/activepieces/v1/flow-runs/" + run_id)).as_object();
  EXPECT_EQ(run.at("status"), "FAILED");
  EXPECT_EQ(run.at("failedStep"), json::parse(R"({"name":"step_1","displayName":"step_1"})"));
  EXPECT_EQ(run.at("steps").at("step_1").at("status"), "FAILED");
  EXPECT_FALSE(run.at("steps").as_object().contains("step_2"));
}

TEST_F(ImbraceRoutes, RunPagesCoverEverySeededRunOnce) {
  const auto& seed = server_->seed();
  ASSERT_EQ(seed.imbrace.run_count, 25u);
  std::set<std::string> seen;
  std::string cursor;
  std::vector<std::string> order;
  int pages = 0;
  for (;;) {
    auto res = get("/activepieces/v1/flow-runs?limit=7&flowId=" + seed.imbrace.echo_flow_id +
                   (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(res.result_int(), 200) << res.body();
    const auto page = parse(res).as_object();
    ++pages;
    EXPECT_EQ(page.at("previous").is_null(), pages == 1);
    for (const auto& run : page.at("data").as_array()) {
      EXPECT_FALSE(run.as_object().contains("steps"));
      EXPECT_TRUE(seen.insert(std::string(run.at("id").as_string())).second) << "seen twice";
      order.emplace_back(run.at("created").as_string());
    }
    if (page.at("next").is_null()) break;
    cursor = page.at("next").as_string();
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(pages, 4);
  EXPECT_TRUE(std::is_sorted(order.rbegin(), order.rend()));  // newest first

  // Walking back from the second page gives the first page again.
  const auto first = parse(get("/activepieces/v1/flow-runs?limit=7")).as_object();
  const auto second =
      parse(get("/activepieces/v1/flow-runs?limit=7&cursor=" + std::string(first.at("next").as_string()))).as_object();
  const auto back =
      parse(get("/activepieces/v1/flow-runs?limit=7&cursor=" + std::string(second.at("previous").as_string())))
          .as_object();
  EXPECT_EQ(back.at("data"), first.at("data"));
  EXPECT_TRUE(back.at("previous").is_null());
}

TEST_F(ImbraceRoutes, RunFilters) {
  auto count = [&](const std::string& query) {
    auto res = get("/activepieces/v1/flow-runs?limit=100&" + query);
    EXPECT_EQ(res.result_int(), 200) << query << " -> " << res.body();
    return parse(res).at("data").as_array().size();
  };
  EXPECT_EQ(count("status=FAILED"), 5u);
  EXPECT_EQ(count("status=FAILED,SUCCEEDED"), 25u);
  EXPECT_EQ(count("tags=even"), 13u);
  EXPECT_EQ(count("tags=even&tags=odd"), 25u);
  EXPECT_EQ(count("tags=even,odd"), 25u);
  EXPECT_EQ(count("projectId=" + server_->seed().imbrace.project_id), 25u);
  EXPECT_EQ(count("createdAfter=2999-01-01T00:00:00.000Z"), 0u);
  EXPECT_EQ(count("createdBefore=2999-01-01T00:00:00Z&createdAfter=2000-01-01T00:00:00%2B01:00"), 25u);
  EXPECT_EQ(get("/activepieces/v1/flow-runs?createdAfter=yesterday").result_int(), 400);
  EXPECT_EQ(get("/activepieces/v1/flow-runs/unknown").result_int(), 404);
}

TEST_F(ImbraceRoutes, ChannelAutomation) {
  auto all = parse(get("/channel-service/v1/workflows/channel_automation")).as_object();
  EXPECT_EQ(all.at("data").as_array().size(), 6u);
  auto web = parse(get("/channel-service/v1/workflows/channel_automation?channelType=web")).as_object();
  ASSERT_EQ(web.at("data").as_array().size(), 1u);
  EXPECT_EQ(web.at("data").as_array()[0].at("channelType"), "web");
}

TEST_F(ImbraceRoutes, UnknownRouteIsFastify404) {
  auto res = get("/activepieces/v1/nothing-here");
  ASSERT_EQ(res.result_int(), 404);
  EXPECT_EQ(parse(res).at("statusCode"), 404);
  EXPECT_EQ(get("/elsewhere").result_int(), 404);
}

class SyncTimeout : public ImbraceRoutes {
 protected:
  static server_options options() {
    auto o = plain_options();
    o.imbrace.sync_timeout = std::chrono::milliseconds(300);
    return o;
  }
  SyncTimeout() : ImbraceRoutes(options()) {}
};

TEST_F(SyncTimeout, WithoutReturnResponseAnswers204AfterTheTimeout) {
  const std::string id(create_flow("No response").at("id").as_string());
  operate(id, webhook_trigger);
  operate(id, R"({"type":"LOCK_AND_PUBLISH","request":{}})");
  const auto start = std::chrono::steady_clock::now();
  auto res = post("/activepieces/v1/webhooks/" + id + "/sync", "{}", {});
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(res.result_int(), 204);
  EXPECT_EQ(res[http::field::content_length], "0");
  EXPECT_FALSE(res["x-webhook-id"].empty());
  EXPECT_GE(waited, std::chrono::milliseconds(290));
  EXPECT_LT(waited, std::chrono::seconds(3));
}

}  // namespace
}  // namespace flowsdk::emulator::test
