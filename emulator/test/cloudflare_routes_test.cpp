// The Cloudflare Workflows routes over plain HTTP: envelope, auth, route precedence, workflows,
// instances and their status machine, events, step output, listing, batch jobs, retention,
// settings and versions.

#include "flowsdk/emulator/server.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace flowsdk::emulator::test {
namespace {

const headers bearer = {{"authorization", "Bearer cf_emulator_token"}};
const headers key_auth = {{"x-auth-email", "emulator@example.com"}, {"x-auth-key", "cf_emulator_key"}};
const std::string base = "/client/v4/accounts/acc-1/workflows";

server_options cf_options(double scale, bool seed = false) {
  server_options o;
  o.tls = false;
  o.seed = seed;
  o.cloudflare.time_scale = scale;
  return o;
}

std::string body(const json::value& v) { return json::serialize(v); }

class CloudflareRoutes : public ::testing::Test {
 protected:
  explicit CloudflareRoutes(server_options o = cf_options(0.05)) : server_(std::move(o)) {}

  response req(http::verb m, const std::string& path, const std::string& b = {}, const headers& h = bearer) {
    return call(server_->port(), m, path, b, h);
  }
  /// A 200 success envelope; returns the whole body.
  json::object ok(http::verb m, const std::string& path, const std::string& b = {}, const headers& h = bearer) {
    auto res = req(m, path, b, h);
    EXPECT_EQ(res.result_int(), 200) << m << " " << path << " -> " << res.body();
    auto v = parse(res).as_object();
    EXPECT_EQ(v.at("success"), true) << res.body();
    EXPECT_TRUE(v.at("errors").as_array().empty());
    EXPECT_TRUE(v.at("messages").as_array().empty());
    return v;
  }
  json::value result(http::verb m, const std::string& path, const std::string& b = {}) {
    return ok(m, path, b).at("result");
  }
  /// A failure envelope with `status`; returns errors[0].
  json::object fail(http::verb m, const std::string& path, const std::string& b, int status,
                    const headers& h = bearer) {
    auto res = req(m, path, b, h);
    EXPECT_EQ(res.result_int(), status) << m << " " << path << " " << b << " -> " << res.body();
    EXPECT_EQ(res[http::field::content_type], "application/json; charset=utf-8");
    auto v = parse(res).as_object();
    EXPECT_EQ(v.at("success"), false);
    EXPECT_TRUE(v.at("result").is_null());
    EXPECT_TRUE(v.at("messages").is_array());
    EXPECT_EQ(v.at("errors").as_array().size(), 1u);
    auto& e = v.at("errors").at(0).as_object();
    EXPECT_TRUE(e.at("code").is_number());
    EXPECT_TRUE(e.at("message").is_string());
    return e;
  }
  json::object put_wf(const std::string& name, const std::string& script, json::object extra = {}) {
    extra["class_name"] = "Cls";
    extra["script_name"] = script;
    return result(http::verb::put, base + "/" + name, body(extra)).as_object();
  }
  std::string create(const std::string& wf, const json::object& b = {}) {
    return std::string(result(http::verb::post, base + "/" + wf + "/instances", body(b)).at("id").as_string());
  }
  json::object details(const std::string& wf, const std::string& id, const std::string& query = {}) {
    return result(http::verb::get, base + "/" + wf + "/instances/" + id + query).as_object();
  }
  std::string status_of(const std::string& wf, const std::string& id) {
    return std::string(details(wf, id, "?simple=true").at("status").as_string());
  }
  json::object wait_for(const std::string& wf, const std::string& id, const std::string& status,
                        std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      auto d = details(wf, id);
      if (d.at("status") == status || std::chrono::steady_clock::now() > deadline) {
        EXPECT_EQ(d.at("status"), status) << body(d);
        return d;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  json::object patch_status(const std::string& wf, const std::string& id, const json::object& b) {
    return result(http::verb::patch, base + "/" + wf + "/instances/" + id + "/status", body(b)).as_object();
  }

  background_server server_;
};

// A world 2x slower than real time: "slow" ticks take 100 ms, so there is room to act mid-run.
class CloudflareSlow : public CloudflareRoutes {
 protected:
  CloudflareSlow() : CloudflareRoutes(cf_options(2.0)) {}
};

// ---------------------------------------------------------------------------------------------
// Envelope, auth, routing

TEST_F(CloudflareRoutes, AuthModes) {
  put_wf("w", "echo");
  const auto path = base + "/w";
  EXPECT_EQ(fail(http::verb::get, path, {}, 401, {}).at("code"), 10000);
  fail(http::verb::get, path, {}, 401, {{"authorization", "Bearer nope"}});
  fail(http::verb::get, path, {}, 401, {{"x-auth-email", "emulator@example.com"}});
  fail(http::verb::get, path, {}, 401, {{"x-auth-key", "cf_emulator_key"}});
  fail(http::verb::get, path, {}, 401, {{"x-auth-email", "other@example.com"}, {"x-auth-key", "cf_emulator_key"}});
  auto res = req(http::verb::get, path, {}, {{"x-auth-email", "emulator@example.com"}});
  EXPECT_EQ(parse(res).at("messages").at(0), "X-Auth-Email and X-Auth-Key must be sent together");
  ok(http::verb::get, path, {}, {{"x-auth-email", "emulator@example.com"}, {"x-auth-key", "cf_emulator_key"}});
  ok(http::verb::get, path, {}, {{"x-user-agent", "x"}, {"authorization", "Bearer cf_emulator_token"}});
  ok(http::verb::get, path, {}, {{"x-auth-user-service-key", "v1.0-cf_emulator_service_key"}});
  // Everything at once, as the TS SDK sends every configured credential.
  ok(http::verb::get, path, {},
     {{"authorization", "Bearer cf_emulator_token"},
      {"x-auth-email", "emulator@example.com"},
      {"x-auth-key", "cf_emulator_key"}});
  // Unknown routes under /client/v4 need credentials too and answer in the envelope.
  fail(http::verb::get, "/client/v4/zones", {}, 401, {});
  EXPECT_EQ(fail(http::verb::get, "/client/v4/zones", {}, 404).at("code"), 10002);
}

TEST_F(CloudflareRoutes, BothMountPointsShareState) {
  put_wf("shared", "echo");
  const auto r = result(http::verb::get, "/accounts/acc-1/workflows/shared");
  EXPECT_EQ(r.at("name"), "shared");
  // Accounts are separate.
  fail(http::verb::get, "/client/v4/accounts/acc-2/workflows/shared", {}, 404);
}

TEST_F(CloudflareRoutes, RoutePrecedenceAndMethods) {
  put_wf("w", "echo");
  // /settings is not a workflow name.
  EXPECT_TRUE(result(http::verb::get, base + "/settings").as_object().contains("default_retention"));
  fail(http::verb::put, base + "/settings", body(json::object{{"class_name", "C"}, {"script_name", "s"}}), 400);
  EXPECT_EQ(fail(http::verb::delete_, base + "/settings", {}, 405).at("code"), 10003);
  fail(http::verb::post, base + "/settings", "{}", 405);
  // Literal instance paths before {instance_id}.
  fail(http::verb::get, base + "/w/instances/batch", {}, 405);
  fail(http::verb::get, base + "/w/instances/batch/delete", {}, 405);
  fail(http::verb::get, base + "/w/instances/batch/terminate", {}, 405);
  fail(http::verb::post, base + "/w/instances/terminate", "[]", 405);
  EXPECT_EQ(result(http::verb::get, base + "/w/instances/terminate").at("status"), "not_running");
  fail(http::verb::post, base + "/w/instances", body(json::object{{"instance_id", "batch"}}), 400);
  fail(http::verb::post, base + "/w/instances", body(json::object{{"instance_id", "terminate"}}), 400);
  fail(http::verb::post, base, "{}", 405);
  fail(http::verb::post, base + "/w", "{}", 405);
  fail(http::verb::put, base + "/w/instances", "{}", 405);
  fail(http::verb::get, base + "/w/instances/x/status", {}, 405);
  EXPECT_EQ(fail(http::verb::get, base + "/w/nothing", {}, 404).at("code"), 10002);
  EXPECT_EQ(fail(http::verb::get, base + "/w/instances/x/events/t/u", {}, 404).at("code"), 10002);
}

// ---------------------------------------------------------------------------------------------
// Workflows

TEST_F(CloudflareRoutes, PutWorkflowValidatesAndVersions) {
  fail(http::verb::put, base + "/w", "{}", 400);
  fail(http::verb::put, base + "/w", body(json::object{{"class_name", "C"}}), 400);
  fail(http::verb::put, base + "/w", body(json::object{{"class_name", ""}, {"script_name", "s"}}), 400);
  fail(http::verb::put, base + "/w", body(json::object{{"class_name", std::string(256, 'c')}, {"script_name", "s"}}),
       400);
  fail(http::verb::put, base + "/w", "not json", 400);
  fail(http::verb::put, base + "/" + std::string(65, 'n'),
       body(json::object{{"class_name", "C"}, {"script_name", "s"}}), 400);
  fail(http::verb::put, base + "/w",
       body(json::object{
           {"class_name", "C"}, {"script_name", "s"}, {"default_retention", {{"error_retention", "soon"}}}}),
       400);
  fail(http::verb::put, base + "/w",
       body(json::object{{"class_name", "C"}, {"script_name", "s"}, {"limits", {{"steps", 0}}}}), 400);

  const auto first =
      put_wf("w", "echo",
             json::object{{"default_retention", {{"error_retention", "5 minutes"}, {"success_retention", 1000}}},
                          {"limits", {{"steps", 3}}},
                          {"schedules", json::array{json::object{{"cron", "*/5 * * * *"}}}}});
  EXPECT_EQ(first.at("name"), "w");
  EXPECT_EQ(first.at("is_deleted"), 0);
  EXPECT_EQ(first.at("terminator_running"), 0);
  EXPECT_TRUE(first.at("triggered_on").is_null());
  const auto second = put_wf("w", "pipeline");
  EXPECT_EQ(second.at("id"), first.at("id"));
  EXPECT_NE(second.at("version_id"), first.at("version_id"));
  EXPECT_EQ(second.at("script_name"), "pipeline");

  const auto versions = ok(http::verb::get, base + "/w/versions");
  const auto& list = versions.at("result").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("id"), second.at("version_id"));  // newest first
  EXPECT_EQ(list[1].at("default_retention").at("error_retention"), 300000);
  EXPECT_EQ(list[1].at("default_retention").at("success_retention"), 1000);
  EXPECT_EQ(list[1].at("limits").at("steps"), 3);
  EXPECT_EQ(list[1].at("has_dag"), false);
  EXPECT_EQ(list[1].at("language"), "javascript");
  EXPECT_EQ(list[1].at("workflow_id"), first.at("id"));
  EXPECT_EQ(versions.at("result_info").at("total_count"), 2);
  EXPECT_EQ(versions.at("result_info").at("per_page"), 50);

  const auto w = result(http::verb::get, base + "/w").as_object();
  EXPECT_EQ(w.at("schedules").at(0).at("cron"), "*/5 * * * *");
  EXPECT_TRUE(w.at("schedules").at(0).at("next_instance").is_string());
  EXPECT_EQ(w.at("instances").at("queued"), 0);
  EXPECT_EQ(w.at("instances").at("waitingForPause"), 0);
}

TEST_F(CloudflareRoutes, GetCountsInstancesPerStatus) {
  put_wf("w", "echo");
  put_wf("f", "failing");
  const auto a = create("w");
  create("f", json::object{{"instance_id", "bad"}});
  wait_for("w", a, "complete");
  wait_for("f", "bad", "errored");
  EXPECT_EQ(result(http::verb::get, base + "/w").at("instances").at("complete"), 1);
  EXPECT_EQ(result(http::verb::get, base + "/f").at("instances").at("errored"), 1);
  EXPECT_TRUE(result(http::verb::get, base + "/w").at("triggered_on").is_string());
}

TEST_F(CloudflareRoutes, ListWorkflowsPagesAndSearches) {
  for (const auto* n : {"delta", "alpha", "charlie", "bravo", "alpha-2"}) put_wf(n, "echo");
  auto page = ok(http::verb::get, base + "?per_page=2");
  auto names = [](const json::object& b) {
    std::vector<std::string> out;
    for (const auto& w : b.at("result").as_array()) out.emplace_back(w.at("name").as_string());
    return out;
  };
  EXPECT_EQ(names(page), (std::vector<std::string>{"alpha", "alpha-2"}));
  const auto& info = page.at("result_info").as_object();
  EXPECT_EQ(info.at("page"), 1);
  EXPECT_EQ(info.at("per_page"), 2);
  EXPECT_EQ(info.at("count"), 2);
  EXPECT_EQ(info.at("total_count"), 5);
  EXPECT_EQ(info.at("total_pages"), 3);
  EXPECT_EQ(names(ok(http::verb::get, base + "?per_page=2&page=3")), (std::vector<std::string>{"delta"}));
  auto past = ok(http::verb::get, base + "?per_page=2&page=4");
  EXPECT_TRUE(past.at("result").as_array().empty());
  EXPECT_EQ(past.at("result_info").at("count"), 0);
  EXPECT_EQ(ok(http::verb::get, base).at("result_info").at("per_page"), 10);
  EXPECT_EQ(names(ok(http::verb::get, base + "?search=alpha")), (std::vector<std::string>{"alpha", "alpha-2"}));
  EXPECT_EQ(names(ok(http::verb::get, base + "?search=ar")), (std::vector<std::string>{"charlie"}));
  fail(http::verb::get, base + "?per_page=0", {}, 400);
  fail(http::verb::get, base + "?per_page=101", {}, 400);
  fail(http::verb::get, base + "?page=0", {}, 400);
  fail(http::verb::get, base + "?page=x", {}, 400);
}

TEST_F(CloudflareRoutes, DeleteWorkflowRemovesItsInstances) {
  put_wf("w", "echo");
  const auto id = create("w");
  const auto r = result(http::verb::delete_, base + "/w");
  EXPECT_EQ(r.at("status"), "ok");
  EXPECT_EQ(r.at("success"), true);
  EXPECT_EQ(fail(http::verb::delete_, base + "/w", {}, 404).at("code"), 10200);
  fail(http::verb::get, base + "/w", {}, 404);
  put_wf("w", "echo");  // a new workflow of the same name starts empty
  fail(http::verb::get, base + "/w/instances/" + id, {}, 404);
  EXPECT_EQ(ok(http::verb::get, base + "/w/instances").at("result_info").at("total_count"), 0);
}

TEST_F(CloudflareRoutes, SettingsMergePartially) {
  EXPECT_TRUE(result(http::verb::get, base + "/settings").at("default_retention").as_object().empty());
  auto r = result(http::verb::patch, base + "/settings",
                  body(json::object{{"default_retention", {{"error_retention", "1 day"}}}}));
  EXPECT_EQ(r.at("default_retention").at("error_retention"), 86400000);
  r = result(http::verb::patch, base + "/settings",
             body(json::object{{"default_retention", {{"success_retention", 5000}}}}));
  EXPECT_EQ(r.at("default_retention").at("error_retention"), 86400000);
  EXPECT_EQ(r.at("default_retention").at("success_retention"), 5000);
  r = result(http::verb::get, base + "/settings");
  EXPECT_EQ(r.at("default_retention").as_object().size(), 2u);
  r = result(http::verb::patch, base + "/settings",
             body(json::object{{"default_retention", {{"error_retention", nullptr}}}}));
  EXPECT_FALSE(r.at("default_retention").as_object().contains("error_retention"));
  fail(http::verb::patch, base + "/settings", body(json::object{{"default_retention", {{"success_retention", "x"}}}}),
       400);
  fail(http::verb::patch, base + "/settings", body(json::object{{"default_retention", 5}}), 400);
}

// ---------------------------------------------------------------------------------------------
// Instances: create, details, step output

TEST_F(CloudflareRoutes, CreateValidates) {
  put_wf("w", "echo");
  const auto path = base + "/w/instances";
  fail(http::verb::post, base + "/nope/instances", "{}", 404);
  for (const auto* bad : {"-starts-with-dash", "has space", "sl/ash", "ümlaut", ""})
    fail(http::verb::post, path, body(json::object{{"instance_id", bad}}), 400);
  fail(http::verb::post, path, body(json::object{{"instance_id", std::string(101, 'a')}}), 400);
  fail(http::verb::post, path, body(json::object{{"instance_id", "cf_" + std::string(64, 'a')}}), 400);
  fail(http::verb::post, path, body(json::object{{"instance_id", 5}}), 400);
  fail(http::verb::post, path, body(json::object{{"location_hint", "mars"}}), 400);
  fail(http::verb::post, path, body(json::object{{"instance_retention", {{"success_retention", "later"}}}}), 400);
  fail(http::verb::post, path, "[1]", 400);
  fail(http::verb::post, path, "{", 400);

  const auto made =
      result(http::verb::post, path,
             body(json::object{{"instance_id", "_ok-1"}, {"location_hint", "apac-ne"}, {"params", "{\"a\":[1,2]}"}}))
          .as_object();
  EXPECT_EQ(made.at("id"), "_ok-1");
  EXPECT_EQ(made.at("status"), "queued");
  EXPECT_EQ(made.at("trigger_source"), "api");
  const auto wf = result(http::verb::get, base + "/w").as_object();
  EXPECT_EQ(made.at("workflow_id"), wf.at("id"));
  EXPECT_EQ(fail(http::verb::post, path, body(json::object{{"instance_id", "_ok-1"}}), 409).at("code"), 10401);
  ok(http::verb::post, path, body(json::object{{"instance_id", std::string(100, 'a')}}));  // 100 is fine
  // params given as a JSON string are stored parsed; other strings stay strings.
  EXPECT_EQ(details("w", "_ok-1").at("params"), (json::object{{"a", json::array{1, 2}}}));
  const auto plain = create("w", json::object{{"params", "params"}});
  EXPECT_EQ(details("w", plain).at("params"), "params");
  // No body at all: an instance with a generated uuid.
  auto res = req(http::verb::post, path);
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(parse(res).at("result").at("id").as_string().size(), 36u);
}

TEST_F(CloudflareRoutes, BatchCreateIsAllOrNothing) {
  put_wf("w", "echo");
  const auto path = base + "/w/instances/batch";
  fail(http::verb::post, path, "[]", 400);
  fail(http::verb::post, path, "{}", 400);
  fail(http::verb::post, path, {}, 400);
  json::array many;
  for (int k = 0; k < 101; ++k) many.emplace_back(json::object{});
  fail(http::verb::post, path, body(many), 400);
  fail(http::verb::post, path,
       body(json::array{json::object{{"instance_id", "a"}}, json::object{{"instance_id", "bad id"}}}), 400);
  fail(http::verb::post, path,
       body(json::array{json::object{{"instance_id", "a"}}, json::object{{"instance_id", "a"}}}), 409);
  EXPECT_EQ(ok(http::verb::get, base + "/w/instances").at("result_info").at("total_count"), 0);
  const auto made = result(http::verb::post, path,
                           body(json::array{json::object{{"instance_id", "a"}}, json::object{{"params", {{"x", 1}}}}}))
                        .as_array();
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made[0].at("id"), "a");
  EXPECT_EQ(made[1].at("status"), "queued");
  fail(http::verb::post, path,
       body(json::array{json::object{{"instance_id", "b"}}, json::object{{"instance_id", "a"}}}), 409);
  fail(http::verb::get, base + "/w/instances/b", {}, 404);
}

TEST_F(CloudflareRoutes, EchoDetails) {
  put_wf("w", "echo");
  const auto version = result(http::verb::get, base + "/w/versions").at(0).at("id");
  const auto id = create("w", json::object{{"params", {{"hello", "world"}}}});
  auto d = wait_for("w", id, "complete");
  EXPECT_EQ(d.at("output"), (json::object{{"hello", "world"}}));
  EXPECT_EQ(d.at("params"), (json::object{{"hello", "world"}}));
  EXPECT_EQ(d.at("versionId"), version);
  EXPECT_EQ(d.at("trigger").at("source"), "api");
  EXPECT_EQ(d.at("success"), true);
  EXPECT_TRUE(d.at("error").is_null());
  EXPECT_TRUE(d.at("rollback").is_null());
  EXPECT_TRUE(d.at("queued").is_string() && d.at("start").is_string() && d.at("end").is_string());
  EXPECT_EQ(d.at("step_count"), 1);
  const auto& step = d.at("steps").at(0).as_object();
  EXPECT_EQ(step.at("type"), "step");
  EXPECT_EQ(step.at("name"), "echo");
  EXPECT_EQ(step.at("output"), (json::object{{"hello", "world"}}));
  EXPECT_EQ(step.at("attempts").at(0).at("success"), true);
  EXPECT_EQ(step.at("config").at("retries").at("backoff"), "exponential");
  const auto simple = details("w", id, "?simple=true");
  EXPECT_EQ(simple.at("step_count"), 1);
  EXPECT_TRUE(simple.at("steps").as_array().empty());
  fail(http::verb::get, base + "/w/instances/" + id + "?simple=yes", {}, 400);
  fail(http::verb::get, base + "/w/instances/" + id + "?order=up", {}, 400);
  EXPECT_EQ(fail(http::verb::get, base + "/w/instances/nope", {}, 404).at("code"), 10400);
}

TEST_F(CloudflareRoutes, StepOrderDesc) {
  put_wf("w", "slow");
  const auto id = create("w");
  wait_for("w", id, "complete");
  const auto asc = details("w", id, "?order=asc").at("steps").as_array();
  const auto desc = details("w", id, "?order=desc").at("steps").as_array();
  ASSERT_EQ(asc.size(), 20u);
  EXPECT_EQ(asc[0].at("name"), "tick-1");
  EXPECT_EQ(desc[0].at("name"), "tick-20");
  EXPECT_EQ(desc[19].at("name"), "tick-1");
}

TEST_F(CloudflareRoutes, StepOutputJsonRedactedAndRaw) {
  put_wf("s", "sensitive");
  const auto id = create("s");
  const auto d = wait_for("s", id, "complete");
  const auto path = base + "/s/instances/" + id + "/step";
  EXPECT_EQ(d.at("steps").at(0).at("output"), "[REDACTED]");
  EXPECT_EQ(d.at("steps").at(0).at("config").at("sensitive"), "output");
  const auto secret = result(http::verb::get, path + "?name=secret&type=step").as_object();
  EXPECT_EQ(secret.at("status"), "complete");
  EXPECT_EQ(secret.at("output"), "[REDACTED]");
  EXPECT_TRUE(secret.at("error").is_null());
  auto raw = req(http::verb::get, path + "?name=blob&type=step");
  ASSERT_EQ(raw.result_int(), 200);
  EXPECT_EQ(raw[http::field::content_type], "application/octet-stream");
  ASSERT_EQ(raw.body().size(), 256u);
  for (int k = 0; k < 256; ++k) EXPECT_EQ(static_cast<unsigned char>(raw.body()[k]), k);
  raw = req(http::verb::get, path + "?name=blob&type=step&attempt=1");
  EXPECT_EQ(raw[http::field::content_type], "application/octet-stream");

  EXPECT_EQ(fail(http::verb::get, path + "?name=nope&type=step", {}, 404).at("code"), 10410);
  fail(http::verb::get, path + "?name=secret&type=waitForEvent", {}, 404);
  EXPECT_EQ(fail(http::verb::get, path + "?name=secret&type=step&attempt=2", {}, 404).at("code"), 10411);
  fail(http::verb::get, path + "?name=secret&type=step&attempt=0", {}, 400);
  fail(http::verb::get, path + "?name=secret&type=waitForEvent&attempt=1", {}, 400);
  fail(http::verb::get, path + "?type=step", {}, 400);
  fail(http::verb::get, path + "?name=secret", {}, 400);
  fail(http::verb::get, path + "?name=secret&type=sleep", {}, 400);
  fail(http::verb::get, base + "/s/instances/nope/step?name=secret&type=step", {}, 404);
}

TEST_F(CloudflareRoutes, FlakyAttemptsAreVisible) {
  put_wf("f", "flaky");
  const auto id = create("f");
  const auto d = wait_for("f", id, "complete");
  const auto& step = d.at("steps").at(0).as_object();
  EXPECT_EQ(step.at("name"), "unstable");
  EXPECT_EQ(step.at("config").at("retries").at("limit"), 3);
  EXPECT_EQ(step.at("config").at("retries").at("delay"), 50);
  const auto& att = step.at("attempts").as_array();
  ASSERT_EQ(att.size(), 3u);
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(att[k].at("success"), false);
    EXPECT_EQ(att[k].at("error").at("name"), "Error");
    EXPECT_EQ(att[k].at("error").at("message"), "transient failure");
  }
  EXPECT_EQ(att[2].at("success"), true);
  const auto path = base + "/f/instances/" + id + "/step?name=unstable&type=step";
  auto one = result(http::verb::get, path + "&attempt=1").as_object();
  EXPECT_EQ(one.at("status"), "errored");
  EXPECT_EQ(one.at("error").at("message"), "transient failure");
  EXPECT_TRUE(one.at("output").is_null());
  auto three = result(http::verb::get, path + "&attempt=3").as_object();
  EXPECT_EQ(three.at("status"), "complete");
  EXPECT_EQ(three.at("output"), (json::object{{"attempts", 3}}));
  EXPECT_EQ(result(http::verb::get, path).at("status"), "complete");
  fail(http::verb::get, path + "&attempt=4", {}, 404);
}

TEST_F(CloudflareRoutes, FailingErrors) {
  put_wf("f", "failing");
  const auto id = create("f");
  const auto d = wait_for("f", id, "errored");
  EXPECT_EQ(d.at("error"), (json::object{{"name", "Error"}, {"message", "explode failed"}}));
  EXPECT_EQ(d.at("success"), false);
  EXPECT_TRUE(d.at("output").is_null());
  const auto s = result(http::verb::get, base + "/f/instances/" + id + "/step?name=explode&type=step").as_object();
  EXPECT_EQ(s.at("status"), "errored");
  EXPECT_EQ(s.at("error").at("message"), "explode failed");
}

TEST_F(CloudflareRoutes, StepLimitFromTheVersion) {
  put_wf("w", "slow", json::object{{"limits", {{"steps", 3}}}});
  const auto id = create("w");
  const auto d = wait_for("w", id, "errored");
  EXPECT_EQ(d.at("steps").as_array().size(), 3u);
}

// ---------------------------------------------------------------------------------------------
// Events

TEST_F(CloudflareRoutes, EventsWakeAWaitingInstance) {
  put_wf("p", "pipeline");
  const auto id = create("p", json::object{{"params", {{"sleep_ms", 0}, {"timeout_ms", 60000}}}});
  // Wait until the approval step is waiting.
  for (int k = 0; k < 2000; ++k) {
    const auto d = details("p", id);
    const auto& steps = d.at("steps").as_array();
    if (!steps.empty() && steps.back().at("name") == "approval") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(status_of("p", id), "waiting");
  const auto r =
      result(http::verb::post, base + "/p/instances/" + id + "/events/approval", body(json::object{{"amount", 12.5}}))
          .as_object();
  EXPECT_EQ(r.at("instanceId"), id);
  EXPECT_TRUE(r.at("timestamp").is_string());
  const auto d = wait_for("p", id, "complete");
  EXPECT_EQ(d.at("output"), (json::object{{"approved", true}, {"charged", 12.5}}));
  const auto s =
      result(http::verb::get, base + "/p/instances/" + id + "/step?name=approval&type=waitForEvent").as_object();
  EXPECT_EQ(s.at("status"), "complete");
  EXPECT_EQ(s.at("event_type"), "approval");
  EXPECT_EQ(s.at("output"), (json::object{{"amount", 12.5}}));
  // A finished instance takes no events; an unknown one is 404.
  EXPECT_EQ(fail(http::verb::post, base + "/p/instances/" + id + "/events/approval", "{}", 400).at("code"), 10404);
  fail(http::verb::post, base + "/p/instances/nope/events/approval", "{}", 404);
}

TEST_F(CloudflareRoutes, EventsSentEarlyAreBufferedAndEmptyBodyIsAnObject) {
  put_wf("p", "pipeline");
  const auto id = create("p", json::object{{"params", {{"sleep_ms", 200}}}});
  // No payload, but content-type: application/json, as the SDK sends it.
  auto res = req(http::verb::post, base + "/p/instances/" + id + "/events/approval", {},
                 {{"authorization", "Bearer cf_emulator_token"}, {"content-type", "application/json"}});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  const auto d = wait_for("p", id, "complete");
  EXPECT_EQ(d.at("output").at("charged"), 0);
  EXPECT_EQ(d.at("steps").at(2).at("output"), json::object{});
}

TEST_F(CloudflareRoutes, WaitForEventTimesOut) {
  put_wf("p", "pipeline");
  const auto id = create("p", json::object{{"params", {{"sleep_ms", 0}, {"timeout_ms", 200}}}});
  const auto d = wait_for("p", id, "errored");
  EXPECT_EQ(d.at("error").at("name"), "WorkflowTimeoutError");
  const auto s =
      result(http::verb::get, base + "/p/instances/" + id + "/step?name=approval&type=waitForEvent").as_object();
  EXPECT_EQ(s.at("status"), "errored");
}

// ---------------------------------------------------------------------------------------------
// Status changes

TEST_F(CloudflareSlow, PauseResumeAndNoOps) {
  put_wf("w", "slow");
  // Every instance starts in the queue; read from the create reply itself, since a GET after it
  // can miss the 20 ms in the queue on a loaded machine.
  const auto created = result(http::verb::post, base + "/w/instances", body(json::object{})).as_object();
  const std::string id(created.at("id").as_string());
  EXPECT_EQ(created.at("status"), "queued");
  wait_for("w", id, "running");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "pause"}}).at("status"), "waitingForPause");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "pause"}}).at("status"), "waitingForPause");  // no-op
  auto d = wait_for("w", id, "paused");
  const auto steps = d.at("steps").as_array().size();
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(details("w", id).at("steps").as_array().size(), steps);  // frozen
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "pause"}}).at("status"), "paused");
  const auto resumed = patch_status("w", id, json::object{{"status", "resume"}});
  EXPECT_EQ(resumed.at("status"), "queued");
  EXPECT_TRUE(resumed.at("timestamp").is_string());
  wait_for("w", id, "running");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "resume"}}).at("status"), "running");  // no-op
  // waitingForPause -> resume cancels the pause.
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "pause"}}).at("status"), "waitingForPause");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "resume"}}).at("status"), "running");
  d = wait_for("w", id, "complete");
  EXPECT_EQ(d.at("steps").as_array().size(), 20u);
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "pause"}}).at("status"), "complete");   // no-op
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "resume"}}).at("status"), "complete");  // no-op
}

TEST_F(CloudflareSlow, PauseWhileWaitingIsImmediate) {
  put_wf("p", "pipeline");
  const auto id = create("p", json::object{{"params", {{"sleep_ms", 100000}}}});
  for (int k = 0; k < 500 && status_of("p", id) != "waiting"; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(patch_status("p", id, json::object{{"status", "pause"}}).at("status"), "paused");
  // An event to a paused instance is buffered.
  ok(http::verb::post, base + "/p/instances/" + id + "/events/approval", "{}");
  EXPECT_EQ(status_of("p", id), "paused");
}

TEST_F(CloudflareSlow, TerminateAndRollback) {
  put_wf("w", "slow");
  const auto plain = create("w");
  const auto rolled = create("w");
  wait_for("w", plain, "running");
  auto r = patch_status("w", plain, json::object{{"status", "terminate"}});
  EXPECT_EQ(r.at("status"), "terminated");
  auto d = details("w", plain);
  EXPECT_EQ(d.at("steps").as_array().back(), (json::object{{"type", "termination"}, {"trigger", {{"source", "api"}}}}));
  EXPECT_EQ(d.at("success"), false);
  EXPECT_TRUE(d.at("rollback").is_null());
  EXPECT_EQ(fail(http::verb::patch, base + "/w/instances/" + plain + "/status",
                 body(json::object{{"status", "terminate"}}), 400)
                .at("code"),
            10402);

  // Let two ticks finish, then terminate with rollback: two rollback steps, newest first.
  for (int k = 0; k < 1000; ++k) {
    const auto steps = details("w", rolled).at("steps").as_array();
    if (steps.size() >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r = patch_status("w", rolled, json::object{{"status", "terminate"}, {"rollback", true}});
  EXPECT_EQ(r.at("status"), "rollingBack");
  EXPECT_EQ(status_of("w", rolled), "rollingBack");
  EXPECT_EQ(fail(http::verb::patch, base + "/w/instances/" + rolled + "/status",
                 body(json::object{{"status", "restart"}}), 409)
                .at("code"),
            10403);
  d = wait_for("w", rolled, "terminated");
  EXPECT_EQ(d.at("rollback"), (json::object{{"outcome", "complete"}, {"error", nullptr}}));
  std::vector<std::string> rollbacks;
  for (const auto& s : d.at("steps").as_array())
    if (s.at("type") == "rollback") rollbacks.emplace_back(s.at("name").as_string());
  ASSERT_GE(rollbacks.size(), 2u);
  EXPECT_EQ(rollbacks.back(), "tick-1");
  EXPECT_EQ(d.at("steps").as_array().back().at("type"), "termination");
}

TEST_F(CloudflareSlow, FailingRollbackAfterPause) {
  put_wf("f", "failing");
  const auto id = create("f");
  wait_for("f", id, "running");
  patch_status("f", id, json::object{{"status", "pause"}});  // takes effect once "prepare" is done
  auto d = wait_for("f", id, "paused");
  ASSERT_EQ(d.at("steps").as_array().size(), 1u);
  EXPECT_EQ(patch_status("f", id, json::object{{"status", "terminate"}, {"rollback", true}}).at("status"),
            "rollingBack");
  d = wait_for("f", id, "terminated");
  const auto& steps = d.at("steps").as_array();
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1].at("type"), "rollback");
  EXPECT_EQ(steps[1].at("name"), "prepare");
  EXPECT_EQ(steps[1].at("success"), true);
}

TEST_F(CloudflareRoutes, RestartFromStartAndFromAStep) {
  put_wf("w", "slow");
  const auto id = create("w", json::object{{"instance_id", "re"}, {"params", {{"k", 1}}}});
  auto first = wait_for("w", id, "complete");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "restart"}}).at("status"), "queued");
  auto again = wait_for("w", id, "complete");
  EXPECT_EQ(again.at("params"), (json::object{{"k", 1}}));
  EXPECT_NE(again.at("steps").at(0).at("start"), first.at("steps").at(0).at("start"));

  const auto kept = again.at("steps").at(3).at("start");
  EXPECT_EQ(patch_status("w", id, json::object{{"status", "restart"}, {"from", {{"name", "tick"}, {"count", 5}}}})
                .at("status"),
            "queued");
  auto partial = wait_for("w", id, "complete");
  EXPECT_EQ(partial.at("steps").at(3).at("start"), kept);  // steps before tick-5 kept
  EXPECT_NE(partial.at("steps").at(4).at("start"), again.at("steps").at(4).at("start"));
  EXPECT_EQ(partial.at("steps").as_array().size(), 20u);

  const auto path = base + "/w/instances/" + id + "/status";
  EXPECT_EQ(fail(http::verb::patch, path, body(json::object{{"status", "restart"}, {"from", {{"name", "nope"}}}}), 404)
                .at("code"),
            10410);
  fail(http::verb::patch, path,
       body(json::object{{"status", "restart"}, {"from", {{"name", "tick"}, {"type", "sleep"}}}}), 404);
  // Invalid bodies.
  fail(http::verb::patch, path, body(json::object{{"status", "explode"}}), 400);
  fail(http::verb::patch, path, body(json::object{}), 400);
  fail(http::verb::patch, path, {}, 400);
  fail(http::verb::patch, path, body(json::object{{"status", "pause"}, {"rollback", true}}), 400);
  fail(http::verb::patch, path, body(json::object{{"status", "terminate"}, {"rollback", "yes"}}), 400);
  fail(http::verb::patch, path, body(json::object{{"status", "restart"}, {"from", {{"count", 2}}}}), 400);
  fail(http::verb::patch, path, body(json::object{{"status", "restart"}, {"from", {{"name", "tick"}, {"count", 0}}}}),
       400);
  fail(http::verb::patch, path,
       body(json::object{{"status", "restart"}, {"from", {{"name", "tick"}, {"type", "loop"}}}}), 400);
  fail(http::verb::patch, path, body(json::object{{"status", "resume"}, {"from", {{"name", "tick"}}}}), 400);
  fail(http::verb::patch, base + "/w/instances/nope/status", body(json::object{{"status", "pause"}}), 404);
}

TEST_F(CloudflareRoutes, RestartAnErroredInstance) {
  put_wf("f", "failing");
  const auto id = create("f");
  wait_for("f", id, "errored");
  EXPECT_EQ(patch_status("f", id, json::object{{"status", "restart"}, {"from", {{"name", "explode"}}}}).at("status"),
            "queued");
  const auto d = wait_for("f", id, "errored");
  EXPECT_EQ(d.at("steps").as_array().size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Deletes and batch jobs

TEST_F(CloudflareRoutes, DeleteAndBatchDelete) {
  put_wf("w", "echo");
  for (const auto* id : {"a", "b", "c"}) create("w", json::object{{"instance_id", id}});
  const auto r = result(http::verb::delete_, base + "/w/instances/a").as_object();
  EXPECT_EQ(r.at("instanceId"), "a");
  EXPECT_TRUE(r.at("timestamp").is_string());
  fail(http::verb::delete_, base + "/w/instances/a", {}, 404);
  const auto b = result(http::verb::post, base + "/w/instances/batch/delete",
                        body(json::object{{"instances", json::array{"b", "zz", "c"}}}))
                     .as_object();
  EXPECT_EQ(b.at("deleted"), (json::array{json::object{{"id", "b"}}, json::object{{"id", "c"}}}));
  EXPECT_EQ(b.at("errors"),
            (json::array{
                json::object{{"id", "zz"}, {"code", 10400}, {"message", "workflows.api.error.instance.not_found"}}}));
  fail(http::verb::post, base + "/w/instances/batch/delete", body(json::object{{"instances", json::array{}}}), 400);
  fail(http::verb::post, base + "/w/instances/batch/delete", "[]", 400);
  EXPECT_EQ(ok(http::verb::get, base + "/w/instances").at("result_info").at("total_count"), 0);
}

TEST_F(CloudflareSlow, BatchTerminateJob) {
  put_wf("w", "slow");
  std::vector<std::string> ids;
  for (int k = 0; k < 3; ++k) ids.push_back(create("w"));
  const auto path = base + "/w/instances/batch/terminate";
  fail(http::verb::post, path, "[]", 400);
  fail(http::verb::post, path, body(json::object{{"instances", json::array{ids[0]}}}), 400);
  auto r =
      result(http::verb::post, path, body(json::array{json::value(ids[0]), json::value(ids[1]), json::value("zz")}));
  EXPECT_EQ(r.at("status"), "ok");
  EXPECT_EQ(r.at("instancesTerminated"), 2);
  EXPECT_EQ(result(http::verb::get, base + "/w/instances/terminate").at("status"), "running");
  r = result(http::verb::post, path, body(json::array{json::value(ids[2])}));
  EXPECT_EQ(r.at("status"), "already_running");
  for (int k = 0; k < 1000 && result(http::verb::get, base + "/w/instances/terminate").at("status") == "running"; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(result(http::verb::get, base + "/w/instances/terminate").at("status"), "not_running");
  EXPECT_EQ(status_of("w", ids[0]), "terminated");
  EXPECT_EQ(status_of("w", ids[1]), "terminated");
  EXPECT_NE(status_of("w", ids[2]), "terminated");
}

// ---------------------------------------------------------------------------------------------
// Listing

class CloudflareListing : public CloudflareRoutes {
 protected:
  void SetUp() override {
    put_wf("w", "echo");
    for (int batch = 0; batch < 3; ++batch) {
      json::array items;
      for (int k = 0; k < 100; ++k) {
        char id[16];
        std::snprintf(id, sizeof id, "i%03d", batch * 100 + k);
        items.emplace_back(json::object{{"instance_id", id}});
      }
      result(http::verb::post, base + "/w/instances/batch", body(items));
      std::this_thread::sleep_for(std::chrono::milliseconds(3));  // distinct created_on per batch
    }
    for (int k = 0; k < 2000 && result(http::verb::get, base + "/w").at("instances").at("complete") != 300; ++k)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
};

TEST_F(CloudflareListing, PageModeSeesEveryInstanceOnce) {
  std::set<std::string> seen;
  std::size_t pages = 0;
  for (int page = 1;; ++page) {
    const auto b = ok(http::verb::get, base + "/w/instances?per_page=7&page=" + std::to_string(page));
    const auto& items = b.at("result").as_array();
    const auto& info = b.at("result_info").as_object();
    EXPECT_EQ(info.at("total_count"), 300);
    EXPECT_EQ(info.at("total_pages"), 43);
    EXPECT_EQ(info.at("page"), page);
    if (items.empty()) break;
    ++pages;
    for (const auto& i : items) {
      EXPECT_TRUE(seen.insert(std::string(i.at("id").as_string())).second);
      EXPECT_EQ(i.at("status"), "complete");
      EXPECT_TRUE(i.at("created_on").is_string() && i.at("started_on").is_string() && i.at("ended_on").is_string());
    }
  }
  EXPECT_EQ(pages, 43u);
  EXPECT_EQ(seen.size(), 300u);
  const auto first = ok(http::verb::get, base + "/w/instances");
  EXPECT_EQ(first.at("result_info").at("per_page"), 50);
  EXPECT_EQ(first.at("result").at(0).at("id"), "i299");  // newest first
}

TEST_F(CloudflareListing, CursorModeBothDirections) {
  for (const std::string dir : {"desc", "asc"}) {
    std::vector<std::string> order;
    std::string cursor;
    std::size_t requests = 0;
    for (;;) {
      std::string q = base + "/w/instances?per_page=40&direction=" + dir;
      if (!cursor.empty()) q += "&cursor=" + cursor;
      const auto b = ok(http::verb::get, q);
      ++requests;
      const auto& info = b.at("result_info").as_object();
      EXPECT_EQ(info.at("total_count"), 300);
      EXPECT_EQ(info.at("per_page"), 40);
      EXPECT_EQ(info.at("count"), b.at("result").as_array().size());
      for (const auto& i : b.at("result").as_array()) order.emplace_back(i.at("id").as_string());
      if (!info.contains("cursor")) break;
      cursor = std::string(info.at("cursor").as_string());
      // URL-safe as it is: no character a query string would change.
      EXPECT_EQ(cursor.find_first_of("+/=&% "), std::string::npos) << cursor;
    }
    EXPECT_EQ(requests, 8u);  // 7 full pages and a last one of 20, which has no cursor
    ASSERT_EQ(order.size(), 300u) << dir;
    EXPECT_EQ(std::set<std::string>(order.begin(), order.end()).size(), 300u);
    EXPECT_EQ(order.front(), dir == "desc" ? "i299" : "i000");
    EXPECT_EQ(order.back(), dir == "desc" ? "i000" : "i299");
  }
}

TEST_F(CloudflareListing, FiltersAndErrors) {
  const auto path = base + "/w/instances";
  EXPECT_EQ(ok(http::verb::get, path + "?status=complete").at("result_info").at("total_count"), 300);
  EXPECT_EQ(ok(http::verb::get, path + "?status=errored").at("result_info").at("total_count"), 0);
  EXPECT_TRUE(ok(http::verb::get, path + "?status=running").at("result").as_array().empty());
  EXPECT_EQ(ok(http::verb::get, path + "?date_start=2000-01-01T00:00:00Z&date_end=2999-01-01T00:00:00Z")
                .at("result_info")
                .at("total_count"),
            300);
  EXPECT_EQ(ok(http::verb::get, path + "?date_end=2000-01-01T00%3A00%3A00Z").at("result_info").at("total_count"), 0);
  // The first batch alone, by the created_on of its newest member.
  const auto i099 = details("w", "i099");
  const auto i100 = details("w", "i100");
  EXPECT_NE(i099.at("queued"), i100.at("queued"));
  const auto upto = ok(http::verb::get, path + "?date_end=" + std::string(i099.at("queued").as_string()));
  EXPECT_EQ(upto.at("result_info").at("total_count"), 100);
  fail(http::verb::get, path + "?status=sleeping", {}, 400);
  fail(http::verb::get, path + "?page=1&cursor=abc", {}, 400);
  fail(http::verb::get, path + "?cursor=not-a-cursor", {}, 400);
  fail(http::verb::get, path + "?per_page=101", {}, 400);
  fail(http::verb::get, path + "?per_page=0", {}, 400);
  fail(http::verb::get, path + "?direction=up", {}, 400);
  fail(http::verb::get, path + "?date_start=yesterday", {}, 400);
  const auto past = ok(http::verb::get, path + "?page=99");
  EXPECT_TRUE(past.at("result").as_array().empty());
}

// ---------------------------------------------------------------------------------------------
// Retention

TEST_F(CloudflareRoutes, RetentionExpiresInstances) {
  put_wf("w", "echo");
  create("w", json::object{{"instance_id", "short"}, {"instance_retention", {{"success_retention", 150}}}});
  create("w", json::object{{"instance_id", "long"}});
  put_wf("d", "echo", json::object{{"default_retention", {{"success_retention", "1 second"}}}});
  create("d", json::object{{"instance_id", "wf-default"}, {"instance_retention", {{"error_retention", 1}}}});
  wait_for("w", "short", "complete");
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(fail(http::verb::get, base + "/w/instances/short", {}, 404).at("code"), 10400);
  EXPECT_EQ(ok(http::verb::get, base + "/w/instances").at("result_info").at("total_count"), 1);
  EXPECT_EQ(status_of("w", "long"), "complete");
  EXPECT_EQ(status_of("d", "wf-default"), "complete");  // success_retention from the workflow: 1 s
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  fail(http::verb::get, base + "/d/instances/wf-default", {}, 404);
  // Account settings apply last.
  result(http::verb::patch, base + "/settings", body(json::object{{"default_retention", {{"error_retention", 100}}}}));
  put_wf("f", "failing");
  create("f", json::object{{"instance_id", "gone"}});
  wait_for("f", "gone", "errored");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  fail(http::verb::get, base + "/f/instances/gone", {}, 404);
}

// ---------------------------------------------------------------------------------------------
// Versions

TEST_F(CloudflareRoutes, VersionGraphAndDag) {
  put_wf("p", "pipeline");
  const auto v = result(http::verb::get, base + "/p/versions").at(0).as_object();
  const std::string id(v.at("id").as_string());
  EXPECT_EQ(result(http::verb::get, base + "/p/versions/" + id).at("id"), id);
  const auto g = result(http::verb::get, base + "/p/versions/" + id + "/graph").as_object();
  EXPECT_EQ(g.at("id"), id);
  EXPECT_EQ(g.at("workflow_id"), v.at("workflow_id"));
  EXPECT_EQ(g.at("class_name"), "Cls");
  EXPECT_EQ(g.at("graph").at("version"), 1);
  const auto& wfg = g.at("graph").at("workflow").as_object();
  EXPECT_EQ(wfg.at("class_name"), "Cls");
  EXPECT_TRUE(wfg.at("functions").as_object().empty());
  const auto& nodes = wfg.at("nodes").as_array();
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[0].at("type"), "step_do");
  EXPECT_EQ(nodes[0].at("name"), "validate");
  EXPECT_EQ(nodes[1].at("type"), "step_sleep");
  EXPECT_EQ(nodes[2].at("type"), "step_wait_for_event");
  EXPECT_EQ(nodes[3].at("name"), "charge");
  const auto dag = result(http::verb::get, base + "/p/versions/" + id + "/dag").as_object();
  EXPECT_TRUE(dag.at("dag").is_null());
  EXPECT_EQ(dag.at("class_name"), "Cls");
  EXPECT_TRUE(dag.at("created_on").is_string() && dag.at("modified_on").is_string());
  const std::string unknown = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
  EXPECT_EQ(fail(http::verb::get, base + "/p/versions/" + unknown, {}, 404).at("code"), 10300);
  fail(http::verb::get, base + "/p/versions/" + unknown + "/graph", {}, 404);
  fail(http::verb::get, base + "/p/versions/" + unknown + "/dag", {}, 404);
  fail(http::verb::get, base + "/nope/versions", {}, 404);
  EXPECT_TRUE(ok(http::verb::get, base + "/p/versions?page=2").at("result").as_array().empty());
}

// ---------------------------------------------------------------------------------------------
// Server integration: faults, recorded requests, seed

TEST_F(CloudflareRoutes, FaultsUseTheEnvelopeAndRequestsAreRecorded) {
  fault_rule rule;
  rule.path_prefix = "/client/v4/accounts";
  rule.what.status = 429;
  rule.what.retry_after = "1";
  server_->inject(rule);
  auto res = req(http::verb::get, base);
  EXPECT_EQ(res.result_int(), 429);
  EXPECT_EQ(res[http::field::retry_after], "1");
  const auto v = parse(res);
  EXPECT_EQ(v.at("success"), false);
  EXPECT_EQ(v.at("errors").at(0).at("code"), 429);
  EXPECT_TRUE(v.at("result").is_null());
  ok(http::verb::get, base);
  const auto log = server_->recorded_requests();
  ASSERT_GE(log.size(), 2u);
  EXPECT_EQ(log.back().target, base);
}

TEST(CloudflareSeed, EveryAccountStartsWithTheEchoWorkflow) {
  background_server s(cf_options(0.05, true));
  EXPECT_EQ(s->seed().cloudflare.workflow_name, "echo-workflow");
  ASSERT_EQ(s->seed().cloudflare.instance_ids.size(), 3u);
  for (const std::string acct : {"any", "other"}) {
    const auto p = "/client/v4/accounts/" + acct + "/workflows";
    auto res = call(s->port(), http::verb::get, p, {}, bearer);
    ASSERT_EQ(res.result_int(), 200);
    EXPECT_EQ(parse(res).at("result").at(0).at("name"), "echo-workflow");
    EXPECT_EQ(parse(res).at("result").at(0).at("instances").at("complete"), 3);
    res = call(s->port(), http::verb::get, p + "/echo-workflow/instances/seed-2", {}, bearer);
    ASSERT_EQ(res.result_int(), 200);
    EXPECT_EQ(parse(res).at("result").at("output").at("n"), 2);
  }
}

TEST(CloudflarePermissive, TheSdkFixtureSequencePasses) {
  auto o = cf_options(0.05);
  o.cloudflare.permissive = true;
  background_server s(o);
  const headers key_auth_json = {{"x-auth-email", "emulator@example.com"},
                                 {"x-auth-key", "cf_emulator_key"},
                                 {"content-type", "application/json"}};
  const std::string b = "/client/v4/accounts/account_id/workflows";
  const std::string v = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
  auto expect_ok = [&](http::verb m, const std::string& path, const std::string& payload = {},
                       const headers& h = key_auth) {
    const auto res = call(s->port(), m, path, payload, h);
    EXPECT_EQ(res.result_int(), 200) << m << " " << path << " -> " << res.body();
  };
  for (int style = 0; style < 3; ++style) {
    expect_ok(http::verb::put, b + "/x",
              R"({"class_name":"x","script_name":"x","default_retention":{"error_retention":"5 minutes"},)"
              R"("limits":{"steps":1},"schedules":[{"cron":"x"}]})");
    expect_ok(http::verb::get, b + "?page=1&per_page=1&search=x");
    expect_ok(http::verb::delete_, b + "/x");
    expect_ok(http::verb::delete_, b + "/x");
    expect_ok(http::verb::get, b + "/x");
    expect_ok(http::verb::post, b + "/x/instances",
              R"({"instance_id":"instance_id","location_hint":"wnam","params":"params"})");
    expect_ok(http::verb::get,
              b + "/x/instances?cursor=cursor&date_end=2019-12-27T18%3A11%3A19.117Z"
                  "&date_start=2019-12-27T18%3A11%3A19.117Z&direction=asc&page=1&per_page=1&status=queued");
    expect_ok(http::verb::post, b + "/x/instances/batch", {}, key_auth_json);
    expect_ok(http::verb::post, b + "/x/instances/batch", R"([{"instance_id":"instance_id"}])");
    expect_ok(http::verb::get, b + "/x/instances/x?order=asc&simple=true");
    expect_ok(http::verb::get, b + "/x/instances/x/step?name=x&type=step&attempt=1");
    expect_ok(http::verb::patch, b + "/x/instances/x/status", R"({"status":"pause"})");
    expect_ok(http::verb::post, b + "/x/instances/x/events/x", {}, key_auth_json);
    expect_ok(http::verb::post, b + "/x/instances/x/events/x", "{}");
    expect_ok(http::verb::get, b + "/x/versions?page=1&per_page=1");
    expect_ok(http::verb::get, b + "/x/versions/" + v);
    expect_ok(http::verb::get, b + "/x/versions/" + v + "/graph");
  }
}

TEST(CloudflareStop, StopWithRunningInstancesIsClean) {
  auto o = cf_options(1.0);
  auto s = std::make_unique<background_server>(o, 2);
  call((*s)->port(), http::verb::put, base + "/w", body(json::object{{"class_name", "C"}, {"script_name", "slow"}}),
       bearer);
  for (int k = 0; k < 20; ++k) call((*s)->port(), http::verb::post, base + "/w/instances", "{}", bearer);
  s.reset();  // stop() with timers armed: no hang, no leak (ASan)
}

}  // namespace
}  // namespace flowsdk::emulator::test
