#pragma once
// Decoding a JSON body straight into a model, without building a document first.
//
// json::decode (flowsdk/core/json.hpp) walks a parsed boost::json::value; this reads the body
// with Boost.JSON's basic_parser and hands each event to the C++ object it belongs to, found
// through the Describe metadata (a "sink": the object and a table of what its type does with
// each event). Only unknown keys kept in `extra` and members that are JSON themselves are built
// as boost::json values, and only those.
//
// It is a fast path, not a second definition: it gives up (returns false) on anything the
// document decoder would report or treat specially (a syntax error, a value of the wrong type,
// a repeated key), and the caller then decodes the DOM way, which reports it. Whatever it
// accepts, it decodes exactly as json::decode would (test/unit/json_reader_test.cpp checks both
// on the same documents).

#include "flowsdk/core/json.hpp"

#include <boost/json/kind.hpp>
#include <boost/json/storage_ptr.hpp>

#include <cstdint>
#include <limits>
#include <string_view>

namespace flowsdk::json::detail {

struct reader_frame;
struct sink_ops;

/// Where one JSON value goes: an object of some C++ type and what that type does with events.
struct value_sink {
  void* target = nullptr;
  const sink_ops* ops = nullptr;
  /// If set, receives the kind of the value delivered here (null or not, for an envelope).
  boost::json::kind* seen_kind = nullptr;
};

/// What the value after a key of an object becomes.
struct key_action {
  enum class kind { decode, keep, skip } what = kind::skip;
  value_sink into;                         ///< decode: here
  boost::json::object* keep_in = nullptr;  ///< keep: built as JSON and put under the key here
};

/// Events a value can start with, for sink_ops::captures.
enum capture_bits : unsigned {
  capture_null = 1,
  capture_scalar = 2,  // a boolean, number or string
  capture_array = 4,
  capture_object = 8,
  capture_any = 15,
};

/// What one C++ type does with each JSON event. A null entry refuses the event: the value has a
/// type the document decoder would reject, and the reader gives up.
struct sink_ops {
  bool (*on_null)(void* target) = nullptr;
  bool (*on_bool)(void* target, bool b) = nullptr;
  bool (*on_int64)(void* target, std::int64_t i) = nullptr;
  bool (*on_uint64)(void* target, std::uint64_t u) = nullptr;
  bool (*on_double)(void* target, double d) = nullptr;
  bool (*on_string)(void* target, std::string_view s) = nullptr;
  /// An object or array starts: fills `frame` with the container that takes its members (an
  /// optional hands over to what it holds).
  bool (*on_object)(void* target, reader_frame& frame) = nullptr;
  bool (*on_array)(void* target, reader_frame& frame) = nullptr;
  /// For the container of an object frame: what to do with the value of `key`; false refuses it.
  bool (*on_key)(reader_frame& frame, std::string_view key, key_action& action) = nullptr;
  /// For the container of an array frame: where its next element goes.
  value_sink (*next_element)(reader_frame& frame) = nullptr;
  /// Values of these kinds are built as JSON (capture_bits) and handed over whole to `take`.
  unsigned captures = 0;
  bool (*take)(void* target, boost::json::value&& v) = nullptr;
};

/// An object or array being read into a container. No member initializers: the reader keeps a
/// stack of them and value-initializes each one when it is pushed.
struct reader_frame {
  void* target;
  const sink_ops* ops;
  std::uint64_t seen;  ///< described members already decoded (a repeated key gives up)
  std::size_t next;    ///< the member after the previous key's: where the key search starts
  bool array;
};

/// Parses `body` (one whole document) into `root`. False when the body is not JSON or does not
/// fit the sink's type; what was decoded so far is then partial and must be thrown away.
bool read_into(std::string_view body, value_sink root);

template <class T>
value_sink sink_of(T& target);

template <class T>
const sink_ops& ops_of();

// ---- the sinks of each type json::decode knows -------------------------------------------------

bool int64_from_double(double d, std::int64_t& out) noexcept;

// A container's null empties it; its opening bracket empties it and makes it the frame's target.
template <class C>
bool clear_container(void* t) {
  static_cast<C*>(t)->clear();
  return true;
}
template <class C>
bool enter_container(void* t, reader_frame& f) {
  static_cast<C*>(t)->clear();
  f.target = t;
  f.ops = &ops_of<C>();
  return true;
}

// A scalar that fits its target as it is (an integer into a double, say).
template <class To, class From>
bool assign_scalar(void* t, From v) {
  *static_cast<To*>(t) = static_cast<To>(v);
  return true;
}
// null leaves a scalar as it was, the way json::decode does.
inline bool ignore_null(void*) { return true; }

template <class T>
struct sink_traits;  // defines `static constexpr sink_ops ops`

template <>
struct sink_traits<std::string> {
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_string =
          [](void* t, std::string_view s) {
            static_cast<std::string*>(t)->assign(s.data(), s.size());
            return true;
          },
  };
};

template <>
struct sink_traits<bool> {
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_bool = &assign_scalar<bool, bool>,
  };
};

template <>
struct sink_traits<std::int64_t> {
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_int64 = &assign_scalar<std::int64_t, std::int64_t>,
      .on_uint64 =
          [](void* t, std::uint64_t u) {
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
            *static_cast<std::int64_t*>(t) = static_cast<std::int64_t>(u);
            return true;
          },
      .on_double = [](void* t, double d) { return int64_from_double(d, *static_cast<std::int64_t*>(t)); },
  };
};

template <>
struct sink_traits<int> {
  static bool narrow(void* t, std::int64_t i) {
    if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max()) return false;
    *static_cast<int*>(t) = static_cast<int>(i);
    return true;
  }
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_int64 = &narrow,
      .on_uint64 = [](void*, std::uint64_t) { return false; },  // above int64, so above int
      .on_double =
          [](void* t, double d) {
            std::int64_t i = 0;
            return int64_from_double(d, i) && narrow(t, i);
          },
  };
};

template <>
struct sink_traits<double> {
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_int64 = &assign_scalar<double, std::int64_t>,
      .on_uint64 = &assign_scalar<double, std::uint64_t>,
      .on_double = &assign_scalar<double, double>,
  };
};

template <>
struct sink_traits<boost::json::value> {
  static constexpr sink_ops ops{
      .captures = capture_any,
      .take =
          [](void* t, boost::json::value&& v) {
            *static_cast<boost::json::value*>(t) = std::move(v);
            return true;
          },
  };
};

template <>
struct sink_traits<boost::json::object> {
  static constexpr sink_ops ops{
      .on_null =
          [](void* t) {
            static_cast<boost::json::object*>(t)->clear();
            return true;
          },
      .captures = capture_object,
      .take =
          [](void* t, boost::json::value&& v) {
            *static_cast<boost::json::object*>(t) = std::move(v.get_object());
            return true;
          },
  };
};

template <open_enumeration T>
struct sink_traits<T> {
  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_string =
          [](void* t, std::string_view s) {
            *static_cast<T*>(t) = T(std::string(s));
            return true;
          },
  };
};

// An optional: null resets it; any other value goes into what it holds, emplaced first. Each
// entry asks at run time whether the held type has it (returning false refuses, as a null entry
// does): GCC's -fsanitize=undefined does not take a function's address != nullptr as a constant.
template <class T>
struct sink_traits<std::optional<T>> {
  static T& held(void* t) { return static_cast<std::optional<T>*>(t)->emplace(); }
  static constexpr const sink_ops& inner = sink_traits<T>::ops;
  static constexpr sink_ops ops{
      .on_null =
          [](void* t) {
            static_cast<std::optional<T>*>(t)->reset();
            return true;
          },
      .on_bool = [](void* t, bool b) { return inner.on_bool && inner.on_bool(&held(t), b); },
      .on_int64 = [](void* t, std::int64_t i) { return inner.on_int64 && inner.on_int64(&held(t), i); },
      .on_uint64 = [](void* t, std::uint64_t u) { return inner.on_uint64 && inner.on_uint64(&held(t), u); },
      .on_double = [](void* t, double d) { return inner.on_double && inner.on_double(&held(t), d); },
      .on_string = [](void* t, std::string_view s) { return inner.on_string && inner.on_string(&held(t), s); },
      .on_object = [](void* t, reader_frame& f) { return inner.on_object && inner.on_object(&held(t), f); },
      .on_array = [](void* t, reader_frame& f) { return inner.on_array && inner.on_array(&held(t), f); },
      .captures = inner.captures & ~unsigned(capture_null),
      .take = [](void* t, boost::json::value&& v) { return inner.take && inner.take(&held(t), std::move(v)); },
  };
};

template <class T>
struct sink_traits<std::vector<T>> {
  using vector = std::vector<T>;
  static constexpr sink_ops ops{
      .on_null = &clear_container<vector>,
      .on_array = &enter_container<vector>,
      .next_element = [](reader_frame& f) { return sink_of(static_cast<vector*>(f.target)->emplace_back()); },
  };
};

template <class T>
struct sink_traits<std::map<std::string, T, std::less<>>> {
  using map = std::map<std::string, T, std::less<>>;
  static constexpr sink_ops ops{
      .on_null = &clear_container<map>,
      .on_object = &enter_container<map>,
      .on_key =
          [](reader_frame& f, std::string_view key, key_action& a) {
            auto [at, inserted] = static_cast<map*>(f.target)->try_emplace(std::string(key));
            if (!inserted) return false;  // a repeated key: the document decoder's rules apply
            a.what = key_action::kind::decode;
            a.into = sink_of(at->second);
            return true;
          },
  };
};

// A described struct: a key finds its member the way json::decode does (keys_of<T>, searched
// from after the previous key's member); an unknown key is kept in `extra` or skipped.
template <class T>
requires is_described<T>::value struct sink_traits<T> {
  static constexpr std::size_t members = boost::mp11::mp_size<described_members<T>>::value;
  static_assert(members <= 64, "a model's decoded members are tracked in 64 bits");
  using member_sink = value_sink (*)(T&);

  static const auto& member_sinks() {
    static const auto table = [] {
      std::array<member_sink, members> out{};
      std::size_t i = 0;
      boost::mp11::mp_for_each<described_members<T>>([&](auto d) {
        using member = decltype(d);
        out[i++] = [](T& t) { return sink_of(t.*member::pointer); };
      });
      return out;
    }();
    return table;
  }

  static bool key(reader_frame& f, std::string_view key, key_action& a) {
    const auto& keys = keys_of<T>();
    for (std::size_t k = 0; k < members; ++k) {
      const std::size_t i = f.next + k < members ? f.next + k : f.next + k - members;
      if (!same_key(keys[i], key)) continue;
      const std::uint64_t bit = std::uint64_t{1} << i;
      if (f.seen & bit) return false;
      f.seen |= bit;
      f.next = i + 1 < members ? i + 1 : 0;
      a.what = key_action::kind::decode;
      a.into = member_sinks()[i](*static_cast<T*>(f.target));
      return true;
    }
    if constexpr (has_extra<T>) {
      auto& extra = static_cast<T*>(f.target)->extra;
      if (extra.contains(key)) return false;
      // Room for a few at once: growing one member at a time (1, 2, 3) allocates a table each.
      if (extra.capacity() == 0) extra.reserve(4);
      a.what = key_action::kind::keep;
      a.keep_in = &extra;
    } else {
      a.what = key_action::kind::skip;
    }
    return true;
  }

  static constexpr sink_ops ops{
      .on_null = &ignore_null,
      .on_object =
          [](void* t, reader_frame& f) {
            f.target = t;
            f.ops = &ops_of<T>();
            return true;
          },
      .on_key = &key,
  };
};

template <class T>
const sink_ops& ops_of() {
  return sink_traits<T>::ops;
}

template <class T>
value_sink sink_of(T& target) {
  return value_sink{&target, &sink_traits<T>::ops};
}

/// An envelope: the value of `payload_key` goes to `payload`; the document's other members are
/// kept as JSON in `rest` (a vendor hook reads them: `success`, `errors`, ...).
struct envelope_sink {
  const char* payload_key;
  value_sink payload;
  boost::json::object rest;
  bool present = false;
  boost::json::kind payload_kind = boost::json::kind::null;

  envelope_sink(const char* key, value_sink into, boost::json::storage_ptr storage)
      : payload_key(key), payload(into), rest(std::move(storage)) {}
  value_sink sink();
};

}  // namespace flowsdk::json::detail
