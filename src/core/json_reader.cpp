#include "json_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value_stack.hpp>

#include <cmath>

namespace flowsdk::json::detail {

namespace bj = boost::json;

bool int64_from_double(double d, std::int64_t& out) noexcept {
  // as_int64's rule: an integral double within int64 (the range check first makes the cast defined).
  if (!(d >= -9.2e18 && d <= 9.2e18) || d != static_cast<double>(static_cast<std::int64_t>(d))) return false;
  out = static_cast<std::int64_t>(d);
  return true;
}

namespace {

// Boost.JSON's own parser allows one level more than parse_options::max_depth of containers.
constexpr std::size_t max_frames = 64;

class reader_handler {
 public:
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  explicit reader_handler(value_sink root) : pending_(root), captured_(bj::storage_ptr(), stack_, sizeof stack_) {}

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }

  bool on_object_begin(bj::error_code& ec) { return container_begin(false, ec); }
  bool on_array_begin(bj::error_code& ec) { return container_begin(true, ec); }

  bool on_object_end(std::size_t n, bj::error_code& ec) {
    if (mode_ == mode::capture) captured_.push_object(n);
    return container_end(ec);
  }
  bool on_array_end(std::size_t n, bj::error_code& ec) {
    if (mode_ == mode::capture) captured_.push_array(n);
    return container_end(ec);
  }

  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) { return part(s); }

  bool on_key(bj::string_view s, std::size_t, bj::error_code& ec) {
    if (mode_ == mode::capture) {
      captured_.push_key(s);
      return true;
    }
    if (mode_ == mode::skip) return true;
    std::string_view key(s.data(), s.size());
    if (!parts_.empty()) {
      parts_.append(s.data(), s.size());
      key = parts_;
    }
    reader_frame& f = frames_[depth_ - 1];
    key_action a;
    const bool taken = f.ops->on_key(f, key, a);
    if (taken && a.what == key_action::kind::keep) keep_key_.assign(key);
    parts_.clear();
    if (!taken) return refuse(ec);
    switch (a.what) {
      case key_action::kind::decode:
        pending_ = a.into;
        break;
      case key_action::kind::keep:
        begin_capture(value_sink{}, a.keep_in, a.keep_in->storage());
        break;
      case key_action::kind::skip:
        mode_ = mode::skip;
        nested_ = 0;
        break;
    }
    return true;
  }

  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) { return part(s); }

  bool on_string(bj::string_view s, std::size_t, bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_string(s); });
    std::string_view whole(s.data(), s.size());
    if (!parts_.empty()) {
      parts_.append(s.data(), s.size());
      whole = parts_;
    }
    const value_sink to = next_sink(bj::kind::string);
    bool ok;
    if (to.ops->captures & capture_scalar) {
      begin_capture(to, nullptr, {});
      captured_.push_string(whole);
      ok = end_capture();
    } else {
      ok = to.ops->on_string && to.ops->on_string(to.target, whole);
    }
    parts_.clear();
    return ok || refuse(ec);
  }

  bool on_number_part(bj::string_view, bj::error_code&) { return true; }

  bool on_int64(std::int64_t i, bj::string_view, bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_int64(i); });
    const value_sink to = next_sink(bj::kind::int64);
    if (to.ops->captures & capture_scalar) return capture_one([&] { captured_.push_int64(i); }, to, ec);
    return (to.ops->on_int64 && to.ops->on_int64(to.target, i)) || refuse(ec);
  }

  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_uint64(u); });
    const value_sink to = next_sink(bj::kind::uint64);
    if (to.ops->captures & capture_scalar) return capture_one([&] { captured_.push_uint64(u); }, to, ec);
    return (to.ops->on_uint64 && to.ops->on_uint64(to.target, u)) || refuse(ec);
  }

  bool on_double(double d, bj::string_view, bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_double(d); });
    const value_sink to = next_sink(bj::kind::double_);
    if (to.ops->captures & capture_scalar) return capture_one([&] { captured_.push_double(d); }, to, ec);
    return (to.ops->on_double && to.ops->on_double(to.target, d)) || refuse(ec);
  }

  bool on_bool(bool b, bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_bool(b); });
    const value_sink to = next_sink(bj::kind::bool_);
    if (to.ops->captures & capture_scalar) return capture_one([&] { captured_.push_bool(b); }, to, ec);
    return (to.ops->on_bool && to.ops->on_bool(to.target, b)) || refuse(ec);
  }

  bool on_null(bj::error_code& ec) {
    if (mode_ != mode::decode) return scalar([&] { captured_.push_null(); });
    const value_sink to = next_sink(bj::kind::null);
    if (to.ops->captures & capture_null) return capture_one([&] { captured_.push_null(); }, to, ec);
    return (to.ops->on_null && to.ops->on_null(to.target)) || refuse(ec);
  }

  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }

 private:
  enum class mode { decode, capture, skip };

  // Part of a key or a string: captured as it comes, or gathered until its last part.
  bool part(bj::string_view s) {
    if (mode_ == mode::capture) {
      captured_.push_chars(s);
    } else if (mode_ == mode::decode) {
      parts_.append(s.data(), s.size());
    }
    return true;
  }

  static bool refuse(bj::error_code& ec) {
    ec = bj::error::syntax;  // any error: the caller decodes the document way, which reports the real one
    return false;
  }

  // Where the value starting now goes: the next element of the array being read, or what the
  // last key (or the document) named.
  value_sink next_sink(bj::kind k) {
    value_sink to =
        depth_ > 0 && frames_[depth_ - 1].array ? frames_[depth_ - 1].ops->next_element(frames_[depth_ - 1]) : pending_;
    if (to.seen_kind) *to.seen_kind = k;
    return to;
  }

  void begin_capture(value_sink take, bj::object* keep_in, bj::storage_ptr storage) {
    mode_ = mode::capture;
    nested_ = 0;
    take_ = take;
    keep_in_ = keep_in;
    captured_.reset(std::move(storage));
  }

  bool end_capture() {
    mode_ = mode::decode;
    bj::value v = captured_.release();
    if (keep_in_) {
      keep_in_->emplace(keep_key_, std::move(v));
      return true;
    }
    return take_.ops->take(take_.target, std::move(v));
  }

  // A scalar while capturing or skipping: it ends the value when it is the whole value.
  template <class Push>
  bool scalar(Push push) {
    if (mode_ == mode::skip) {
      if (nested_ == 0) mode_ = mode::decode;
      return true;
    }
    push();
    return nested_ > 0 || end_capture();
  }

  template <class Push>
  bool capture_one(Push push, value_sink to, bj::error_code& ec) {
    begin_capture(to, nullptr, {});
    push();
    return end_capture() || refuse(ec);
  }

  bool container_begin(bool array, bj::error_code& ec) {
    if (mode_ != mode::decode) {
      ++nested_;
      return true;
    }
    const value_sink to = next_sink(array ? bj::kind::array : bj::kind::object);
    if (to.ops->captures & (array ? capture_array : capture_object)) {
      begin_capture(to, nullptr, {});
      nested_ = 1;
      return true;
    }
    bool (*begin)(void*, reader_frame&) = array ? to.ops->on_array : to.ops->on_object;
    if (!begin || depth_ == max_frames) return refuse(ec);
    reader_frame& f = frames_[depth_];
    f = reader_frame{};
    if (!begin(to.target, f)) return refuse(ec);
    f.array = array;
    ++depth_;
    return true;
  }

  bool container_end(bj::error_code& ec) {
    if (mode_ == mode::decode) {
      --depth_;
      return true;
    }
    if (--nested_ > 0) return true;
    if (mode_ == mode::skip) {
      mode_ = mode::decode;
      return true;
    }
    return end_capture() || refuse(ec);
  }

  value_sink pending_;
  reader_frame frames_[max_frames];
  std::size_t depth_ = 0;
  mode mode_ = mode::decode;
  std::size_t nested_ = 0;  // containers open inside the value being captured or skipped
  value_sink take_;
  bj::object* keep_in_ = nullptr;
  std::string keep_key_;
  std::string parts_;  // a key or string the parser delivered in parts
  unsigned char stack_[1024];
  bj::value_stack captured_;
};

const sink_ops envelope_ops{
    .on_object =
        [](void* t, reader_frame& f) {
          f.target = t;
          f.ops = &envelope_ops;
          return true;
        },
    .on_key =
        [](reader_frame& f, std::string_view key, key_action& a) {
          auto& e = *static_cast<envelope_sink*>(f.target);
          if (key == e.payload_key) {
            if (e.present) return false;
            e.present = true;
            a.what = key_action::kind::decode;
            a.into = e.payload;
            a.into.seen_kind = &e.payload_kind;
            return true;
          }
          if (e.rest.contains(key)) return false;
          a.what = key_action::kind::keep;
          a.keep_in = &e.rest;
          return true;
        },
};

}  // namespace

value_sink envelope_sink::sink() { return value_sink{this, &envelope_ops}; }

bool read_into(std::string_view body, value_sink root) {
  bj::basic_parser<reader_handler> parser(bj::parse_options{}, root);
  bj::error_code ec;
  const std::size_t n = parser.write_some(false, body.data(), body.size(), ec);
  return !ec && n == body.size();
}

}  // namespace flowsdk::json::detail
