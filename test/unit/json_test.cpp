#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace sample {

class color : public flowsdk::open_enum<color> {
 public:
  using open_enum::open_enum;
  static const color red;
};
inline const color color::red{"RED"};

struct inner {
  std::string display_name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(inner, (), (display_name))

struct outer {
  std::string id;
  std::int64_t count = 7;
  bool flag = false;
  double ratio = 0;
  std::optional<std::string> maybe;
  color shade;
  std::vector<inner> children;
  std::optional<inner> single;
  std::string default_;  // a C++ keyword as a JSON key
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(outer, (), (id, count, flag, ratio, maybe, shade, children, single, default_))

}  // namespace sample

namespace snake {
template <class T>
constexpr flowsdk::json::key_style json_key_style(const T*) {
  return flowsdk::json::key_style::snake_case;
}
struct record {
  std::string created_on;
  std::int64_t total_pages = 0;
};
BOOST_DESCRIBE_STRUCT(record, (), (created_on, total_pages))
}  // namespace snake

using flowsdk::json::decode_as;
using flowsdk::json::decode_exception;
using flowsdk::json::encode;

TEST(Json, DecodesCamelCaseKeysIntoSnakeCaseMembers) {
  auto v = boost::json::parse(R"({"id":"a","count":3,"flag":true,"ratio":2,"maybe":"m","shade":"RED",
      "children":[{"displayName":"x"},{"displayName":"y"}],"single":{"displayName":"s"},"default":"d"})");
  auto o = decode_as<sample::outer>(v);
  EXPECT_EQ(o.id, "a");
  EXPECT_EQ(o.count, 3);
  EXPECT_TRUE(o.flag);
  EXPECT_DOUBLE_EQ(o.ratio, 2.0);
  EXPECT_EQ(o.maybe, "m");
  EXPECT_TRUE(o.shade == sample::color::red);
  ASSERT_EQ(o.children.size(), 2u);
  EXPECT_EQ(o.children[1].display_name, "y");
  ASSERT_TRUE(o.single);
  EXPECT_EQ(o.single->display_name, "s");
  EXPECT_EQ(o.default_, "d");
  EXPECT_TRUE(o.extra.empty());
}

TEST(Json, KeepsUnknownKeysAndCarriesUnknownEnumValues) {
  auto v = boost::json::parse(
      R"({"id":"a","shade":"ULTRAVIOLET","brandNew":{"x":1},"children":[{"displayName":"c","more":2}]})");
  auto o = decode_as<sample::outer>(v);
  EXPECT_EQ(o.shade.value(), "ULTRAVIOLET");
  ASSERT_TRUE(o.extra.contains("brandNew"));
  EXPECT_EQ(o.extra.at("brandNew").at("x").as_int64(), 1);
  EXPECT_EQ(o.children[0].extra.at("more").as_int64(), 2);
}

TEST(Json, NullAndMissingBothLeaveDefaults) {
  auto o = decode_as<sample::outer>(
      boost::json::parse(R"({"id":null,"count":null,"maybe":null,"single":null,"children":null})"));
  EXPECT_EQ(o.id, "");
  EXPECT_EQ(o.count, 7);
  EXPECT_FALSE(o.maybe);
  EXPECT_FALSE(o.single);
  EXPECT_TRUE(o.children.empty());
  auto m = decode_as<sample::outer>(boost::json::parse("{}"));
  EXPECT_EQ(m.count, 7);
}

TEST(Json, WrongTypeNamesThePath) {
  auto v = boost::json::parse(R"({"children":[{"displayName":"ok"},{"displayName":5}]})");
  try {
    decode_as<sample::outer>(v);
    FAIL() << "expected decode_exception";
  } catch (const decode_exception& e) {
    EXPECT_EQ(e.path(), ".children[1].displayName");
    EXPECT_STREQ(e.what(), "children[1].displayName: expected a string, got a number");
  }
  EXPECT_THROW(decode_as<sample::outer>(boost::json::parse("[1]")), decode_exception);
  EXPECT_THROW(decode_as<sample::outer>(boost::json::parse(R"({"count":1.5})")), decode_exception);
  EXPECT_THROW(decode_as<sample::outer>(boost::json::parse(R"({"flag":"yes"})")), decode_exception);
}

TEST(Json, EncodeLeavesOutUnsetOptionalsAndMergesExtra) {
  sample::outer o;
  o.id = "x";
  o.shade = sample::color::red;
  o.extra.emplace("custom", 1);
  auto v = encode(o);
  const auto& obj = v.as_object();
  EXPECT_FALSE(obj.contains("maybe"));
  EXPECT_FALSE(obj.contains("single"));
  EXPECT_EQ(obj.at("shade").as_string(), "RED");
  EXPECT_EQ(obj.at("default").as_string(), "");
  EXPECT_EQ(obj.at("custom").as_int64(), 1);
  // Round trip.
  auto back = decode_as<sample::outer>(v);
  EXPECT_EQ(back.id, "x");
  EXPECT_EQ(back.extra.at("custom").as_int64(), 1);
}

TEST(Json, NamespaceCanChooseSnakeCaseKeys) {
  auto r = decode_as<snake::record>(boost::json::parse(R"({"created_on":"t","total_pages":4})"));
  EXPECT_EQ(r.created_on, "t");
  EXPECT_EQ(r.total_pages, 4);
  EXPECT_TRUE(encode(r).as_object().contains("total_pages"));
}

// The decoder looks for each key after the member the previous key matched: a document in any
// order, with unknown keys anywhere, decodes to the same model.
TEST(Json, KeyOrderDoesNotChangeTheModel) {
  const auto forward = boost::json::parse(
      R"({"id":"r1","flowId":"f","status":"FAILED","tags":["a"],"failedStep":{"name":"s"},"x":1,"projectId":"p"})");
  const auto backward = boost::json::parse(
      R"({"projectId":"p","x":1,"failedStep":{"name":"s"},"tags":["a"],"status":"FAILED","flowId":"f","id":"r1"})");
  const auto mixed = boost::json::parse(
      R"({"x":1,"status":"FAILED","id":"r1","projectId":"p","failedStep":{"name":"s"},"flowId":"f","tags":["a"]})");
  for (const auto* doc : {&forward, &backward, &mixed}) {
    auto run = decode_as<flowsdk::imbrace::flow_run>(*doc);
    EXPECT_EQ(run.id, "r1");
    EXPECT_EQ(run.flow_id, "f");
    EXPECT_EQ(run.project_id, "p");
    EXPECT_TRUE(run.status == flowsdk::imbrace::flow_run_status::failed);
    EXPECT_EQ(run.tags, std::vector<std::string>{"a"});
    ASSERT_TRUE(run.failed_step);
    EXPECT_EQ(run.failed_step->name, "s");
    EXPECT_EQ(run.extra, boost::json::object({{"x", 1}})) << boost::json::serialize(*doc);
  }
}

TEST(Json, AnImbraceRunStatusIsTerminalOnlyWhenKnownToBeFinal) {
  using flowsdk::imbrace::flow_run_status;
  for (const auto* s : {&flow_run_status::queued, &flow_run_status::running, &flow_run_status::paused})
    EXPECT_FALSE(s->is_terminal()) << s->value();
  EXPECT_TRUE(flow_run_status::stopped.is_terminal());
  EXPECT_TRUE(flow_run_status::memory_limit_exceeded.is_terminal());
  // A status the engine adds later may well be a waiting one: not final until this release knows.
  EXPECT_FALSE(flow_run_status("A_STATUS_FROM_THE_FUTURE").is_terminal());
  EXPECT_FALSE(flow_run_status().is_terminal());
}

TEST(Json, DecodesAnImbraceRunAsTheServerSendsIt) {
  auto v = boost::json::parse(R"({"id":"r1","created":"2026-01-01T00:00:00.000Z","updated":"2026-01-01T00:00:01.000Z",
    "projectId":"p","flowId":"f","flowVersionId":"v","status":"SUCCEEDED","environment":"PRODUCTION",
    "startTime":"2026-01-01T00:00:00.000Z","finishTime":null,"failParentOnFailure":true,"tags":["a"],
    "failedStep":{"name":"step_1","displayName":"Code"},"steps":{"trigger":{"status":"SUCCEEDED"}},
    "logsFileId":null,"archivedAt":null})");
  auto run = decode_as<flowsdk::imbrace::flow_run>(v);
  EXPECT_EQ(run.flow_version_id, "v");
  EXPECT_TRUE(run.status == flowsdk::imbrace::flow_run_status::succeeded);
  EXPECT_TRUE(run.status.is_terminal());
  EXPECT_FALSE(run.finish_time);
  EXPECT_TRUE(run.fail_parent_on_failure);
  ASSERT_TRUE(run.failed_step);
  EXPECT_EQ(run.failed_step->display_name, "Code");
  ASSERT_TRUE(run.steps);
  EXPECT_TRUE(run.steps->contains("trigger"));
  EXPECT_TRUE(run.extra.contains("logsFileId"));
  EXPECT_FALSE(flowsdk::imbrace::flow_run_status("RUNNING").is_terminal());
}
