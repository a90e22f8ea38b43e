#pragma once
// Checks a request against an OpenAPI 3.0 document: the path matches a declared template
// (literal segments before parameters), the method is declared for it, path and query
// parameters are declared and their values fit their schemas, required ones are present, and
// the JSON body fits the request body schema. Enough JSON Schema for the vendor documents:
// type, nullable, enum, required, properties, additionalProperties, items, min/max items,
// lengths and values, anyOf/oneOf/allOf, pattern, and the uuid/date-time formats.

#include "flowsdk/http/request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/decode_view.hpp>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowsdk::test {

class openapi_document {
 public:
  explicit openapi_document(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::json::parse_options deep;
    deep.max_depth = 4096;  // vendor schemas nest deeper than Boost.JSON's default of 32
    doc_ = boost::json::parse(ss.str(), {}, deep);
  }

  /// Empty when `req` fits the document; otherwise what is wrong. `base_path` is the server
  /// prefix to strip ("/client/v4").
  std::string validate(const http::request& req, const std::string& base_path) const {
    std::string path = req.target, query;
    if (auto q = path.find('?'); q != std::string::npos) {
      query = path.substr(q + 1);
      path.resize(q);
    }
    if (path.rfind(base_path, 0) != 0) return "path " + path + " is not under " + base_path;
    path = path.substr(base_path.size());
    const auto segments = split(path, '/');

    const boost::json::object* best = nullptr;
    std::string best_template;
    int best_literals = -1;
    std::vector<std::pair<std::string, std::string>> best_params;
    for (const auto& [tmpl, item] : doc_.at("paths").as_object()) {
      const auto parts = split(std::string(tmpl), '/');
      if (parts.size() != segments.size()) continue;
      int literals = 0;
      bool ok = true;
      std::vector<std::pair<std::string, std::string>> params;
      for (std::size_t i = 0; i < parts.size() && ok; ++i) {
        if (parts[i].size() > 2 && parts[i].front() == '{') {
          if (segments[i].empty()) ok = false;
          params.emplace_back(parts[i].substr(1, parts[i].size() - 2), decode(segments[i]));
        } else if (parts[i] == segments[i]) {
          ++literals;
        } else {
          ok = false;
        }
      }
      if (ok && literals > best_literals) {
        best = &item.as_object();
        best_template = tmpl;
        best_literals = literals;
        best_params = std::move(params);
      }
    }
    if (!best) return "no path template matches " + path;
    const std::string method = lower(std::string(boost::beast::http::to_string(req.method)));
    const auto* op = best->if_contains(method);
    if (!op) return method + " is not declared for " + best_template;
    const auto& operation = op->as_object();
    const std::string where = method + " " + best_template;

    // Parameters.
    std::vector<std::pair<std::string, std::string>> query_pairs;
    for (const auto& pair : split(query, '&')) {
      if (pair.empty()) continue;
      auto eq = pair.find('=');
      query_pairs.emplace_back(decode(pair.substr(0, eq)), eq == std::string::npos ? "" : decode(pair.substr(eq + 1)));
    }
    std::vector<const boost::json::object*> declared;
    if (const auto* ps = operation.if_contains("parameters")) {
      for (const auto& p : ps->as_array()) declared.push_back(&resolve(p).as_object());
    }
    if (const auto* ps = best->if_contains("parameters")) {
      for (const auto& p : ps->as_array()) declared.push_back(&resolve(p).as_object());
    }
    auto find_param = [&](const std::string& name, const char* in) -> const boost::json::object* {
      for (const auto* p : declared) {
        if (p->at("name").as_string() == name && p->at("in").as_string() == in) return p;
      }
      return nullptr;
    };
    for (const auto& [name, value] : best_params) {
      const auto* p = find_param(name, "path");
      if (!p) return where + ": path parameter " + name + " is not declared";
      if (auto e = check_scalar(value, p->at("schema")); !e.empty())
        return where + ": path parameter " + name + ": " + e;
    }
    for (const auto& [name, value] : query_pairs) {
      const auto* p = find_param(name, "query");
      if (!p) return where + ": query parameter " + name + " is not declared";
      if (auto e = check_scalar(value, p->at("schema")); !e.empty())
        return where + ": query " + name + "=" + value + ": " + e;
    }
    for (const auto* p : declared) {
      if (p->at("in").as_string() != "query" || !p->contains("required") || !p->at("required").as_bool()) continue;
      bool present = false;
      for (const auto& [name, value] : query_pairs) present |= name == p->at("name").as_string();
      if (!present) return where + ": required query parameter " + std::string(p->at("name").as_string()) + " missing";
    }

    // Body.
    const auto* body_decl = operation.if_contains("requestBody");
    if (!body_decl) {
      if (!req.body.empty()) return where + ": sends a body the operation does not declare";
      return {};
    }
    const auto& rb = resolve(*body_decl).as_object();
    const bool required = rb.contains("required") && rb.at("required").as_bool();
    if (req.body.empty()) return required ? where + ": the required body is missing" : std::string();
    if (req.content_type.find("application/json") == std::string::npos) return where + ": body is not application/json";
    boost::system::error_code ec;
    auto body = boost::json::parse(req.body, ec);
    if (ec) return where + ": body is not JSON";
    const auto& schema = rb.at("content").at("application/json").at("schema");
    if (auto e = check(body, schema, "body"); !e.empty()) return where + ": " + e;
    return {};
  }

 private:
  static std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    if (!s.empty() && s[0] == sep) start = 1;
    while (true) {
      auto pos = s.find(sep, start);
      out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
      if (pos == std::string::npos) break;
      start = pos + 1;
    }
    return out;
  }
  static std::string decode(const std::string& s) {
    std::string out;
    for (char c : boost::urls::decode_view(s)) out.push_back(c);
    return out;
  }
  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  const boost::json::value& resolve(const boost::json::value& v) const {
    if (!v.is_object() || !v.as_object().contains("$ref")) return v;
    std::string ref(v.at("$ref").as_string());  // "#/components/schemas/x"
    const boost::json::value* cur = &doc_;
    for (const auto& part : split(ref.substr(1), '/')) cur = &cur->at(part);
    return resolve(*cur);
  }

  // A path or query value is text: check it as the scalar its schema wants.
  std::string check_scalar(const std::string& text, const boost::json::value& schema_ref) const {
    const auto& schema = resolve(schema_ref).as_object();
    const std::string type = schema.contains("type") ? std::string(schema.at("type").as_string()) : "string";
    boost::json::value v;
    if (type == "integer" || type == "number") {
      try {
        std::size_t used = 0;
        double d = std::stod(text, &used);
        if (used != text.size()) return "not a number";
        if (type == "integer" && d != static_cast<double>(static_cast<long long>(d))) return "not an integer";
        v = d;
        if (type == "integer") v = static_cast<std::int64_t>(d);
      } catch (...) {
        return "not a number";
      }
    } else if (type == "boolean") {
      if (text != "true" && text != "false") return "not a boolean";
      v = text == "true";
    } else {
      v = boost::json::string(text);
    }
    return check(v, schema_ref, "value");
  }

  std::string check(const boost::json::value& v, const boost::json::value& schema_ref, const std::string& at) const {
    const auto& schema_v = resolve(schema_ref);
    if (!schema_v.is_object()) return {};
    const auto& s = schema_v.as_object();
    if (v.is_null()) {
      if (s.contains("nullable") && s.at("nullable").as_bool()) return {};
      if (!s.contains("type") && !s.contains("anyOf") && !s.contains("oneOf")) return {};
    }
    for (const char* key : {"anyOf", "oneOf"}) {
      if (const auto* alts = s.if_contains(key)) {
        bool any = false;
        for (const auto& alt : alts->as_array()) any |= check(v, alt, at).empty();
        if (!any) return at + ": fits none of " + key;
      }
    }
    if (const auto* all = s.if_contains("allOf")) {
      for (const auto& part : all->as_array()) {
        if (auto e = check(v, part, at); !e.empty()) return e;
      }
    }
    if (const auto* e = s.if_contains("enum")) {
      bool found = false;
      for (const auto& option : e->as_array()) found |= option == v;
      if (!found) return at + ": " + boost::json::serialize(v) + " is not one of " + boost::json::serialize(*e);
    }
    if (const auto* t = s.if_contains("type")) {
      const std::string type(t->as_string());
      const bool ok = (type == "object" && v.is_object()) || (type == "array" && v.is_array()) ||
                      (type == "string" && v.is_string()) || (type == "boolean" && v.is_bool()) ||
                      (type == "integer" && (v.is_int64() || v.is_uint64())) || (type == "number" && (v.is_number()));
      if (!ok) return at + ": expected " + type + ", got " + boost::json::serialize(v);
    }
    if (v.is_string()) {
      const auto& str = v.as_string();
      if (auto* m = s.if_contains("minLength"); m && str.size() < m->to_number<std::size_t>())
        return at + ": too short";
      if (auto* m = s.if_contains("maxLength"); m && str.size() > m->to_number<std::size_t>()) return at + ": too long";
      if (auto* p = s.if_contains("pattern");
          p && !std::regex_search(std::string(str), std::regex(std::string(p->as_string())))) {
        return at + ": does not match " + std::string(p->as_string());
      }
      if (auto* f = s.if_contains("format");
          f && f->as_string() == "uuid" && !std::regex_match(std::string(str), std::regex("[0-9a-fA-F-]{36}"))) {
        return at + ": not a uuid";
      }
    }
    if (v.is_number()) {
      const double d = v.to_number<double>();
      if (auto* m = s.if_contains("minimum")) {
        const bool exclusive =
            s.contains("exclusiveMinimum") && s.at("exclusiveMinimum").is_bool() && s.at("exclusiveMinimum").as_bool();
        if (exclusive ? d <= m->to_number<double>() : d < m->to_number<double>()) return at + ": below the minimum";
      }
      if (auto* m = s.if_contains("maximum"); m && d > m->to_number<double>()) return at + ": above the maximum";
    }
    if (v.is_array()) {
      const auto& a = v.as_array();
      if (auto* m = s.if_contains("minItems"); m && a.size() < m->to_number<std::size_t>())
        return at + ": too few items";
      if (auto* m = s.if_contains("maxItems"); m && a.size() > m->to_number<std::size_t>())
        return at + ": too many items";
      if (const auto* items = s.if_contains("items")) {
        for (std::size_t i = 0; i < a.size(); ++i) {
          if (auto e = check(a[i], *items, at + "[" + std::to_string(i) + "]"); !e.empty()) return e;
        }
      }
    }
    if (v.is_object()) {
      const auto& o = v.as_object();
      if (const auto* req = s.if_contains("required")) {
        for (const auto& name : req->as_array()) {
          if (!o.contains(name.as_string()))
            return at + ": required property " + std::string(name.as_string()) + " missing";
        }
      }
      const auto* props = s.if_contains("properties");
      const auto* extra = s.if_contains("additionalProperties");
      for (const auto& [key, child] : o) {
        const boost::json::value* child_schema = props ? props->as_object().if_contains(key) : nullptr;
        if (child_schema) {
          if (auto e = check(child, *child_schema, at + "." + std::string(key)); !e.empty()) return e;
        } else if (extra && extra->is_bool() && !extra->as_bool()) {
          return at + ": property " + std::string(key) + " is not allowed";
        } else if (extra && extra->is_object()) {
          if (auto e = check(child, *extra, at + "." + std::string(key)); !e.empty()) return e;
        }
      }
    }
    return {};
  }

  boost::json::value doc_;
};

}  // namespace flowsdk::test
