// The 10ex emulator's condition language, `$.` path resolver and input_schema validation.

#include "common/util.hpp"
#include "tenex/expression.hpp"
#include "tenex/schedule.hpp"
#include "tenex/schema.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace flowsdk::emulator::detail::tenex {
namespace {

const json::value ctx = json::parse(R"({
  "input": {"lead_id": "l1", "score": 87, "tags": ["a", "b"], "vip": true, "none": null, "name": "O'Neil"},
  "steps": {"enrich": {"output": {"score": 42.5, "segment": "smb"}}}
})");

bool eval(std::string_view src) { return condition::parse(src).evaluate(ctx); }

TEST(TenexExpression, ResolvesPathsAndIndexes) {
  EXPECT_EQ(resolve_path(ctx, "$.input.lead_id"), json::value("l1"));
  EXPECT_EQ(resolve_path(ctx, "$.input.tags[1]"), json::value("b"));
  EXPECT_EQ(resolve_path(ctx, "$.steps.enrich.output.segment"), json::value("smb"));
  EXPECT_TRUE(resolve_path(ctx, "$.input.missing.deeper").is_null());
  EXPECT_TRUE(resolve_path(ctx, "$.input.tags[9]").is_null());
  EXPECT_TRUE(resolve_path(ctx, "input.lead_id").is_null());
  EXPECT_EQ(resolve_path(ctx, "$").as_object().size(), 2u);
  EXPECT_TRUE(is_path("$.a.b[0]"));
  EXPECT_FALSE(is_path("$.a..b"));
  EXPECT_FALSE(is_path("$.a[x]"));
  EXPECT_FALSE(is_path("lead"));
}

TEST(TenexExpression, Comparisons) {
  EXPECT_TRUE(eval("$.input.score >= 80"));
  EXPECT_FALSE(eval("$.input.score < 80"));
  EXPECT_TRUE(eval("$.input.score == 87"));
  EXPECT_TRUE(eval("$.input.score == 87.0"));
  EXPECT_TRUE(eval("$.input.score != 86"));
  EXPECT_TRUE(eval("$.input.score > -1"));
  EXPECT_TRUE(eval("$.input.score <= 87"));
  EXPECT_TRUE(eval("$.steps.enrich.output.score > 42"));
  EXPECT_TRUE(eval("$.steps.enrich.output.segment == 'smb'"));
  EXPECT_TRUE(eval("$.steps.enrich.output.segment == \"smb\""));
  EXPECT_TRUE(eval("$.input.name == 'O\\'Neil'"));
  EXPECT_TRUE(eval("'abc' < 'abd'"));
  EXPECT_FALSE(eval("$.input.lead_id > 3"));  // mixed kinds do not order
  EXPECT_TRUE(eval("$.input.none == null"));
  EXPECT_TRUE(eval("$.input.missing == null"));
  EXPECT_TRUE(eval("$.input.vip == true"));
  EXPECT_FALSE(eval("$.input.vip == false"));
}

TEST(TenexExpression, LogicAndPrecedence) {
  EXPECT_TRUE(eval("$.input.vip && $.input.score > 50"));
  EXPECT_FALSE(eval("$.input.vip && $.input.score > 90"));
  EXPECT_TRUE(eval("$.input.score > 90 || $.input.vip"));
  EXPECT_TRUE(eval("!($.input.score > 90)"));
  EXPECT_FALSE(eval("!$.input.vip"));
  EXPECT_TRUE(eval("!!$.input.vip"));
  // && binds tighter than ||: false || (true && true)
  EXPECT_TRUE(eval("$.input.score > 90 || $.input.vip && $.input.score > 1"));
  EXPECT_FALSE(eval("($.input.score > 90 || $.input.vip) && $.input.score > 100"));
  EXPECT_TRUE(eval("$.input.lead_id"));  // truthiness of a bare operand
  EXPECT_FALSE(eval("$.input.missing"));
  EXPECT_FALSE(eval("0"));
  EXPECT_FALSE(eval("''"));
}

TEST(TenexExpression, SyntaxErrorsCarryTheOffset) {
  for (std::string_view bad : {"", "$.input.score >", "($.a == 1", "$.a == 'x", "$.a === 1", "$.a.. == 1", "foo == 1",
                               "$.a == 1 junk", "1 == 1 &&"}) {
    EXPECT_THROW(condition::parse(bad), expression_error) << bad;
  }
  try {
    condition::parse("$.a == @");
    FAIL();
  } catch (const expression_error& e) {
    EXPECT_EQ(e.offset, 7u);
  }
}

TEST(TenexSchema, ReportsPydanticEntries) {
  const auto schema = json::parse(R"({"type": "object", "required": ["lead_id", "count"],
    "properties": {"lead_id": {"type": "string", "minLength": 2}, "count": {"type": "integer", "minimum": 1},
                   "kind": {"enum": ["a", "b"]}, "tags": {"type": "array", "items": {"type": "string"}}}})");
  json::array errors;
  validate_schema(schema, json::parse(R"({"lead_id": 5, "kind": "c", "tags": ["x", 1]})"), json::array{"body", "input"},
                  errors);
  ASSERT_EQ(errors.size(), 4u) << json::serialize(errors);
  EXPECT_EQ(errors[0].at("loc"), json::parse(R"(["body", "input", "count"])"));
  EXPECT_EQ(errors[0].at("type"), json::value("missing"));
  EXPECT_EQ(errors[0].at("msg"), json::value("Field required"));
  EXPECT_EQ(errors[1].at("loc"), json::parse(R"(["body", "input", "lead_id"])"));
  EXPECT_EQ(errors[1].at("type"), json::value("string_type"));
  EXPECT_EQ(errors[2].at("loc"), json::parse(R"(["body", "input", "kind"])"));
  EXPECT_EQ(errors[2].at("type"), json::value("enum"));
  EXPECT_EQ(errors[3].at("loc"), json::parse(R"(["body", "input", "tags", 1])"));

  errors.clear();
  validate_schema(schema, json::parse(R"({"lead_id": "l", "count": 0})"), json::array{"x"}, errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("type"), json::value("string_too_short"));
  EXPECT_EQ(errors[1].at("type"), json::value("greater_than_equal"));

  errors.clear();
  validate_schema(schema, json::parse(R"({"lead_id": "ok", "count": 3})"), json::array{"x"}, errors);
  EXPECT_TRUE(errors.empty());
  validate_schema(schema, json::parse("[]"), json::array{"x"}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("type"), json::value("dict_type"));
}

TEST(TenexCron, NextMatchInUtc) {
  const auto t = *parse_iso8601("2026-11-22T10:15:30Z");  // a Sunday
  const auto next = [&](std::string_view c) { return format_iso8601(*cron::parse(c)->next_after(t)); };
  EXPECT_EQ(next("* * * * *"), "2026-11-22T10:16:00.000Z");
  EXPECT_EQ(next("*/20 * * * *"), "2026-11-22T10:20:00.000Z");
  EXPECT_EQ(next("0 9 * * *"), "2026-11-23T09:00:00.000Z");
  EXPECT_EQ(next("30 8-10 * * 1-5"), "2026-11-23T08:30:00.000Z");
  EXPECT_EQ(next("0 0 1 1 *"), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(next("15,45 10 * * 0"), "2026-11-22T10:45:00.000Z");
  EXPECT_EQ(next("0 12 29 2 *"), "2028-02-29T12:00:00.000Z");
  for (std::string_view bad : {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "*/0 * * * *", "a * * * *",
                               "5-1 * * * *", "* * * * * *"})
    EXPECT_FALSE(cron::parse(bad)) << bad;
}

}  // namespace
}  // namespace flowsdk::emulator::detail::tenex
