// The 10ex flows routes over plain HTTP: auth and login, routing errors, templates, workflows and
// versions (ETag, If-Match), triggers, the three error shapes, pagination and idempotency.

#include "flowsdk/emulator/server.hpp"
#include "tenex_test_support.hpp"

#include <gtest/gtest.h>

#include <set>

namespace flowsdk::emulator::test {
namespace {

const std::string& alpha_key = tenex_alpha_key;
const headers& alpha = tenex_alpha;
const headers& beta = tenex_beta;
const std::string& api = tenex_api;

// A graph of one connector action.
const std::string one_step_graph =
    R"({"steps":[{"id":"a","type":"connector_action","name":"A","config":{"connector":"crm","action":"x","params":{"k":1}}}],"edges":[{"from":"start","to":"a"}]})";

server_options tenex_server_options() {
  server_options o;
  o.tls = false;
  o.seed = true;
  o.tenex.queue_delay = std::chrono::seconds(60);  // runs stay queued unless a test advances
  return o;
}

std::string url_encode(std::string_view s) {
  std::string out;
  static constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += hex[ch >> 4];
      out += hex[ch & 15];
    }
  }
  return out;
}

class TenexRoutes : public ::testing::Test {
 protected:
  explicit TenexRoutes(server_options o = tenex_server_options()) : server_(std::move(o)) {}

  response req(http::verb m, const std::string& path, const std::string& b = {}, const headers& h = alpha) {
    return call(server_->port(), m, api + path, b, h);
  }
  json::value ok(http::verb m, const std::string& path, const std::string& b = {}, int status = 200,
                 const headers& h = alpha) {
    auto res = req(m, path, b, h);
    EXPECT_EQ(res.result_int(), status) << m << " " << path << " " << b << " -> " << res.body();
    EXPECT_EQ(res[http::field::content_type], "application/json; charset=utf-8");
    return res.body().empty() ? json::value() : parse(res);
  }
  /// An application error {detail, code}; returns the detail.
  std::string app_error(http::verb m, const std::string& path, const std::string& b, int status,
                        const std::string& code, const headers& h = alpha) {
    auto res = req(m, path, b, h);
    EXPECT_EQ(res.result_int(), status) << m << " " << path << " -> " << res.body();
    const auto v = parse(res).as_object();
    EXPECT_EQ(v.size(), 2u) << res.body();
    EXPECT_EQ(v.at("code"), json::value(code)) << res.body();
    return str(v.at("detail"));
  }
  /// A 422 {detail: [{loc, msg, type}]}; returns the entries.
  json::array invalid(http::verb m, const std::string& path, const std::string& b = {}, const headers& h = alpha) {
    auto res = req(m, path, b, h);
    EXPECT_EQ(res.result_int(), 422) << m << " " << path << " " << b << " -> " << res.body();
    const auto v = parse(res);
    const auto& d = v.at("detail").as_array();
    EXPECT_FALSE(d.empty());
    for (const auto& e : d) {
      EXPECT_TRUE(e.at("loc").is_array());
      EXPECT_TRUE(e.at("msg").is_string());
      EXPECT_TRUE(e.at("type").is_string());
    }
    return d;
  }
  std::string create_workflow(const std::string& name, const std::string& graph = one_step_graph,
                              const std::string& schema = R"({"type":"object"})") {
    const auto w = ok(http::verb::post, "/workflows",
                      R"({"name":")" + name + R"(","input_schema":)" + schema + R"(,"graph":)" + graph + "}", 201);
    return str(w.at("id"));
  }
  const tenex_workspace_seed& seed_alpha() { return server_->seed().tenex.workspaces.at(0); }

  background_server server_;
};

TEST_F(TenexRoutes, SeedNamesBothWorkspaces) {
  const auto& ws = server_->seed().tenex.workspaces;
  ASSERT_EQ(ws.size(), 2u);
  EXPECT_EQ(ws[0].workspace, "ws_alpha");
  EXPECT_EQ(ws[0].api_key, alpha_key);
  EXPECT_EQ(ws[1].workspace, "ws_beta");
  EXPECT_EQ(ws[0].template_slugs.size(), 3u);
  const auto w = ok(http::verb::get, "/workflows/" + ws[0].workflow_id);
  EXPECT_EQ(w.at("status"), json::value("active"));
  EXPECT_EQ(w.at("active_version"), json::value(1));
  EXPECT_EQ(w.at("template_slug"), json::value("lead-to-sequence"));
  const auto v = ok(http::verb::get, "/workflows/" + ws[0].workflow_id + "/versions/1");
  for (const auto* key :
       {"workflow_id", "version", "state", "graph", "input_schema", "output_schema", "created_at", "archived_at"})
    EXPECT_TRUE(v.as_object().contains(key)) << key;
  EXPECT_EQ(v.at("state"), json::value("active"));
  std::set<std::string> kinds;
  for (const auto& s : v.at("graph").at("steps").as_array()) kinds.insert(str(s.at("type")));
  EXPECT_EQ(kinds, (std::set<std::string>{"agent", "branch", "connector_action", "wait"}));
}

TEST_F(TenexRoutes, UnauthorizedShapes) {
  for (const headers& h : {headers{}, headers{{"authorization", "Bearer tnx_nope_nope"}},
                           headers{{"authorization", "Basic abc"}}, headers{{"authorization", "Bearer a.b.c"}}}) {
    auto res = req(http::verb::get, "/workflows", {}, h);
    EXPECT_EQ(res.result_int(), 401);
    const auto v = parse(res).as_object();
    EXPECT_EQ(v.at("code"), json::value("unauthorized"));
    EXPECT_TRUE(v.at("detail").is_string());
  }
}

TEST_F(TenexRoutes, LoginIssuesJwtThatExpiresOnTheEmulatorClock) {
  auto res = call(server_->port(), http::verb::post, "/api/v1/users/login",
                  R"({"email":"emulator@10ex.test","password":"emulator-password"})", {});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  const auto v = parse(res);
  EXPECT_EQ(v.at("token_type"), json::value("bearer"));
  EXPECT_EQ(v.at("expires_in"), json::value(3600));
  const headers jwt = {{"authorization", "Bearer " + str(v.at("access_token"))}};
  const auto w = ok(http::verb::get, "/workflows/" + seed_alpha().workflow_id, {}, 200, jwt);
  EXPECT_EQ(w.at("id"), json::value(seed_alpha().workflow_id));
  // A tampered token is refused.
  auto bad = jwt;
  bad[0].second.back() = bad[0].second.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(req(http::verb::get, "/workflows", {}, bad).result_int(), 401);
  server_->advance(std::chrono::seconds(3601));
  EXPECT_EQ(app_error(http::verb::get, "/workflows", {}, 401, "unauthorized", jwt), "Token has expired");

  res = call(server_->port(), http::verb::post, "/api/v1/users/login",
             R"({"email":"emulator@10ex.test","password":"wrong"})", {});
  EXPECT_EQ(res.result_int(), 401);
  EXPECT_EQ(parse(res).at("code"), json::value("unauthorized"));
  res = call(server_->port(), http::verb::post, "/api/v1/users/login", R"({"email":"emulator@10ex.test"})", {});
  EXPECT_EQ(res.result_int(), 422);
  EXPECT_EQ(parse(res).at("detail").at(0).at("loc"), json::parse(R"(["body","password"])"));
  res = call(server_->port(), http::verb::get, "/api/v1/users/login", {}, {});
  EXPECT_EQ(res.result_int(), 405);
}

TEST_F(TenexRoutes, RoutingErrors) {
  auto res = req(http::verb::get, "/nothing-here");
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_EQ(res.body(), R"({"detail":"Not Found"})");
  res = req(http::verb::get, "/workflows/x/versions/1/nope");
  EXPECT_EQ(res.body(), R"({"detail":"Not Found"})");
  res = req(http::verb::delete_, "/workflows");
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(res.body(), R"({"detail":"Method Not Allowed"})");
  res = req(http::verb::put, "/runs/abc/pause");
  EXPECT_EQ(res.result_int(), 405);
  const auto d = invalid(http::verb::get, "/workflows/" + seed_alpha().workflow_id + "/versions/one");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["path","version"])"));
  EXPECT_EQ(d[0].at("type"), json::value("int_parsing"));
  app_error(http::verb::get, "/workflows/wf_unknown", {}, 404, "not_found");
}

TEST_F(TenexRoutes, InjectedFaultsUseTheTenexShapes) {
  fault_rule r;
  r.path_prefix = "/api/v1/flows/templates";
  r.what.status = 503;
  server_->inject(r);
  r.what.status = 429;
  server_->inject(r);
  auto res = req(http::verb::get, "/templates");
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_EQ(parse(res).at("code"), json::value("upstream_unavailable"));
  EXPECT_TRUE(parse(res).at("detail").is_string());
  res = req(http::verb::get, "/templates");
  EXPECT_EQ(res.result_int(), 429);
  EXPECT_EQ(parse(res).at("error"), json::value("rate_limited"));
  EXPECT_TRUE(parse(res).at("message").is_string());
  EXPECT_EQ(req(http::verb::get, "/templates").result_int(), 200);
}

TEST_F(TenexRoutes, ForeignIdsAre404) {
  const auto& wf = seed_alpha().workflow_id;
  app_error(http::verb::get, "/workflows/" + wf, {}, 404, "not_found", beta);
  app_error(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l"}})", 404, "not_found", beta);
  const auto run = ok(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l"}})", 202);
  app_error(http::verb::get, "/runs/" + str(run.at("id")), {}, 404, "not_found", beta);
  app_error(http::verb::post, "/runs/" + str(run.at("id")) + "/cancel", {}, 404, "not_found", beta);
  const auto list = ok(http::verb::get, "/runs", {}, 200, beta);
  EXPECT_TRUE(list.at("items").as_array().empty());
}

TEST_F(TenexRoutes, TemplatesListFilterAndGet) {
  auto page = ok(http::verb::get, "/templates");
  ASSERT_EQ(page.at("items").as_array().size(), 3u);
  EXPECT_EQ(page.at("total"), json::value(3));
  EXPECT_TRUE(page.at("next_cursor").is_null());
  std::set<std::string> categories;
  for (const auto& t : page.at("items").as_array()) {
    EXPECT_FALSE(t.as_object().contains("graph"));
    EXPECT_TRUE(t.at("inputs_schema").is_object());
    categories.insert(str(t.at("category")));
  }
  EXPECT_EQ(categories.size(), 3u);
  EXPECT_EQ(page.at("items").at(0).at("slug"), json::value("webinar-follow-up"));  // newest first
  page = ok(http::verb::get, "/templates?category=sales");
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_EQ(page.at("items").at(0).at("slug"), json::value("lead-to-sequence"));
  page = ok(http::verb::get, "/templates?q=WEBINAR");
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  const auto t = ok(http::verb::get, "/templates/lead-to-sequence");
  for (const auto* key :
       {"slug", "name", "description", "category", "version", "inputs_schema", "graph", "created_at", "updated_at"})
    EXPECT_TRUE(t.as_object().contains(key)) << key;
  EXPECT_TRUE(t.at("graph").at("steps").is_array());
  EXPECT_EQ(t.at("inputs_schema").at("required"), json::parse(R"(["sequence_id"])"));
  EXPECT_EQ(t.at("version"), json::value(1));
  app_error(http::verb::get, "/templates/nope", {}, 404, "not_found");
}

TEST_F(TenexRoutes, InstantiateValidatesSubstitutesAndActivates) {
  auto d = invalid(http::verb::post, "/templates/lead-to-sequence/instantiate", R"({"inputs":{}})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","inputs","sequence_id"])"));
  EXPECT_EQ(d[0].at("type"), json::value("missing"));
  d = invalid(http::verb::post, "/templates/lead-to-sequence/instantiate", R"({"inputs":{"sequence_id":7}})");
  EXPECT_EQ(d[0].at("type"), json::value("string_type"));

  auto res = req(http::verb::post, "/templates/lead-to-sequence/instantiate", R"({"inputs":{"sequence_id":"seq_9"}})");
  ASSERT_EQ(res.result_int(), 201) << res.body();
  EXPECT_EQ(res[http::field::etag], "\"1\"");
  auto w = parse(res);
  EXPECT_EQ(w.at("status"), json::value("draft"));
  EXPECT_TRUE(w.at("active_version").is_null());
  EXPECT_EQ(w.at("name"), json::value("Lead to sequence"));
  EXPECT_EQ(w.at("template_slug"), json::value("lead-to-sequence"));
  const auto v = ok(http::verb::get, "/workflows/" + str(w.at("id")) + "/versions/1");
  EXPECT_EQ(v.at("graph").at("steps").at(2).at("config").at("params").at("sequence_id"), json::value("seq_9"));

  w = ok(http::verb::post, "/templates/lead-to-sequence/instantiate",
         R"({"name":"Mine","inputs":{"sequence_id":"s"},"activate":true})", 201);
  EXPECT_EQ(w.at("status"), json::value("active"));
  EXPECT_EQ(w.at("active_version"), json::value(1));
  EXPECT_EQ(w.at("name"), json::value("Mine"));
  app_error(http::verb::post, "/templates/nope/instantiate", "{}", 404, "not_found");
}

TEST_F(TenexRoutes, WorkflowLifecycleAndPatch) {
  auto res = req(http::verb::post, "/workflows",
                 R"({"name":"W","description":"d","input_schema":{"type":"object"},"graph":)" + one_step_graph + "}");
  ASSERT_EQ(res.result_int(), 201) << res.body();
  EXPECT_EQ(res[http::field::etag], "\"1\"");
  auto w = parse(res);
  const auto id = str(w.at("id"));
  EXPECT_EQ(w.at("status"), json::value("draft"));
  EXPECT_EQ(w.at("latest_version"), json::value(1));
  EXPECT_TRUE(w.at("active_version").is_null());
  EXPECT_TRUE(w.at("archived_at").is_null());
  for (const auto* key : {"id", "name", "description", "status", "input_schema", "output_schema", "active_version",
                          "latest_version", "template_slug", "created_at", "updated_at", "archived_at"})
    EXPECT_TRUE(w.as_object().contains(key)) << key;

  res = req(http::verb::get, "/workflows/" + id);
  EXPECT_EQ(res[http::field::etag], "\"1\"");
  w = ok(http::verb::patch, "/workflows/" + id, R"({"name":"Renamed","description":null})");
  EXPECT_EQ(w.at("name"), json::value("Renamed"));
  EXPECT_TRUE(w.at("description").is_null());
  app_error(http::verb::patch, "/workflows/" + id, R"({"status":"active"})", 409, "no_active_version");
  EXPECT_EQ(invalid(http::verb::patch, "/workflows/" + id, R"({"status":"archived"})")[0].at("loc"),
            json::parse(R"(["body","status"])"));
  app_error(http::verb::post, "/workflows/" + id + "/runs", "{}", 409, "workflow_not_active");

  const auto v = ok(http::verb::post, "/workflows/" + id + "/versions/1/activate");
  EXPECT_EQ(v.at("state"), json::value("active"));
  w = ok(http::verb::get, "/workflows/" + id);
  EXPECT_EQ(w.at("status"), json::value("active"));
  EXPECT_EQ(w.at("active_version"), json::value(1));
  w = ok(http::verb::patch, "/workflows/" + id, R"({"status":"paused"})");
  EXPECT_EQ(w.at("status"), json::value("paused"));
  app_error(http::verb::post, "/workflows/" + id + "/runs", "{}", 409, "workflow_not_active");
  EXPECT_EQ(ok(http::verb::get, "/workflows?status=paused").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/workflows?q=renam").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/workflows?status=draft&status=paused").at("items").as_array().size(), 1u);
  invalid(http::verb::get, "/workflows?status=bogus");

  w = ok(http::verb::post, "/workflows/" + id + "/archive");
  EXPECT_EQ(w.at("status"), json::value("archived"));
  EXPECT_TRUE(w.at("archived_at").is_string());
  app_error(http::verb::post, "/workflows/" + id + "/runs", "{}", 409, "workflow_archived");
  app_error(http::verb::patch, "/workflows/" + id, R"({"name":"x"})", 409, "workflow_archived");
  app_error(http::verb::put, "/workflows/" + id + "/graph", R"({"graph":)" + one_step_graph + "}", 409,
            "workflow_archived");

  auto d = invalid(http::verb::post, "/workflows", R"({"graph":{"steps":[]}})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","name"])"));
  d = invalid(http::verb::post, "/workflows", "not json");
  EXPECT_EQ(d[0].at("type"), json::value("json_invalid"));
}

TEST_F(TenexRoutes, PutGraphHonoursIfMatchAndSetsETag) {
  const auto id = create_workflow("G");
  const auto body = R"({"graph":)" + one_step_graph + "}";
  auto res = req(http::verb::put, "/workflows/" + id + "/graph", body,
                 {{"authorization", alpha[0].second}, {"if-match", "\"1\""}});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res[http::field::etag], "\"2\"");
  auto v = parse(res);
  EXPECT_EQ(v.at("version"), json::value(2));
  EXPECT_EQ(v.at("state"), json::value("inactive"));
  EXPECT_EQ(v.at("workflow_id"), json::value(id));

  const auto detail = app_error(http::verb::put, "/workflows/" + id + "/graph", body, 412, "version_mismatch",
                                {{"authorization", alpha[0].second}, {"if-match", "\"1\""}});
  EXPECT_NE(detail.find("expected version 2"), std::string::npos) << detail;
  invalid(http::verb::put, "/workflows/" + id + "/graph", body,
          {{"authorization", alpha[0].second}, {"if-match", "\"two\""}});
  v = ok(http::verb::put, "/workflows/" + id + "/graph", body);  // no If-Match: accepted
  EXPECT_EQ(v.at("version"), json::value(3));
  EXPECT_EQ(ok(http::verb::get, "/workflows/" + id).at("latest_version"), json::value(3));
  const auto d = invalid(http::verb::put, "/workflows/" + id + "/graph", R"({"graph":{"steps":[{"id":"x"}]}})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","steps",0,"type"])"));
}

TEST_F(TenexRoutes, VersionsListActivateArchive) {
  const auto id = create_workflow("V");
  ok(http::verb::put, "/workflows/" + id + "/graph", R"({"graph":)" + one_step_graph + "}");
  ok(http::verb::put, "/workflows/" + id + "/graph", R"({"graph":)" + one_step_graph + "}");
  auto res = req(http::verb::get, "/workflows/" + id + "/versions?limit=2");
  EXPECT_EQ(res[http::field::etag], "\"3\"");
  auto page = parse(res);
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("items").at(0).at("version"), json::value(3));
  EXPECT_EQ(page.at("items").at(1).at("version"), json::value(2));
  page =
      ok(http::verb::get, "/workflows/" + id + "/versions?limit=2&cursor=" + url_encode(str(page.at("next_cursor"))));
  ASSERT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_EQ(page.at("items").at(0).at("version"), json::value(1));

  ok(http::verb::post, "/workflows/" + id + "/versions/2/activate");
  app_error(http::verb::post, "/workflows/" + id + "/versions/2/archive", {}, 409, "version_active");
  auto v = ok(http::verb::post, "/workflows/" + id + "/versions/3/activate");
  EXPECT_EQ(v.at("state"), json::value("active"));
  EXPECT_EQ(ok(http::verb::get, "/workflows/" + id + "/versions/2").at("state"), json::value("inactive"));
  v = ok(http::verb::post, "/workflows/" + id + "/versions/1/archive");
  EXPECT_EQ(v.at("state"), json::value("archived"));
  EXPECT_TRUE(v.at("archived_at").is_string());
  app_error(http::verb::post, "/workflows/" + id + "/versions/1/activate", {}, 409, "version_archived");
  app_error(http::verb::post, "/workflows/" + id + "/runs", R"({"version":1})", 409, "version_archived");
  app_error(http::verb::get, "/workflows/" + id + "/versions/9", {}, 404, "not_found");
  EXPECT_EQ(ok(http::verb::get, "/workflows/" + id).at("active_version"), json::value(3));
}

TEST_F(TenexRoutes, GraphValidation) {
  const auto post = [&](const std::string& graph) {
    return invalid(http::verb::post, "/workflows", R"({"name":"bad","graph":)" + graph + "}");
  };
  auto d = post(R"({"steps":[{"id":"a","type":"agent"}],"edges":[{"from":"a","to":"zz"}]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","edges",0,"to"])"));
  d = post(R"({"steps":[{"id":"a","type":"agent"},{"id":"b","type":"agent"}],"edges":[{"from":"start","to":"a"}]})");
  EXPECT_NE(str(d[0].at("msg")).find("unreachable"), std::string::npos);
  d = post(R"({"steps":[{"id":"a","type":"branch"},{"id":"b","type":"agent"},{"id":"c","type":"agent"}],
              "edges":[{"from":"a","to":"b"},{"from":"a","to":"c","condition":"else"}]})");
  EXPECT_NE(str(d[0].at("msg")).find("more than one edge without a condition"), std::string::npos);
  d = post(R"({"steps":[{"id":"a","type":"branch"},{"id":"b","type":"agent"}],
              "edges":[{"from":"a","to":"b","condition":"$.input.x >"}]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","edges",0,"condition"])"));
  d = post(R"({"steps":[{"id":"a","type":"agent"},{"id":"b","type":"agent"}],
              "edges":[{"from":"a","to":"b","condition":"$.input.x > 1"}]})");
  EXPECT_NE(str(d[0].at("msg")).find("branch"), std::string::npos);
  d = post(R"({"steps":[{"id":"a","type":"agent"},{"id":"b","type":"agent"}],
              "edges":[{"from":"start","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"a"}]})");
  EXPECT_NE(str(d[0].at("msg")).find("cycle"), std::string::npos);
  d = post(R"({"steps":[{"id":"a","type":"agent"},{"id":"a","type":"agent"}]})");
  EXPECT_NE(str(d[0].at("msg")).find("duplicate"), std::string::npos);
  d = post(R"({"steps":[{"id":"w","type":"wait","config":{"mode":"delay"}}]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","steps",0,"config","duration_seconds"])"));
  d = post(R"({"steps":[{"id":"a","type":"agent","fallback_step_id":"nope"}]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","steps",0,"fallback_step_id"])"));
  d = post(R"({"steps":[{"id":"a","type":"agent","retry":{"max_attempts":0}}]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","steps",0,"retry","max_attempts"])"));
  d = post(R"({"steps":[]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","graph","steps"])"));
}

TEST_F(TenexRoutes, PaginationCursorsCarryPaddingAndAreBoundToFilters) {
  std::set<std::string> made;
  for (int k = 0; k < 7; ++k) made.insert(create_workflow("page-" + std::to_string(k)));
  std::set<std::string> seen;
  std::string cursor;
  std::vector<std::string> order;
  int pages = 0;
  for (;;) {
    const auto path = "/workflows?q=page-&limit=3" + (cursor.empty() ? "" : "&cursor=" + url_encode(cursor));
    const auto page = ok(http::verb::get, path);
    ++pages;
    EXPECT_EQ(page.at("total"), json::value(7));
    for (const auto& w : page.at("items").as_array()) {
      EXPECT_TRUE(seen.insert(str(w.at("id"))).second);
      order.push_back(str(w.at("created_at")) + str(w.at("id")));
    }
    if (page.at("next_cursor").is_null()) break;
    cursor = str(page.at("next_cursor"));
    EXPECT_NE(cursor.find('='), std::string::npos) << cursor;
    EXPECT_NE(cursor.find('+'), std::string::npos) << cursor;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, made);
  EXPECT_TRUE(std::is_sorted(order.rbegin(), order.rend()));  // newest first

  const auto first = ok(http::verb::get, "/workflows?q=page-&limit=3");
  const auto c = url_encode(str(first.at("next_cursor")));
  auto d = invalid(http::verb::get, "/workflows?q=other&limit=3&cursor=" + c);
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["query","cursor"])"));
  d = invalid(http::verb::get, "/workflows?q=page-&cursor=garbage");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["query","cursor"])"));
  // Changing only the limit keeps the cursor valid.
  EXPECT_EQ(ok(http::verb::get, "/workflows?q=page-&limit=100&cursor=" + c).at("items").as_array().size(), 4u);
  for (const auto* bad : {"0", "201", "x", "-1"}) {
    d = invalid(http::verb::get, std::string("/runs?limit=") + bad);
    EXPECT_EQ(d[0].at("loc"), json::parse(R"(["query","limit"])"));
  }
  EXPECT_EQ(ok(http::verb::get, "/workflows?limit=200").at("items").as_array().size(), 8u);  // 7 + the seed
}

class TenexRoutesWithoutTotal : public TenexRoutes {
 protected:
  static server_options options() {
    auto o = tenex_server_options();
    o.tenex.omit_total = true;
    return o;
  }
  TenexRoutesWithoutTotal() : TenexRoutes(options()) {}
};

TEST_F(TenexRoutesWithoutTotal, PagesOmitTotal) {
  const auto page = ok(http::verb::get, "/templates?limit=1");
  EXPECT_FALSE(page.as_object().contains("total"));
  EXPECT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_TRUE(page.at("next_cursor").is_string());
}

TEST_F(TenexRoutes, IdempotentReplayAndKeyReuse) {
  const auto& wf = seed_alpha().workflow_id;
  const headers key1 = {{"authorization", alpha[0].second}, {"idempotency-key", "k-1"}};
  const std::string body = R"({"input":{"lead_id":"l1"}})";
  auto a = req(http::verb::post, "/workflows/" + wf + "/runs", body, key1);
  auto b = req(http::verb::post, "/workflows/" + wf + "/runs", body, key1);
  EXPECT_EQ(a.result_int(), 202);
  EXPECT_EQ(b.result_int(), 202);
  EXPECT_EQ(a.body(), b.body());
  EXPECT_EQ(b["idempotent-replayed"], "true");
  EXPECT_EQ(ok(http::verb::get, "/runs?workflow_id=" + wf).at("items").as_array().size(), 1u);
  app_error(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l2"}})", 409,
            "idempotency_key_reused", key1);
  // The same key on another route is another key.
  const auto t = req(http::verb::post, "/templates/score-and-route/instantiate", "{}", key1);
  EXPECT_EQ(t.result_int(), 201);
  const auto t2 = req(http::verb::post, "/templates/score-and-route/instantiate", "{}", key1);
  EXPECT_EQ(t2.result_int(), 201);
  EXPECT_EQ(t.body(), t2.body());
  EXPECT_EQ(ok(http::verb::get, "/workflows").at("items").as_array().size(), 2u);

  const std::string trig = R"({"source":"crm","event_type":"lead.created","workflow_id":")" + wf + R"("})";
  const auto c1 = req(http::verb::post, "/triggers", trig, key1);
  const auto c2 = req(http::verb::post, "/triggers", trig, key1);
  EXPECT_EQ(c1.result_int(), 201);
  EXPECT_EQ(c1.body(), c2.body());
  EXPECT_EQ(ok(http::verb::get, "/triggers").at("items").as_array().size(), 1u);
  const auto tid = str(parse(c1).at("id"));
  const auto r1 = req(http::verb::post, "/triggers/" + tid + "/test", R"({"payload":{"lead_id":"x"}})", key1);
  const auto r2 = req(http::verb::post, "/triggers/" + tid + "/test", R"({"payload":{"lead_id":"x"}})", key1);
  EXPECT_EQ(r1.result_int(), 202);
  EXPECT_EQ(r1.body(), r2.body());
  app_error(http::verb::post, "/triggers/" + tid + "/test", R"({"payload":{"lead_id":"y"}})", 409,
            "idempotency_key_reused", key1);
  // A key is remembered for 24 hours.
  server_->advance(std::chrono::hours(25));
  EXPECT_EQ(req(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l2"}})", key1).result_int(),
            202);
  EXPECT_EQ(ok(http::verb::get, "/runs?workflow_id=" + wf).at("items").as_array().size(), 3u);  // + the trigger test's
  // Keys are per workspace.
  EXPECT_EQ(req(http::verb::post, "/templates/score-and-route/instantiate", "{}",
                {{"authorization", beta[0].second}, {"idempotency-key", "k-1"}})
                .result_int(),
            201);
}

TEST_F(TenexRoutes, TriggersCrud) {
  const auto& wf = seed_alpha().workflow_id;
  auto t = ok(http::verb::post, "/triggers",
              R"({"source":"crm","event_type":"lead.created","workflow_id":")" + wf +
                  R"(","filter":{"segment_id":"seg_1"},"input_mapping":{"lead_id":"$.data.lead_id"}})",
              201);
  const auto id = str(t.at("id"));
  EXPECT_EQ(t.at("enabled"), json::value(true));
  EXPECT_EQ(t.at("target_type"), json::value("workflow"));
  for (const auto* key : {"id", "workflow_id", "source", "event_type", "cron", "timezone", "filter", "input_mapping",
                          "target_type", "target_url", "enabled", "created_at", "updated_at"})
    EXPECT_TRUE(t.as_object().contains(key)) << key;
  ok(http::verb::post, "/triggers",
     R"({"source":"connector","event_type":"form.submitted","workflow_id":")" + wf + "\"}", 201);
  ok(http::verb::post, "/triggers", R"({"source":"crm","target_type":"webhook","target_url":"http://127.0.0.1:1/h"})",
     201);
  EXPECT_EQ(ok(http::verb::get, "/triggers").at("items").as_array().size(), 3u);
  EXPECT_EQ(ok(http::verb::get, "/triggers?source=connector").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/triggers?event_type=lead.created").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/triggers?workflow_id=" + wf).at("items").as_array().size(), 2u);
  t = ok(http::verb::patch, "/triggers/" + id, R"({"enabled":false})");
  EXPECT_EQ(t.at("enabled"), json::value(false));
  EXPECT_EQ(t.at("filter"), json::parse(R"({"segment_id":"seg_1"})"));
  EXPECT_EQ(ok(http::verb::get, "/triggers?enabled=false").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/triggers/" + id).at("enabled"), json::value(false));
  auto res = req(http::verb::delete_, "/triggers/" + id);
  EXPECT_EQ(res.result_int(), 204);
  EXPECT_TRUE(res.body().empty());
  app_error(http::verb::get, "/triggers/" + id, {}, 404, "not_found");
  app_error(http::verb::get, "/triggers/" + id, {}, 404, "not_found", beta);

  auto d = invalid(http::verb::post, "/triggers", R"({"event_type":"x"})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","source"])"));
  d = invalid(http::verb::post, "/triggers", R"({"source":"crm","workflow_id":")" + wf + "\"}");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","event_type"])"));
  d = invalid(http::verb::post, "/triggers", R"({"source":"crm","target_type":"webhook"})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","target_url"])"));
  app_error(http::verb::post, "/triggers", R"({"source":"crm","event_type":"x","workflow_id":"wf_nope"})", 404,
            "not_found");
}

TEST_F(TenexRoutes, TriggerTestDryRunAndRealRun) {
  const auto& wf = seed_alpha().workflow_id;
  const auto t =
      ok(http::verb::post, "/triggers",
         R"({"source":"crm","event_type":"lead.created","workflow_id":")" + wf +
             R"(","filter":{"segment_id":"seg_1"},"input_mapping":{"lead_id":"$.data.lead_id","src":"$.type"}})",
         201);
  const auto id = str(t.at("id"));
  auto r = ok(http::verb::post, "/triggers/" + id + "/test",
              R"({"payload":{"segment_id":"seg_1","lead_id":"l7"},"dry_run":true})");
  EXPECT_EQ(r, json::parse(R"({"matched":true,"input":{"lead_id":"l7","src":"lead.created"}})"));
  r = ok(http::verb::post, "/triggers/" + id + "/test",
         R"({"payload":{"segment_id":"seg_2","lead_id":"l7"},"dry_run":true})");
  EXPECT_EQ(r.at("matched"), json::value(false));
  invalid(http::verb::post, "/triggers/" + id + "/test", R"({"payload":{"segment_id":"seg_2","lead_id":"l7"}})");
  const auto run =
      ok(http::verb::post, "/triggers/" + id + "/test", R"({"payload":{"segment_id":"seg_1","lead_id":"l7"}})", 202);
  EXPECT_EQ(run.at("status"), json::value("queued"));
  EXPECT_EQ(run.at("trigger").at("type"), json::value("crm_event"));
  EXPECT_EQ(run.at("trigger").at("source"), json::value("crm"));
  EXPECT_EQ(run.at("trigger").at("trigger_id"), json::value(id));
  EXPECT_TRUE(str(run.at("trigger").at("event_id")).starts_with("evt_"));
  EXPECT_EQ(run.at("input").at("lead_id"), json::value("l7"));
  const auto listed = ok(http::verb::get, "/runs?trigger_id=" + id + "&trigger_type=crm_event");
  EXPECT_EQ(listed.at("items").as_array().size(), 1u);
  // Input that the workflow's input_schema refuses.
  const auto d = invalid(http::verb::post, "/triggers/" + id + "/test", R"({"payload":{"segment_id":"seg_1"}})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","input","lead_id"])"));
}

TEST_F(TenexRoutes, RunTriggerValidatesInput) {
  const auto& wf = seed_alpha().workflow_id;
  auto d = invalid(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{}})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","input","lead_id"])"));
  EXPECT_EQ(d[0].at("type"), json::value("missing"));
  d = invalid(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":5}})");
  EXPECT_EQ(d[0].at("type"), json::value("string_type"));
  d = invalid(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":[]})");
  EXPECT_EQ(d[0].at("loc"), json::parse(R"(["body","input"])"));
  auto res = req(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l1"}})");
  ASSERT_EQ(res.result_int(), 202);
  const auto run = parse(res);
  EXPECT_EQ(res[http::field::location], "/api/v1/flows/runs/" + str(run.at("id")));
  EXPECT_EQ(run.at("status"), json::value("queued"));
  EXPECT_EQ(run.at("version"), json::value(1));
  EXPECT_EQ(run.at("trigger"), json::parse(R"({"type":"manual"})"));
  for (const auto* key : {"id", "workflow_id", "version", "status", "trigger", "input", "output", "error",
                          "current_step_id", "created_at", "started_at", "finished_at"})
    EXPECT_TRUE(run.as_object().contains(key)) << key;
  // A draft workflow runs with an explicit version.
  const auto draft = create_workflow("draft");
  app_error(http::verb::post, "/workflows/" + draft + "/runs", "{}", 409, "workflow_not_active");
  ok(http::verb::post, "/workflows/" + draft + "/runs", R"({"version":1})", 202);
  app_error(http::verb::post, "/workflows/" + draft + "/runs", R"({"version":4})", 404, "not_found");
}

TEST_F(TenexRoutes, RunListFilters) {
  const auto& wf = seed_alpha().workflow_id;
  const auto other = create_workflow("other");
  ok(http::verb::post, "/workflows/" + other + "/versions/1/activate");
  std::vector<std::string> ids;
  for (int k = 0; k < 3; ++k)
    ids.push_back(
        str(ok(http::verb::post, "/workflows/" + wf + "/runs", R"({"input":{"lead_id":"l"}})", 202).at("id")));
  server_->advance(std::chrono::seconds(5));
  const auto mid = ok(http::verb::post, "/workflows/" + other + "/runs", "{}", 202);
  ok(http::verb::post, "/runs/" + ids[0] + "/cancel", {}, 202);
  ok(http::verb::post, "/runs/" + ids[1] + "/pause", {}, 202);

  EXPECT_EQ(ok(http::verb::get, "/runs").at("items").as_array().size(), 4u);
  EXPECT_EQ(ok(http::verb::get, "/runs?workflow_id=" + wf).at("items").as_array().size(), 3u);
  EXPECT_EQ(ok(http::verb::get, "/runs?status=cancelled").at("items").as_array().size(), 1u);
  EXPECT_EQ(ok(http::verb::get, "/runs?status=cancelled&status=paused").at("items").as_array().size(), 2u);
  EXPECT_EQ(ok(http::verb::get, "/runs?status=queued").at("items").as_array().size(), 2u);
  EXPECT_EQ(ok(http::verb::get, "/runs?trigger_type=manual").at("items").as_array().size(), 4u);
  EXPECT_EQ(ok(http::verb::get, "/runs?trigger_type=schedule").at("items").as_array().size(), 0u);
  const auto at = str(mid.at("created_at"));
  const auto after = ok(http::verb::get, "/runs?created_after=" + url_encode(at));
  ASSERT_EQ(after.at("items").as_array().size(), 1u);
  EXPECT_EQ(after.at("items").at(0).at("id"), mid.at("id"));
  EXPECT_EQ(ok(http::verb::get, "/runs?created_before=" + url_encode(at)).at("items").as_array().size(), 3u);
  EXPECT_EQ(invalid(http::verb::get, "/runs?created_after=yesterday")[0].at("loc"),
            json::parse(R"(["query","created_after"])"));
  EXPECT_EQ(invalid(http::verb::get, "/runs?status=done")[0].at("loc"), json::parse(R"(["query","status"])"));
  EXPECT_EQ(invalid(http::verb::get, "/runs?trigger_type=cron")[0].at("loc"),
            json::parse(R"(["query","trigger_type"])"));
  // Newest first, with a cursor bound to the status filter.
  const auto page = ok(http::verb::get, "/runs?status=queued&status=cancelled&limit=2");
  EXPECT_EQ(page.at("items").at(0).at("id"), mid.at("id"));
  invalid(http::verb::get, "/runs?status=queued&limit=2&cursor=" + url_encode(str(page.at("next_cursor"))));
  const auto next = ok(http::verb::get, "/runs?status=cancelled&status=queued&limit=2&cursor=" +
                                            url_encode(str(page.at("next_cursor"))));
  EXPECT_EQ(next.at("items").as_array().size(), 1u);
  EXPECT_TRUE(next.at("next_cursor").is_null());
}

}  // namespace
}  // namespace flowsdk::emulator::test
