#include "flowsdk/core/json.hpp"

#include <boost/json/kind.hpp>

namespace flowsdk::json {
namespace {

std::string describe_kind(boost::json::kind k) {
  switch (k) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
      return "an object";
  }
  return "an unknown value";
}

}  // namespace

decode_exception::decode_exception(std::string path, std::string expected, boost::json::kind got)
    : std::runtime_error("JSON decode"), path_(std::move(path)), expected_(std::move(expected)), got_(got) {
  prepend("");
}

void decode_exception::prepend(std::string_view segment) {
  path_.insert(0, segment);
  message_ = (path_.empty() ? std::string("document") : (path_[0] == '.' ? path_.substr(1) : path_)) + ": expected " +
             expected_ + ", got " + describe_kind(got_);
}

namespace detail {

std::string member_key(std::string_view name, key_style style) {
  if (!name.empty() && name.back() == '_') name.remove_suffix(1);
  if (style == key_style::snake_case) return std::string(name);
  std::string key;
  key.reserve(name.size());
  bool upper_next = false;
  for (char c : name) {
    if (c == '_') {
      upper_next = !key.empty();
      continue;
    }
    key.push_back(upper_next && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper_next = false;
  }
  return key;
}

void throw_mismatch(const char* expected, const boost::json::value& got) {
  throw decode_exception("", expected, got.kind());
}

}  // namespace detail

void decode(const boost::json::value& v, std::string& out) {
  if (v.is_null()) return;
  if (!v.is_string()) detail::throw_mismatch("a string", v);
  const auto& s = v.get_string();
  out.assign(s.data(), s.size());
}

void decode(const boost::json::value& v, bool& out) {
  if (v.is_null()) return;
  if (!v.is_bool()) detail::throw_mismatch("a boolean", v);
  out = v.get_bool();
}

std::optional<std::int64_t> as_int64(const boost::json::value& v) noexcept {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  if (v.is_double() && v.get_double() >= -9.2e18 && v.get_double() <= 9.2e18 &&
      v.get_double() == static_cast<double>(static_cast<std::int64_t>(v.get_double()))) {
    return static_cast<std::int64_t>(v.get_double());  // in range: the cast is defined
  }
  return std::nullopt;
}

void decode(const boost::json::value& v, std::int64_t& out) {
  if (v.is_null()) return;
  const auto n = as_int64(v);
  if (!n) detail::throw_mismatch("an integer", v);
  out = *n;
}

void decode(const boost::json::value& v, int& out) {
  std::int64_t wide = out;
  decode(v, wide);
  if (wide < INT32_MIN || wide > INT32_MAX) detail::throw_mismatch("a 32-bit integer", v);
  out = static_cast<int>(wide);
}

void decode(const boost::json::value& v, double& out) {
  if (v.is_null()) return;
  if (v.is_double()) {
    out = v.get_double();
  } else if (v.is_int64()) {
    out = static_cast<double>(v.get_int64());
  } else if (v.is_uint64()) {
    out = static_cast<double>(v.get_uint64());
  } else {
    detail::throw_mismatch("a number", v);
  }
}

void decode(const boost::json::value& v, boost::json::value& out) { out = v; }

void decode(const boost::json::value& v, boost::json::object& out) {
  if (v.is_null()) {
    out.clear();
    return;
  }
  if (!v.is_object()) detail::throw_mismatch("an object", v);
  out = v.get_object();
}

}  // namespace flowsdk::json
