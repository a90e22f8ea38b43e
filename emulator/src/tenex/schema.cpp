#include "tenex/schema.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

namespace flowsdk::emulator::detail::tenex {

namespace {

constexpr std::string_view type_names[] = {"string", "number", "integer", "boolean", "object", "array", "null"};

bool known_type(std::string_view t) {
  for (auto n : type_names)
    if (n == t) return true;
  return false;
}

bool has_type(const json::value& v, std::string_view t) {
  if (t == "string") return v.is_string();
  if (t == "number") return v.is_number();
  if (t == "integer")
    return v.is_int64() || v.is_uint64() || (v.is_double() && std::floor(v.get_double()) == v.get_double());
  if (t == "boolean") return v.is_bool();
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  return t == "null" && v.is_null();
}

// Pydantic's error type and message for a value that is not of type `t`.
std::pair<std::string_view, std::string_view> type_error(std::string_view t) {
  if (t == "string") return {"string_type", "Input should be a valid string"};
  if (t == "number") return {"float_type", "Input should be a valid number"};
  if (t == "integer") return {"int_type", "Input should be a valid integer"};
  if (t == "boolean") return {"bool_type", "Input should be a valid boolean"};
  if (t == "object") return {"dict_type", "Input should be a valid dictionary"};
  if (t == "array") return {"list_type", "Input should be a valid list"};
  return {"none_required", "Input should be None"};
}

json::array at(const json::array& loc, json::value part) {
  json::array out = loc;
  out.push_back(std::move(part));
  return out;
}

std::string number_text(const json::value& v) { return json::serialize(v); }

}  // namespace

json::object validation_entry(json::array loc, std::string_view msg, std::string_view type) {
  return json::object{{"loc", std::move(loc)}, {"msg", msg}, {"type", type}};
}

void validate_schema(const json::value& schema, const json::value& value, const json::array& loc, json::array& errors) {
  if (!schema.is_object()) return;
  const auto& s = schema.get_object();
  if (const auto* t = s.if_contains("type")) {
    bool ok = false;
    std::string_view first;
    if (t->is_string()) {
      first = t->get_string();
      ok = has_type(value, first);
    } else if (t->is_array()) {
      for (const auto& e : t->get_array())
        if (e.is_string()) {
          if (first.empty()) first = e.get_string();
          ok = ok || has_type(value, e.get_string());
        }
    } else {
      ok = true;
    }
    if (!ok) {
      const auto [type, msg] = type_error(first);
      errors.push_back(validation_entry(loc, msg, type));
      return;
    }
  }
  if (const auto* e = s.if_contains("enum"); e && e->is_array()) {
    bool found = false;
    for (const auto& option : e->get_array()) found = found || option == value;
    if (!found) errors.push_back(validation_entry(loc, "Input should be one of " + json::serialize(*e), "enum"));
  }
  if (value.is_number()) {
    const auto x = value.to_number<double>();
    if (const auto* m = s.if_contains("minimum"); m && m->is_number() && x < m->to_number<double>())
      errors.push_back(
          validation_entry(loc, "Input should be greater than or equal to " + number_text(*m), "greater_than_equal"));
    if (const auto* m = s.if_contains("maximum"); m && m->is_number() && x > m->to_number<double>())
      errors.push_back(
          validation_entry(loc, "Input should be less than or equal to " + number_text(*m), "less_than_equal"));
  }
  if (value.is_string()) {
    const auto n = static_cast<std::int64_t>(value.get_string().size());
    if (const auto* m = s.if_contains("minLength"); m && m->is_int64() && n < m->get_int64())
      errors.push_back(
          validation_entry(loc, "String should have at least " + number_text(*m) + " characters", "string_too_short"));
    if (const auto* m = s.if_contains("maxLength"); m && m->is_int64() && n > m->get_int64())
      errors.push_back(
          validation_entry(loc, "String should have at most " + number_text(*m) + " characters", "string_too_long"));
  }
  if (value.is_object()) {
    const auto& o = value.get_object();
    if (const auto* r = s.if_contains("required"); r && r->is_array())
      for (const auto& name : r->get_array())
        if (name.is_string() && !o.contains(name.get_string()))
          errors.push_back(validation_entry(at(loc, name), "Field required", "missing"));
    const auto* props = s.if_contains("properties");
    for (const auto& [key, v] : o) {
      const json::value* sub = props && props->is_object() ? props->get_object().if_contains(key) : nullptr;
      if (sub) {
        validate_schema(*sub, v, at(loc, json::string(key)), errors);
      } else if (const auto* extra = s.if_contains("additionalProperties");
                 extra && extra->is_bool() && !extra->get_bool()) {
        errors.push_back(
            validation_entry(at(loc, json::string(key)), "Extra inputs are not permitted", "extra_forbidden"));
      }
    }
  }
  if (value.is_array())
    if (const auto* items = s.if_contains("items"))
      for (std::size_t k = 0; k < value.get_array().size(); ++k)
        validate_schema(*items, value.get_array()[k], at(loc, static_cast<std::int64_t>(k)), errors);
}

void check_schema(const json::value& schema, const json::array& loc, json::array& errors) {
  if (!schema.is_object()) {
    errors.push_back(validation_entry(loc, "Input should be a valid dictionary", "dict_type"));
    return;
  }
  if (const auto* t = schema.get_object().if_contains("type"); t && !(t->is_string() && known_type(t->get_string())))
    errors.push_back(validation_entry(at(loc, "type"), "unknown JSON Schema type", "value_error"));
}

}  // namespace flowsdk::emulator::detail::tenex
