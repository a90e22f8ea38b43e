// The vendor-neutral call layer (src/rest/) and the one resend decision, over a scripted network.
#include "rest/call.hpp"
#include "rest/pages.hpp"

#include "flowsdk/testing/fake_network.hpp"
#include "support/run.hpp"

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

using flowsdk::errc;
using flowsdk::http::idempotency;
using flowsdk::http::request;
using flowsdk::http::resend_safety_of;
using flowsdk::http::verb;
namespace kit = flowsdk::testing;
namespace rest = flowsdk::rest;
namespace bj = boost::json;

namespace rest_sample {
struct item {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
}  // namespace rest_sample

namespace {

using rest_sample::item;

// A vendor with an envelope `{ok, value}` and `{items, next_cursor}` pages: neither Imbrace's
// nor Cloudflare's, to show that a new scheme is hooks and nothing else.
const bj::value* unwrap_ok(const bj::value& doc, const rest::reply& r) {
  if (!doc.is_object()) rest::throw_decode_error(r, "expected {ok, value}");
  if (const auto* ok = doc.get_object().if_contains("ok"); ok && ok->is_bool() && !ok->get_bool()) {
    throw flowsdk::error(errc::api_failure, rest::details_of(r));
  }
  return doc.get_object().if_contains("value");
}

void ask_cursor(rest::route& r, const std::optional<std::string>& token) { r.query_if("cursor", token); }

std::optional<std::string> next_cursor(const bj::value& doc, const std::optional<std::string>&, std::size_t) {
  const auto* v = doc.get_object().at("value").get_object().if_contains("next_cursor");
  if (v && v->is_string()) return std::string(v->get_string());
  return std::nullopt;
}

const rest::page_scheme items_pages{&ask_cursor, "items", "{items, next_cursor}", &next_cursor};

class Rest : public ::testing::Test {
 protected:
  std::shared_ptr<kit::fake_network> net = std::make_shared<kit::fake_network>();
  rest::service_ptr svc = make(rest::vendor_hooks{nullptr, &unwrap_ok});

  rest::service_ptr make(rest::vendor_hooks hooks) {
    flowsdk::http::transport_options o;
    o.sleep = [](std::chrono::milliseconds) -> boost::asio::awaitable<void> { co_return; };
    auto transport = std::make_shared<flowsdk::http::transport>(net, o);
    return std::make_shared<rest::service>(transport, flowsdk::http::base_url::parse("https://api.example.com/v2"),
                                           flowsdk::http::header_list{{"authorization", "Bearer k"}}, hooks);
  }
  void reply(unsigned status, std::string body) { net->push(kit::reply::status(status, std::move(body))); }
};

}  // namespace

TEST(ResendSafety, DeclarationThenKeyThenMethod) {
  request get(verb::get, "/x");
  EXPECT_TRUE(resend_safety_of(get).allowed);
  request post(verb::post, "/x");
  EXPECT_FALSE(resend_safety_of(post).allowed);
  EXPECT_NE(std::string(resend_safety_of(post).reason).find("Idempotency-Key"), std::string::npos);
  post.headers.emplace_back("Idempotency-Key", "k1");
  EXPECT_TRUE(resend_safety_of(post).allowed);
  request create(verb::post, "/x");
  create.declared = idempotency::idempotent;
  EXPECT_TRUE(resend_safety_of(create).allowed);
  request put(verb::put, "/x");
  put.declared = idempotency::not_idempotent;
  put.headers.emplace_back("idempotency-key", "k2");  // the operation's declaration wins
  EXPECT_FALSE(resend_safety_of(put).allowed);
  EXPECT_STRNE(resend_safety_of(put).reason, "");
}

TEST_F(Rest, CallSendsTheServiceHeadersAndDecodesThePayload) {
  reply(200, R"({"ok":true,"value":{"id":"a1"}})");
  rest::route path("/items");
  path.id("item id", "a 1").query("view", "full");
  auto got = flowsdk::test::run(rest::call<item>(svc, rest::operation(verb::get, std::move(path)), {}));
  EXPECT_EQ(got.id, "a1");
  ASSERT_EQ(net->requests().size(), 1u);
  EXPECT_EQ(net->requests()[0].target, "/v2/items/a%201?view=full");
  EXPECT_EQ(net->requests()[0].headers.at(0).first, "authorization");
}

TEST_F(Rest, DecodeErrorsNameTheCallWhateverTheVendor) {
  reply(200, R"({"ok":true,"value":{"id":7}})");
  try {
    flowsdk::test::run(rest::call<item>(svc, rest::operation(verb::get, rest::route("/items/one")), {}));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_EQ(e.details().method, "GET");
    EXPECT_EQ(e.details().target, "/v2/items/one");
    EXPECT_EQ(e.details().http_status, 200u);
    EXPECT_NE(e.details().body.find("\"id\":7"), std::string::npos);
  }
}

TEST_F(Rest, AnAbsentPayloadIsAnErrorUnlessTheOperationAllowsIt) {
  reply(200, R"({"ok":true})");
  EXPECT_THROW(flowsdk::test::run(rest::call<item>(svc, rest::operation(verb::get, rest::route("/a")), {})),
               flowsdk::error);
  reply(200, R"({"ok":true})");
  rest::payload_rule optional_result{nullptr, nullptr, true};
  auto got = flowsdk::test::run(
      rest::call<item>(svc, rest::operation(verb::get, rest::route("/a")).decode(optional_result), {}));
  EXPECT_EQ(got.id, "");
  reply(204, "");
  EXPECT_THROW(flowsdk::test::run(rest::call<item>(svc, rest::operation(verb::get, rest::route("/a")), {})),
               flowsdk::error);
}

// A vendor that names its payload's key gets replies decoded without a document (the reader of
// src/core/json_reader.hpp): every answer, and every failure, is the same as the document way's.
TEST_F(Rest, AnEnvelopeWithAPayloadKeyDecodesAsTheDocumentWayDoes) {
  auto keyed = make(rest::vendor_hooks{nullptr, &unwrap_ok, "value"});
  const rest::payload_rule may_be_absent{nullptr, nullptr, true};
  // Each body, with and without the optional-result rule: the same item, or the same error.
  for (const char* body :
       {R"({"ok":true,"value":{"id":"a1","more":1}})", R"({"value":{"id":"a2"},"ok":true})", R"({"ok":true})",
        R"({"ok":true,"value":null})", R"({"ok":false,"value":{"id":"x"}})", R"({"value":{"id":"x"},"ok":false})",
        R"({"ok":false,"value":{"id":7}})", R"({"ok":true,"value":{"id":7}})", R"({"ok":true,"value":[]})",
        R"({"ok":true,"value":{"id":"a"},"value":{"id":"b"}})", R"([{"ok":true}])", "not json",
        R"({"ok":true,"value":{"id":"a"}} trailing)"}) {
    for (bool absent_allowed : {false, true}) {
      auto outcome = [&](rest::service_ptr s) {
        reply(200, body);
        auto op = rest::operation(verb::get, rest::route("/a"));
        if (absent_allowed) op = std::move(op).decode(may_be_absent);
        try {
          return "item " + flowsdk::test::run(rest::call<item>(s, std::move(op), {})).id;
        } catch (const flowsdk::error& e) {
          return e.code().message() + ": " + e.details().cause;
        }
      };
      EXPECT_EQ(outcome(keyed), outcome(svc)) << body << (absent_allowed ? " (may be absent)" : "");
    }
  }
}

TEST_F(Rest, AVoidCallStillHonoursAFailureEnvelope) {
  reply(200, R"({"ok":false})");
  try {
    flowsdk::test::run(rest::call_void(svc, rest::operation(verb::delete_, rest::route("/a")), {}));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::api_failure);
  }
  // Without an envelope hook the body of a void call is never read.
  auto bare = make(rest::vendor_hooks{});
  reply(200, "not json");
  EXPECT_NO_THROW(flowsdk::test::run(rest::call_void(bare, rest::operation(verb::delete_, rest::route("/a")), {})));
}

TEST_F(Rest, APageSchemeIsAllANewListShapeNeeds) {
  reply(200, R"({"ok":true,"value":{"items":[{"id":"1"},{"id":"2"}],"next_cursor":"c2"}})");
  reply(200, R"({"ok":true,"value":{"items":[{"id":"3"}]}})");
  auto p = rest::paginate<item>(svc, rest::route("/items"), items_pages, {});
  EXPECT_TRUE(net->requests().empty());  // lazy
  auto ids = flowsdk::test::run([](flowsdk::paginator<item> p) -> boost::asio::awaitable<std::vector<std::string>> {
    std::vector<std::string> out;
    while (auto i = co_await p.next()) out.push_back(i->id);
    co_return out;
  }(std::move(p)));
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2", "3"}));
  ASSERT_EQ(net->requests().size(), 2u);
  EXPECT_EQ(net->requests()[1].target, "/v2/items?cursor=c2");

  reply(200, R"({"ok":true,"value":{"items":[{"id":5}]}})");
  auto bad = rest::paginate<item>(svc, rest::route("/items"), items_pages, {});
  try {
    flowsdk::test::run(bad.next());
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::decode_error);
    EXPECT_NE(std::string(e.what()).find("items[0].id"), std::string::npos) << e.what();
  }
}

namespace {

// Two page shapes the direct reader takes (read_page), each with a twin service that reads the
// same page the document way: a bare {items, next_cursor, total}, and an envelope whose payload
// is the items array with the cursor beside it.
const bj::value* whole_document(const bj::value& doc, const rest::reply&) { return &doc; }

std::optional<std::string> cursor_beside(const bj::value& doc, const std::optional<std::string>&, std::size_t) {
  const auto* v = doc.get_object().if_contains("next_cursor");
  if (v && v->is_string()) return std::string(v->get_string());
  return std::nullopt;
}

std::optional<std::int64_t> total_beside(const bj::value& doc) {
  const auto* v = doc.get_object().if_contains("total");
  if (v && v->is_int64()) return v->get_int64();
  return std::nullopt;
}

const rest::page_scheme bare_pages{&ask_cursor, "items", "{items, next_cursor}", &cursor_beside, &total_beside};
const rest::page_scheme enveloped_pages{&ask_cursor, nullptr, "a list", &cursor_beside, &total_beside};

}  // namespace

TEST_F(Rest, APageReadDirectlyIsThePageTheDocumentWayReads) {
  struct shape {
    rest::service_ptr direct, document_way;
    const rest::page_scheme* scheme;
    std::vector<const char*> bodies;
  };
  const shape shapes[] = {
      {make(rest::vendor_hooks{}),
       make(rest::vendor_hooks{nullptr, &whole_document}),
       &bare_pages,
       {R"({"items":[{"id":"1"},{"id":"2"}],"next_cursor":"c2","total":9})", R"({"next_cursor":"c","items":[]})",
        R"({"items":[{"id":"1","extra":[1,{"a":null}]}]})", R"({"items":null})", R"({"items":{"id":"1"}})",
        R"({"items":[{"id":1}]})", R"({"next_cursor":"c"})", R"({"items":[],"items":[{"id":"2"}]})", R"([{"id":"1"}])",
        R"({"items":[{"id":"1"}]} trailing)", "not json"}},
      {make(rest::vendor_hooks{nullptr, &unwrap_ok, "value"}),
       make(rest::vendor_hooks{nullptr, &unwrap_ok}),
       &enveloped_pages,
       {R"({"ok":true,"value":[{"id":"1"}],"next_cursor":"c2","total":3})", R"({"value":[],"ok":true})",
        R"({"ok":false,"value":[{"id":"1"}]})", R"({"ok":true})", R"({"ok":true,"value":null})",
        R"({"ok":true,"value":{"id":"1"}})", R"({"ok":true,"value":[{"id":null}]})",
        R"({"ok":true,"value":[{"id":false}]})", R"({"ok":true,"value":[],"value":[]})", "[]"}},
  };
  for (const shape& sh : shapes) {
    for (const char* body : sh.bodies) {
      auto outcome = [&](rest::service_ptr s) {
        reply(200, body);
        try {
          auto p = flowsdk::test::run(rest::fetch_page<item>(s, rest::route("/items"), *sh.scheme, std::nullopt, {}));
          std::string out = "items";
          for (const auto& i : p.items) out += " " + i.id;
          out += "; next " + p.next_token.value_or("none") + "; total " +
                 (p.total ? std::to_string(*p.total) : std::string("none"));
          return out;
        } catch (const flowsdk::error& e) {
          return e.code().message() + ": " + e.details().cause;
        }
      };
      EXPECT_EQ(outcome(sh.direct), outcome(sh.document_way)) << body;
    }
  }
}

// The rest of a page read directly stays on the caller's scratch resource: a document of other
// storage took it by copying every member onto the heap (Cloudflare's instances().get paid about
// 3.5 k instructions a call for it).
TEST_F(Rest, ThePageReadDirectlyKeepsItsRestOnTheScratchResource) {
  const std::pair<rest::service_ptr, const char*> shapes[] = {
      {make(rest::vendor_hooks{}), R"({"items":[{"id":"1"}],"next_cursor":"c2","total":9})"},
      {make(rest::vendor_hooks{nullptr, &unwrap_ok, "value"}),
       R"({"ok":true,"value":[{"id":"1"}],"next_cursor":"c2"})"},
  };
  for (const auto& [service, body] : shapes) {
    rest::reply r;
    r.response.status = 200;
    r.response.body = body;
    unsigned char buffer[2048];
    bj::monotonic_resource scratch(buffer, sizeof buffer);
    std::optional<bj::value> document;
    std::vector<item> items;
    const char* items_key = service->hooks().unwrap ? nullptr : "items";
    ASSERT_TRUE(rest::read_page(*service, r, items_key, flowsdk::json::detail::sink_of(items), scratch, document))
        << body;
    ASSERT_TRUE(document.has_value()) << body;
    EXPECT_EQ(document->storage().get(), &scratch) << body;
    EXPECT_EQ(document->at("next_cursor").as_string(), "c2") << body;
    ASSERT_EQ(items.size(), 1u) << body;
    EXPECT_EQ(items[0].id, "1") << body;
  }
}

TEST_F(Rest, ARefusedRetryNamesTheReason) {
  reply(503, "{}");
  try {
    flowsdk::test::run(rest::call_void(svc, rest::operation(verb::post, rest::route("/jobs")), {}));
    FAIL();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::server_error);
    EXPECT_NE(e.details().cause.find("not retried"), std::string::npos) << e.details().cause;
  }
  EXPECT_EQ(net->requests().size(), 1u);
  // The same POST declared idempotent by its operation is retried.
  reply(503, "{}");
  reply(200, R"({"ok":true})");
  flowsdk::test::run(
      rest::call_void(svc, rest::operation(verb::post, rest::route("/jobs")).declare(idempotency::idempotent), {}));
  EXPECT_EQ(net->requests().size(), 3u);
}
