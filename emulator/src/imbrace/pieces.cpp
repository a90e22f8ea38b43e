// The piece catalog: a handful of real Activepieces pieces with their actions, triggers and props,
// in upstream's PieceMetadata shape. Each entry describes its newest version; "versions" (not sent)
// lists every version the catalog knows, newest first, and an older version is served as the newest
// metadata with its own version number.

#include "imbrace/resources.hpp"
#include "imbrace/state.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace flowsdk::emulator::detail {

namespace {

constexpr std::string_view catalog_json = R"catalog([
{"id":"pm0webhook00000000001","name":"@activepieces/piece-webhook","displayName":"Webhook",
 "description":"Receive HTTP requests and trigger flows using unique URLs.",
 "logoUrl":"https://cdn.activepieces.com/pieces/webhook.svg","versions":["0.1.24","0.1.23","0.1.20"],
 "categories":["CORE"],"authors":["abuaboud","pfernandez98"],"minimumSupportedRelease":"0.30.0",
 "maximumSupportedRelease":"99999.99999.9999",
 "actions":{"return_response":{"name":"return_response","displayName":"Return Response",
   "description":"Return a response to the caller of a synchronous webhook","requireAuth":false,
   "props":{"status":{"displayName":"Status","type":"NUMBER","required":false,"defaultValue":200},
            "headers":{"displayName":"Headers","type":"OBJECT","required":false},
            "body":{"displayName":"Body","type":"JSON","required":false}}}},
 "triggers":{"catch_webhook":{"name":"catch_webhook","displayName":"Catch Webhook",
   "description":"Receive incoming HTTP/webhooks using any HTTP method such as GET, POST, PUT, DELETE, etc.",
   "type":"WEBHOOK","testStrategy":"SIMULATION","requireAuth":false,
   "props":{"authType":{"displayName":"Authentication","type":"STATIC_DROPDOWN","required":true,"defaultValue":"none",
     "options":{"options":[{"label":"None","value":"none"},{"label":"Basic Auth","value":"basic"},
                           {"label":"Header Auth","value":"header"}]}}},
   "sampleData":{"method":"POST","headers":{"content-type":"application/json"},"body":{"hello":"world"},
                 "queryParams":{}}}}},
{"id":"pm0http000000000000001","name":"@activepieces/piece-http","displayName":"HTTP",
 "description":"Sends HTTP requests and return responses","logoUrl":"https://cdn.activepieces.com/pieces/http.png",
 "versions":["0.5.3","0.5.2"],"categories":["CORE"],"authors":["bibhuty-did-this","landonmoir"],
 "minimumSupportedRelease":"0.30.0","maximumSupportedRelease":"99999.99999.9999",
 "actions":{"send_request":{"name":"send_request","displayName":"Send HTTP request",
   "description":"Send HTTP request","requireAuth":false,
   "props":{"method":{"displayName":"Method","type":"STATIC_DROPDOWN","required":true,
              "options":{"options":[{"label":"GET","value":"GET"},{"label":"POST","value":"POST"},
                                    {"label":"PUT","value":"PUT"},{"label":"DELETE","value":"DELETE"}]}},
            "url":{"displayName":"URL","type":"SHORT_TEXT","required":true},
            "headers":{"displayName":"Headers","type":"OBJECT","required":true},
            "body":{"displayName":"Body","type":"JSON","required":false},
            "failsafe":{"displayName":"No Error on Failure","type":"CHECKBOX","required":false}}}},
 "triggers":{}},
{"id":"pm0slack00000000000001","name":"@activepieces/piece-slack","displayName":"Slack",
 "description":"Channel-based messaging platform","logoUrl":"https://cdn.activepieces.com/pieces/slack.png",
 "versions":["0.9.1","0.9.0","0.8.5"],"categories":["COMMUNICATION"],"authors":["rita-gorokhod","AdamSelene"],
 "minimumSupportedRelease":"0.30.0","maximumSupportedRelease":"99999.99999.9999",
 "auth":{"type":"OAUTH2","displayName":"Connection","required":true,
         "authUrl":"https://slack.com/oauth/v2/authorize","tokenUrl":"https://slack.com/api/oauth.v2.access",
         "scope":["channels:read","chat:write","users:read"]},
 "actions":{"send_channel_message":{"name":"send_channel_message","displayName":"Send Message To A Channel",
   "description":"Send message to a channel","requireAuth":true,
   "props":{"channel":{"displayName":"Channel","type":"DROPDOWN","required":true,"refreshers":[]},
            "text":{"displayName":"Message","type":"LONG_TEXT","required":true}}},
  "send_direct_message":{"name":"send_direct_message","displayName":"Send Message To A User",
   "description":"Send message to a user","requireAuth":true,
   "props":{"userId":{"displayName":"User","type":"DROPDOWN","required":true,"refreshers":[]},
            "text":{"displayName":"Message","type":"LONG_TEXT","required":true}}}},
 "triggers":{"new_message":{"name":"new_message","displayName":"New Public Message Posted Anywhere",
   "description":"Triggers when a new message is posted to any channel","type":"APP_WEBHOOK",
   "testStrategy":"TEST_FUNCTION","requireAuth":true,"props":{},
   "sampleData":{"type":"message","channel":"C05B8N3BQ7M","user":"U05A1J3TG5K","text":"Hello from Slack",
                 "ts":"1700000000.000100"}},
  "new_reaction_added":{"name":"new_reaction_added","displayName":"New Reaction",
   "description":"Triggers when a new reaction is added to a message","type":"APP_WEBHOOK",
   "testStrategy":"TEST_FUNCTION","requireAuth":true,
   "props":{"emojis":{"displayName":"Emojis (E.g fire, smile)","type":"ARRAY","required":false}},
   "sampleData":{"type":"reaction_added","user":"U05A1J3TG5K","reaction":"fire",
                 "item":{"type":"message","channel":"C05B8N3BQ7M","ts":"1700000000.000100"}}}}},
{"id":"pm0gmail00000000000001","name":"@activepieces/piece-gmail","displayName":"Gmail",
 "description":"Email service by Google","logoUrl":"https://cdn.activepieces.com/pieces/gmail.png",
 "versions":["0.8.2","0.8.1"],"categories":["COMMUNICATION","BUSINESS_INTELLIGENCE"],"authors":["kanarelo","Salem-Alaa"],
 "minimumSupportedRelease":"0.30.0","maximumSupportedRelease":"99999.99999.9999",
 "auth":{"type":"OAUTH2","displayName":"Connection","required":true,
         "authUrl":"https://accounts.google.com/o/oauth2/auth","tokenUrl":"https://oauth2.googleapis.com/token",
         "scope":["https://www.googleapis.com/auth/gmail.send","email"]},
 "actions":{"send_email":{"name":"send_email","displayName":"Send Email","description":"Send an email through a Gmail account",
   "requireAuth":true,
   "props":{"receiver":{"displayName":"Receiver Email (To)","type":"ARRAY","required":true},
            "subject":{"displayName":"Subject","type":"SHORT_TEXT","required":true},
            "body":{"displayName":"Body","type":"LONG_TEXT","required":true},
            "body_type":{"displayName":"Body Type","type":"STATIC_DROPDOWN","required":false,"defaultValue":"plain_text",
              "options":{"options":[{"label":"plain text","value":"plain_text"},{"label":"html","value":"html"}]}}}}},
 "triggers":{"gmail_new_email_received":{"name":"gmail_new_email_received","displayName":"New Email",
   "description":"Triggers when new mail is found in your Gmail inbox","type":"POLLING","testStrategy":"TEST_FUNCTION",
   "requireAuth":true,"props":{"subject":{"displayName":"Email subject","type":"SHORT_TEXT","required":false}},
   "sampleData":{"id":"18c1f2a3b4c5d6e7","subject":"Welcome","from":"alice@example.com","snippet":"Hi there"}},
  "new_labeled_email":{"name":"new_labeled_email","displayName":"New Labeled Email",
   "description":"Triggers when a label is added to an email","type":"POLLING","testStrategy":"TEST_FUNCTION",
   "requireAuth":true,"props":{"label":{"displayName":"Label","type":"DROPDOWN","required":true,"refreshers":[]}},
   "sampleData":{"id":"18c1f2a3b4c5d6e8","subject":"Invoice","labelIds":["Label_1"]}}}},
{"id":"pm0schedule00000000001","name":"@activepieces/piece-schedule","displayName":"Schedule",
 "description":"Trigger flow with fixed intervals.","logoUrl":"https://cdn.activepieces.com/pieces/schedule.png",
 "versions":["0.1.8","0.1.7"],"categories":["CORE"],"authors":["kishanprmr","AbdulTheActivePiecer"],
 "minimumSupportedRelease":"0.30.0","maximumSupportedRelease":"99999.99999.9999",
 "actions":{},
 "triggers":{"every_hour":{"name":"every_hour","displayName":"Every Hour","description":"Triggers the current flow every hour",
   "type":"POLLING","testStrategy":"SIMULATION","requireAuth":false,
   "props":{"run_on_weekends":{"displayName":"Run on weekends (Sat,Sun)","type":"CHECKBOX","required":false}},
   "sampleData":{}},
  "every_day":{"name":"every_day","displayName":"Every Day","description":"Triggers the current flow every day",
   "type":"POLLING","testStrategy":"SIMULATION","requireAuth":false,
   "props":{"hour_of_the_day":{"displayName":"Hour of the day","type":"STATIC_DROPDOWN","required":true},
            "timezone":{"displayName":"Timezone","type":"STATIC_DROPDOWN","required":true,"defaultValue":"UTC"}},
   "sampleData":{}},
  "cron_expression":{"name":"cron_expression","displayName":"Cron Expression","description":"Use a cron expression to trigger a flow",
   "type":"POLLING","testStrategy":"SIMULATION","requireAuth":false,
   "props":{"cronExpression":{"displayName":"Cron Expression","type":"SHORT_TEXT","required":true,"defaultValue":"0 0 * * *"},
            "timezone":{"displayName":"Timezone","type":"STATIC_DROPDOWN","required":true,"defaultValue":"UTC"}},
   "sampleData":{}}}},
{"id":"pm0store00000000000001","name":"@activepieces/piece-store","displayName":"Storage",
 "description":"Store or retrieve data from key/value database","logoUrl":"https://cdn.activepieces.com/pieces/store.png",
 "versions":["0.5.4"],"categories":["CORE"],"authors":["JanHolger","abuaboud"],
 "minimumSupportedRelease":"0.30.0","maximumSupportedRelease":"99999.99999.9999",
 "actions":{"get":{"name":"get","displayName":"Get","description":"Get a value from storage","requireAuth":false,
   "props":{"key":{"displayName":"Key","type":"SHORT_TEXT","required":true}}},
  "put":{"name":"put","displayName":"Put","description":"Put a value in storage","requireAuth":false,
   "props":{"key":{"displayName":"Key","type":"SHORT_TEXT","required":true},
            "value":{"displayName":"Value","type":"SHORT_TEXT","required":true}}},
  "remove_value":{"name":"remove_value","displayName":"Remove","description":"Remove a value from storage",
   "requireAuth":false,"props":{"key":{"displayName":"Key","type":"SHORT_TEXT","required":true}}}},
 "triggers":{}}
])catalog";

// Fields every entry gets: timestamps, and the registry's classification.
const json::array& catalog() {
  static const json::array pieces = [] {
    auto a = json::parse(catalog_json).as_array();
    for (auto& p : a) {
      auto& o = p.as_object();
      o["created"] = "2024-01-15T09:00:00.000Z";
      o["updated"] = "2025-06-01T09:00:00.000Z";
      o["pieceType"] = "OFFICIAL";
      o["packageType"] = "REGISTRY";
      o["projectUsage"] = 0;
      o["version"] = o.at("versions").as_array().front();
      if (!o.contains("auth")) o["auth"] = nullptr;
    }
    std::sort(a.begin(), a.end(), [](const json::value& x, const json::value& y) {
      return x.at("name").as_string() < y.at("name").as_string();
    });
    return a;
  }();
  return pieces;
}

const json::object* find(std::string_view name) {
  for (const auto& p : catalog())
    if (p.at("name").as_string() == name) return &p.as_object();
  return nullptr;
}

using semver = std::array<long, 3>;

std::optional<semver> parse_semver(std::string_view v) {
  semver out{};
  for (std::size_t i = 0; i < 3; ++i) {
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out[i]);
    if (ec != std::errc{}) return std::nullopt;
    v.remove_prefix(static_cast<std::size_t>(end - v.data()));
    if (i < 2) {
      if (v.empty() || v.front() != '.') return std::nullopt;
      v.remove_prefix(1);
    }
  }
  if (!v.empty()) return std::nullopt;
  return out;
}

// The newest catalog version that `wanted` accepts: exact, ~x.y.z (same minor), ^x.y.z (same major).
std::optional<std::string> pick_version(const json::array& versions, std::string_view wanted) {
  const char range = !wanted.empty() && (wanted.front() == '~' || wanted.front() == '^') ? wanted.front() : '\0';
  const auto base = parse_semver(range ? wanted.substr(1) : wanted);
  for (const auto& v : versions) {  // newest first
    const std::string_view s = v.as_string();
    if (!range) {
      if (s == wanted) return std::string(s);
      continue;
    }
    const auto have = parse_semver(s);
    if (!base || !have || *have < *base) continue;
    if ((*have)[0] == (*base)[0] && (range == '^' || (*have)[1] == (*base)[1])) return std::string(s);
  }
  return std::nullopt;
}

bool icontains(std::string_view hay, std::string_view needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != hay.end();
}

}  // namespace

json::array piece_summaries(std::string_view search, const std::vector<std::string>& categories) {
  json::array out;
  for (const auto& p : catalog()) {
    const auto& o = p.as_object();
    if (!search.empty() && !icontains(o.at("name").as_string(), search) &&
        !icontains(o.at("displayName").as_string(), search))
      continue;
    if (!categories.empty()) {
      const auto& cats = o.at("categories").as_array();
      if (std::none_of(cats.begin(), cats.end(), [&](const json::value& c) {
            return std::find(categories.begin(), categories.end(), c.as_string()) != categories.end();
          }))
        continue;
    }
    json::object s = o;
    s.erase("versions");
    s["actions"] = o.at("actions").as_object().size();
    s["triggers"] = o.at("triggers").as_object().size();
    out.emplace_back(std::move(s));
  }
  return out;
}

json::object piece_metadata(std::string_view name, std::string_view version) {
  const auto* p = find(name);
  if (!p) throw entity_not_found("piece", name);
  json::object out = *p;
  out.erase("versions");
  if (!version.empty()) {
    const auto v = pick_version(p->at("versions").as_array(), version);
    if (!v) throw entity_not_found("piece", std::string(name) + "@" + std::string(version));
    out["version"] = *v;
  }
  return out;
}

json::array piece_categories() {
  json::array out;
  for (const auto& p : catalog())
    for (const auto& c : p.at("categories").as_array())
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

const json::object* piece_trigger(std::string_view piece, std::string_view trigger) {
  const auto* p = find(piece);
  const auto* t = p ? p->at("triggers").as_object().if_contains(trigger) : nullptr;
  return t ? &t->as_object() : nullptr;
}

const json::object* piece_action(std::string_view piece, std::string_view action) {
  const auto* p = find(piece);
  const auto* a = p ? p->at("actions").as_object().if_contains(action) : nullptr;
  return a ? &a->as_object() : nullptr;
}

std::string piece_latest_version(std::string_view piece) {
  const auto* p = find(piece);
  return p ? std::string(p->at("version").as_string()) : std::string();
}

std::string piece_logo_url(std::string_view piece) {
  if (const auto* p = find(piece)) return std::string(p->at("logoUrl").as_string());
  auto short_name = piece.substr(piece.rfind('/') == std::string_view::npos ? 0 : piece.rfind('/') + 1);
  if (short_name.starts_with("piece-")) short_name.remove_prefix(6);
  return "https://cdn.activepieces.com/pieces/" + std::string(short_name) + ".png";
}

}  // namespace flowsdk::emulator::detail
