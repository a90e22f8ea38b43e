#include "flowsdk/testing/sent_request.hpp"

#include <cctype>
#include <utility>

namespace flowsdk::testing {

namespace {

bool same_name(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

sent_request::sent_request(http::request r, http::origin to, std::chrono::steady_clock::time_point deadline,
                           bool streamed, std::size_t attempt)
    : http::request(std::move(r)), origin(std::move(to)), deadline(deadline), streamed(streamed), attempt(attempt) {}

std::string_view sent_request::path() const noexcept {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view sent_request::header(std::string_view name) const noexcept {
  for (const auto& [k, v] : headers) {
    if (same_name(k, name)) return v;
  }
  return {};
}

bool sent_request::has_header(std::string_view name) const noexcept {
  for (const auto& h : headers) {
    if (same_name(h.first, name)) return true;
  }
  return false;
}

}  // namespace flowsdk::testing
