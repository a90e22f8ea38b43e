// The reader that decodes a body without building its document (src/core/json_reader.hpp) must
// decode whatever it accepts exactly as json::decode does, and give up on whatever json::decode
// would report. Each document here is decoded both ways and the answers compared.
#include "core/json_reader.hpp"

#include "flowsdk/cloudflare/models.hpp"
#include "flowsdk/core/json.hpp"
#include "flowsdk/imbrace/models.hpp"
#include "flowsdk/tenex/models.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace reader_sample {

class shade : public flowsdk::open_enum<shade> {
 public:
  using open_enum::open_enum;
};

struct leaf {
  std::string name;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(leaf, (), (name))

struct strict_leaf {  // no `extra`: unknown keys are dropped
  int n = 0;
};
BOOST_DESCRIBE_STRUCT(strict_leaf, (), (n))

struct everything {
  std::string text = "unset";
  bool flag = true;
  std::int64_t big = -1;
  int small = -1;
  double real = -1;
  shade colour;
  std::optional<std::string> maybe;
  std::optional<std::int64_t> maybe_number;
  std::vector<std::string> words;
  std::vector<std::vector<int>> grid;
  std::map<std::string, leaf, std::less<>> by_name;
  std::optional<leaf> one;
  std::vector<strict_leaf> strict;
  boost::json::value anything;
  std::optional<boost::json::value> maybe_anything;
  boost::json::object object;
  std::optional<boost::json::object> maybe_object;
  boost::json::object extra;
};
BOOST_DESCRIBE_STRUCT(everything, (),
                      (text, flag, big, small, real, colour, maybe, maybe_number, words, grid, by_name, one, strict,
                       anything, maybe_anything, object, maybe_object))

}  // namespace reader_sample

namespace {

namespace json = flowsdk::json;
using reader_sample::everything;

enum class verdict { read, refused };

// Decodes `body` both ways; fails the test if they disagree. Returns what the reader did.
template <class T>
verdict compare(const std::string& body) {
  T read{};
  const bool accepted = json::detail::read_into(body, json::detail::sink_of(read));
  std::optional<T> decoded;
  std::string why;
  try {
    decoded = json::decode_as<T>(boost::json::parse(body));
  } catch (const std::exception& e) {
    why = e.what();
  }
  if (!decoded) {
    EXPECT_FALSE(accepted) << "the reader accepted what json::decode rejects (" << why << "): " << body;
    return accepted ? verdict::read : verdict::refused;
  }
  if (accepted) {
    EXPECT_EQ(boost::json::serialize(json::encode(read)), boost::json::serialize(json::encode(*decoded)))
        << "for " << body;
  }
  return accepted ? verdict::read : verdict::refused;
}

const std::string full = R"({"text":"t\u00e9xt \"q\"","flag":false,"big":9007199254740993,"small":-5,
  "real":1.5e3,"colour":"BLUE","maybe":"m","maybeNumber":4e2,"words":["a","bb",""],"grid":[[1,2],[],[3]],
  "byName":{"x":{"name":"X","more":[1,{"deep":null}]},"y":{}},"one":{"name":"o","k":true},
  "strict":[{"n":1,"dropped":{"a":[1,2]}},{"n":2}],"anything":{"a":[1,"2",null,true,1.25]},
  "maybeAnything":[1],"object":{"k":"v"},"maybeObject":{},"unknown":{"nested":[{"x":1}]},"u2":"v",
  "u3":-7,"u4":18446744073709551615,"u5":2.5,"u6":false,"u7":null})";

TEST(JsonReader, DecodesEveryKindOfMemberAsTheDocumentDecoderDoes) {
  EXPECT_EQ(compare<everything>(full), verdict::read);
  everything e;
  ASSERT_TRUE(json::detail::read_into(full, json::detail::sink_of(e)));
  EXPECT_EQ(e.text, "t\xc3\xa9xt \"q\"");
  EXPECT_EQ(e.big, 9007199254740993);
  EXPECT_EQ(e.small, -5);
  EXPECT_EQ(e.maybe_number, 400);
  EXPECT_EQ(e.grid.size(), 3u);
  EXPECT_EQ(e.by_name.at("x").extra.at("more").as_array().size(), 2u);
  EXPECT_EQ(e.extra.size(), 7u);
  EXPECT_EQ(e.extra.at("u4").as_uint64(), 18446744073709551615u);
}

TEST(JsonReader, NullAndMissingLeaveDefaultsAsTheDocumentDecoderDoes) {
  for (const char* body :
       {"{}", "null", R"({"text":null,"flag":null,"big":null,"small":null,"real":null,"colour":null})",
        R"({"maybe":null,"maybeNumber":null,"words":null,"grid":null,"byName":null,"one":null,"strict":null})",
        R"({"anything":null,"maybeAnything":null,"object":null,"maybeObject":null,"unknown":null})",
        R"({"words":[null],"grid":[null,[null]],"byName":{"n":null},"strict":[null]})", "  {} \n"}) {
    EXPECT_EQ(compare<everything>(body), verdict::read) << body;
  }
}

TEST(JsonReader, GivesUpWhereTheDocumentDecoderReportsAnError) {
  for (const char* body : {
           R"({"text":1})",
           R"({"flag":"yes"})",
           R"({"big":1.5})",
           R"({"big":9223372036854775808})",
           R"({"big":1e19})",
           R"({"small":2147483648})",
           R"({"small":1e10})",
           R"({"real":"1"})",
           R"({"colour":3})",
           R"({"maybe":[]})",
           R"({"words":"a"})",
           R"({"words":[1]})",
           R"({"grid":[[1.5]]})",
           R"({"byName":[]})",
           R"({"byName":{"a":1}})",
           R"({"one":"o"})",
           R"({"one":{"name":[]}})",
           R"({"strict":[{"n":"1"}]})",
           R"({"object":[]})",
           R"({"maybeObject":1})",
           R"([])",
           R"("text")",
           "1",
           // not JSON at all
           "",
           "{",
           R"({"text":"a")",
           R"({"text":"a"}})",
           R"({"text":"a"} x)",
           R"({"text":'a'})",
           R"({"text":"a",})",
           "{\"text\":\"\x01\"}",
           R"({"a":1} // comment)",
           R"({"text":"\ud800"})",
       }) {
    EXPECT_EQ(compare<everything>(body), verdict::refused) << body;
  }
}

TEST(JsonReader, GivesUpOnARepeatedKeyAndLeavesItToTheDocumentDecoder) {
  for (const char* body :
       {R"({"text":"a","text":"b"})", R"({"one":{"name":"a"},"one":{"k":1}})", R"({"unknown":1,"unknown":2})",
        R"({"byName":{"a":{},"a":{"name":"n"}}})", R"({"strict":[{"n":1,"n":2}]})"}) {
    EXPECT_EQ(compare<everything>(body), verdict::refused) << body;
  }
  // A repeat inside a value kept as JSON is the document builder's, and agrees by construction.
  EXPECT_EQ(compare<everything>(R"({"anything":{"a":1,"a":2},"u":{"b":1,"b":[2]}})"), verdict::read);
}

TEST(JsonReader, KeysAndStringsWithEscapesAndInAnyOrder) {
  EXPECT_EQ(compare<everything>(R"({"\u0074ext":"\ud83d\ude00","maybe\u004eumber":1,"t\u00e9":{"\n":"\t"}})"),
            verdict::read);
  EXPECT_EQ(compare<everything>(R"({"maybeObject":{},"object":{},"real":2,"small":1,"big":0,"flag":true,"text":""})"),
            verdict::read);
  std::string long_key(5000, 'k');
  std::string long_text(70000, 'x');
  long_text[1000] = '\\';
  long_text.insert(1001, "n");
  EXPECT_EQ(compare<everything>("{\"" + long_key + "\":1,\"text\":\"" + long_text + "\"}"), verdict::read);
}

TEST(JsonReader, NestingUpToTheParserLimit) {
  std::string deep = "1";
  for (int i = 0; i < 30; ++i) deep = "[" + deep + "]";
  EXPECT_EQ(compare<everything>(R"({"anything":)" + deep + R"(,"u":)" + deep + "}"), verdict::read);
  std::string deeper = deep;
  for (int i = 0; i < 10; ++i) deeper = "[" + deeper + "]";
  EXPECT_EQ(compare<everything>(R"({"anything":)" + deeper + "}"), verdict::refused);
}

TEST(JsonReader, TheVendorModelsDecodeTheSameBothWays) {
  EXPECT_EQ(compare<flowsdk::imbrace::flow_run>(
                R"({"id":"GGSAoCKxO3u6voRc8EZmP","created":"2026-12-02T10:37:24.548Z","projectId":"p",
                "flowId":"f","flowVersionId":"v","flowVersion":{"displayName":"Echo"},"status":"SUCCEEDED",
                "environment":"PRODUCTION","startTime":"s","finishTime":null,"failParentOnFailure":true,"tags":["a"],
                "logsFileId":null,"archivedAt":null,"failedStep":{"name":"step_1","displayName":"S"},
                "steps":{"trigger":{"type":"PIECE_TRIGGER","output":{"body":{"name":"Ada"}}}}})"),
            verdict::read);
  EXPECT_EQ(compare<flowsdk::cloudflare::instance_details>(
                R"({"status":"complete","params":{"order":42},"trigger":{"source":"api"},"versionId":"v",
                "queued":"q","start":"s","end":"e","success":true,"error":null,"output":{"ok":true},"step_count":2,
                "steps":[{"type":"step","name":"validate","start":"t","end":"t","success":true,"output":"{}",
                "attempts":[{"start":"t","end":"t","success":true,"error":null}],
                "config":{"retries":{"limit":3,"delay":1000,"backoff":"exponential"},"timeout":"10 minutes"}},
                {"type":"sleep","name":"cool-down","start":"t","end":"t","finished":true,"error":null}]})"),
            verdict::read);
  EXPECT_EQ(compare<flowsdk::tenex::run>(
                R"({"id":"run_1","workflow_id":"wf_1","version":1,"status":"succeeded","trigger":{"type":"manual"},
                "input":{"lead_id":"l"},"output":null,"error":null,"current_step_id":null,"created_at":"c"})"),
            verdict::read);
  EXPECT_EQ(compare<std::vector<flowsdk::imbrace::flow_run>>(R"([{"id":"a"},{"id":"b","tags":[]}])"), verdict::read);
  EXPECT_EQ(compare<boost::json::value>(R"({"a":[1,2,{"b":null}]})"), verdict::read);
  EXPECT_EQ(compare<flowsdk::imbrace::flow_run>(R"({"id":"a","status":7})"), verdict::refused);
}

// Every value of `full` replaced in turn by each other kind of value: the two decoders agree on
// each of the resulting documents, accepted or not.
TEST(JsonReader, AgreesWithTheDocumentDecoderOnEveryValueSwappedForAnother) {
  const boost::json::object base = boost::json::parse(full).as_object();
  const char* replacements[] = {"null",       "true",       "0",      "-1",    "1.5",  "1e300", "18446744073709551615",
                                "\"s\"",      "[]",         "[null]", "[1,2]", "[[]]", "{}",    R"({"name":"n"})",
                                R"({"n":1})", R"({"x":{}})"};
  int read = 0;
  int refused = 0;
  for (const auto& member : base) {
    for (const char* replacement : replacements) {
      boost::json::object doc = base;
      doc[member.key()] = boost::json::parse(replacement);
      (compare<everything>(boost::json::serialize(doc)) == verdict::read ? read : refused) += 1;
    }
  }
  EXPECT_GT(read, 0);
  EXPECT_GT(refused, 0);
}

TEST(JsonReader, AnEnvelopeKeepsItsOtherMembersAndSaysWhetherThePayloadWasThere) {
  reader_sample::leaf payload;
  json::detail::envelope_sink env("result", json::detail::sink_of(payload), {});
  ASSERT_TRUE(json::detail::read_into(R"({"success":true,"errors":[],"result":{"name":"r","x":1},"messages":[{}]})",
                                      env.sink()));
  EXPECT_TRUE(env.present);
  EXPECT_EQ(env.payload_kind, boost::json::kind::object);
  EXPECT_EQ(payload.name, "r");
  EXPECT_EQ(payload.extra.at("x"), 1);
  EXPECT_EQ(boost::json::serialize(env.rest), R"({"success":true,"errors":[],"messages":[{}]})");

  json::detail::envelope_sink null_result("result", json::detail::sink_of(payload), {});
  ASSERT_TRUE(json::detail::read_into(R"({"result":null})", null_result.sink()));
  EXPECT_TRUE(null_result.present);
  EXPECT_EQ(null_result.payload_kind, boost::json::kind::null);

  json::detail::envelope_sink twice("result", json::detail::sink_of(payload), {});
  EXPECT_FALSE(json::detail::read_into(R"({"result":{},"result":{}})", twice.sink()));
  json::detail::envelope_sink not_object("result", json::detail::sink_of(payload), {});
  EXPECT_FALSE(json::detail::read_into(R"([{"result":{}}])", not_object.sink()));
}

}  // namespace
