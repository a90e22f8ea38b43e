#pragma once
// JSON <-> model mapping, shared by every vendor layer. A model is a struct described with
// BOOST_DESCRIBE_STRUCT; its members map to JSON keys by the naming style of its namespace
// (camelCase unless the namespace declares otherwise, see json_key_style). Decoding is lenient
// where APIs drift and strict where a wrong answer would be silent:
//   - unknown keys are kept in the model's `extra` member (a boost::json::object), if it has one;
//   - null and missing both leave a member at its default (std::nullopt for optionals);
//   - a value of the wrong JSON type fails with a decode_exception naming the path ("data[3].status").
// A trailing underscore in a member name is dropped (`default_` maps to "default").

#include "flowsdk/core/open_enum.hpp"

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace flowsdk::json {

/// How member names become JSON keys.
enum class key_style { camel_case, snake_case };

/// Default key style; a vendor namespace overrides it for all its types with an overload found
/// by argument-dependent lookup: `template <class T> constexpr json::key_style json_key_style(const T*)`.
/// (Taking `const void*` makes any such overload a better match.)
constexpr key_style json_key_style(const void*) { return key_style::camel_case; }

/// Per-member exceptions to the key style: an overload for a model type, found by
/// argument-dependent lookup, returns the JSON key of a member (by its C++ name), or an empty
/// view to keep the styled key. Cloudflare needs it for the few camelCase keys of a snake_case API.
constexpr std::string_view json_rename(const void*, std::string_view) { return {}; }

/// Thrown by decode() when a value has the wrong type. path() locates it in the document.
class decode_exception : public std::runtime_error {
 public:
  decode_exception(std::string path, std::string expected, boost::json::kind got);
  const std::string& path() const noexcept { return path_; }
  void prepend(std::string_view segment);  // used while unwinding to build the path
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string path_;
  std::string expected_;
  boost::json::kind got_;
  std::string message_;
};

namespace detail {

std::string member_key(std::string_view member_name, key_style style);

template <class T>
using described_members = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T, class = void>
struct is_described : std::false_type {};
template <class T>
struct is_described<T, std::void_t<described_members<T>>> : std::true_type {};

template <class T>
concept has_extra = requires(T& t) {
  { t.extra } -> std::same_as<boost::json::object&>;
};

template <class T>
concept open_enumeration = std::is_base_of_v<open_enum<T>, T>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// The JSON keys of T's described members, computed once per type.
template <class T>
const auto& keys_of() {
  static const auto keys = [] {
    std::array<std::string, boost::mp11::mp_size<described_members<T>>::value> out;
    std::size_t i = 0;
    boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
      const std::string_view renamed = json_rename(static_cast<const T*>(nullptr), d.name);
      out[i++] =
          renamed.empty() ? member_key(d.name, json_key_style(static_cast<const T*>(nullptr))) : std::string(renamed);
    });
    return out;
  }();
  return keys;
}

[[noreturn]] void throw_mismatch(const char* expected, const boost::json::value& got);

/// Key comparison for the member search: lengths first, so most members are rejected without
/// comparing characters (std::string's == compares them first).
inline bool same_key(const std::string& member_key, std::string_view key) noexcept {
  return member_key.size() == key.size() &&
         std::char_traits<char>::compare(member_key.data(), key.data(), key.size()) == 0;
}

}  // namespace detail

// ---- decoding -------------------------------------------------------------------------------

/// A JSON number that is an integer within int64 (1e3 counts, 1.5 and 1e19 do not); nullopt
/// for anything else.
std::optional<std::int64_t> as_int64(const boost::json::value& v) noexcept;

void decode(const boost::json::value& v, std::string& out);
void decode(const boost::json::value& v, bool& out);
void decode(const boost::json::value& v, std::int64_t& out);
void decode(const boost::json::value& v, int& out);
void decode(const boost::json::value& v, double& out);
void decode(const boost::json::value& v, boost::json::value& out);
void decode(const boost::json::value& v, boost::json::object& out);

template <detail::open_enumeration T>
void decode(const boost::json::value& v, T& out);
template <class T>
void decode(const boost::json::value& v, std::optional<T>& out);
template <class T>
void decode(const boost::json::value& v, std::vector<T>& out);
template <class T>
void decode(const boost::json::value& v, std::map<std::string, T, std::less<>>& out);
template <class T>
requires detail::is_described<T>::value void decode(const boost::json::value& v, T& out);

template <detail::open_enumeration T>
void decode(const boost::json::value& v, T& out) {
  if (v.is_null()) return;
  if (!v.is_string()) detail::throw_mismatch("a string", v);
  out = T(std::string(v.get_string()));
}

template <class T>
void decode(const boost::json::value& v, std::optional<T>& out) {
  if (v.is_null()) {
    out.reset();
    return;
  }
  decode(v, out.emplace());
}

template <class T>
void decode(const boost::json::value& v, std::vector<T>& out) {
  out.clear();
  if (v.is_null()) return;
  if (!v.is_array()) detail::throw_mismatch("an array", v);
  const auto& a = v.get_array();
  out.resize(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    try {
      decode(a[i], out[i]);
    } catch (decode_exception& e) {
      e.prepend("[" + std::to_string(i) + "]");
      throw;
    }
  }
}

template <class T>
void decode(const boost::json::value& v, std::map<std::string, T, std::less<>>& out) {
  out.clear();
  if (v.is_null()) return;
  if (!v.is_object()) detail::throw_mismatch("an object", v);
  for (const auto& kv : v.get_object()) {
    try {
      decode(kv.value(), out[std::string(kv.key())]);
    } catch (decode_exception& e) {
      e.prepend(std::string(".") + std::string(kv.key()));
      throw;
    }
  }
}

namespace detail {

template <class T>
using member_decoder = void (*)(const boost::json::value&, T&);

/// For each described member of T, in the order of keys_of<T>(), the function that decodes a
/// JSON value into it; built once per type.
template <class T>
const auto& member_decoders() {
  static const auto table = [] {
    std::array<member_decoder<T>, boost::mp11::mp_size<described_members<T>>::value> out{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
      using member = decltype(d);
      out[i++] = [](const boost::json::value& v, T& t) { decode(v, t.*member::pointer); };
    });
    return out;
  }();
  return table;
}

}  // namespace detail

template <class T>
requires detail::is_described<T>::value void decode(const boost::json::value& v, T& out) {
  if (v.is_null()) return;
  if (!v.is_object()) detail::throw_mismatch("an object", v);
  const auto& keys = detail::keys_of<T>();
  const auto& decoders = detail::member_decoders<T>();
  constexpr std::size_t members = boost::mp11::mp_size<detail::described_members<T>>::value;
  // A server sends its keys in one order, mostly the model's: the search for a key starts after
  // the member the previous key matched, so a document in that order costs one comparison a key.
  std::size_t next = 0;
  for (const auto& kv : v.get_object()) {
    const std::string_view key = kv.key();
    std::size_t found = members;
    for (std::size_t k = 0; k < members; ++k) {
      const std::size_t i = next + k < members ? next + k : next + k - members;
      if (detail::same_key(keys[i], key)) {
        found = i;
        break;
      }
    }
    if (found == members) {
      if constexpr (detail::has_extra<T>) out.extra.emplace(key, kv.value());
      continue;
    }
    next = found + 1 < members ? found + 1 : 0;
    try {
      decoders[found](kv.value(), out);
    } catch (decode_exception& e) {
      e.prepend(std::string(".") + std::string(key));
      throw;
    }
  }
}

/// Decodes a whole document into a model.
template <class T>
T decode_as(const boost::json::value& v) {
  T out{};
  decode(v, out);
  return out;
}

// ---- encoding -------------------------------------------------------------------------------

inline boost::json::value encode(const std::string& v) { return boost::json::string(v); }
inline boost::json::value encode(bool v) { return v; }
inline boost::json::value encode(std::int64_t v) { return v; }
inline boost::json::value encode(int v) { return v; }
inline boost::json::value encode(double v) { return v; }
inline boost::json::value encode(const boost::json::value& v) { return v; }
inline boost::json::value encode(const boost::json::object& v) { return v; }

template <detail::open_enumeration T>
boost::json::value encode(const T& v);
template <class T>
boost::json::value encode(const std::optional<T>& v);
template <class T>
boost::json::value encode(const std::vector<T>& v);
template <class T>
boost::json::value encode(const std::map<std::string, T, std::less<>>& v);
template <class T>
requires detail::is_described<T>::value boost::json::value encode(const T& v);

template <detail::open_enumeration T>
boost::json::value encode(const T& v) {
  return boost::json::string(v.value());
}
template <class T>
boost::json::value encode(const std::optional<T>& v) {
  return v ? encode(*v) : boost::json::value(nullptr);
}
template <class T>
boost::json::value encode(const std::vector<T>& v) {
  boost::json::array a;
  a.reserve(v.size());
  for (const auto& e : v) a.push_back(encode(e));
  return a;
}
template <class T>
boost::json::value encode(const std::map<std::string, T, std::less<>>& v) {
  boost::json::object o;
  for (const auto& [k, e] : v) o.emplace(k, encode(e));
  return o;
}

/// Encodes a described struct. Optional members that are empty are left out, so a request body
/// carries only what the caller set; `extra` members are merged in.
template <class T>
requires detail::is_described<T>::value boost::json::value encode(const T& v) {
  boost::json::object o;
  const auto& keys = detail::keys_of<T>();
  std::size_t i = 0;
  boost::mp11::mp_for_each<detail::described_members<T>>([&](auto d) {
    const auto& member = v.*d.pointer;
    using member_type = std::remove_cvref_t<decltype(member)>;
    if constexpr (detail::is_optional<member_type>::value) {
      if (member) o.emplace(keys[i], encode(*member));
    } else {
      o.emplace(keys[i], encode(member));
    }
    ++i;
  });
  if constexpr (detail::has_extra<T>) {
    for (const auto& kv : v.extra) o.emplace(kv.key(), kv.value());
  }
  return o;
}

}  // namespace flowsdk::json
