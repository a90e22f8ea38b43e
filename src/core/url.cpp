#include "flowsdk/core/url.hpp"

#include "flowsdk/core/error.hpp"

namespace flowsdk {

namespace {
bool unreserved(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

void encode_into(std::string& out, std::string_view raw) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char c : raw) {
    if (unreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
}
}  // namespace

std::string percent_encode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  encode_into(out, raw);
  return out;
}

target_builder& target_builder::route(std::string_view literal) {
  target_ += literal;
  return *this;
}

target_builder& target_builder::id(std::string_view what, std::string_view value) {
  if (value.empty()) {
    throw_invalid_argument(std::string(what) + " must not be empty");
  }
  target_.push_back('/');
  encode_into(target_, value);
  return *this;
}

target_builder& target_builder::query(std::string_view key, std::string_view value) {
  target_.push_back(has_query_ ? '&' : '?');
  has_query_ = true;
  encode_into(target_, key);
  target_.push_back('=');
  encode_into(target_, value);
  return *this;
}

void append_query(std::string& target, std::string_view key, std::string_view value) {
  target.push_back(target.find('?') == std::string::npos ? '?' : '&');
  encode_into(target, key);
  target.push_back('=');
  encode_into(target, value);
}

}  // namespace flowsdk
