#pragma once
// A request target described piece by piece: literal route parts, ids (checked and encoded) and
// query pairs. Vendor layers build one in the public method; the call layer turns it into a
// target inside the coroutine, so an invalid id fails at co_await like every other error.

#include "flowsdk/core/error.hpp"
#include "flowsdk/core/url.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::rest {

class route {
 public:
  explicit route(std::string literal) {
    parts_.reserve(4);  // most routes: a literal, an id or two, a literal (one allocation, not three)
    parts_.emplace_back(std::move(literal), nullptr);
  }

  /// Appends "/" and the percent-encoded id; `what` names it in the error if it is empty.
  route& id(const char* what, std::string value) {
    parts_.emplace_back(std::move(value), what);
    return *this;
  }
  /// Appends a literal part ("/rotate").
  route& then(std::string literal) {
    parts_.emplace_back(std::move(literal), nullptr);
    return *this;
  }
  route& query(std::string key, std::string value) {
    query_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  /// Puts the pair before every other query pair.
  route& query_first(std::string key, std::string value) {
    query_.emplace(query_.begin(), std::move(key), std::move(value));
    return *this;
  }
  /// Adds the pair only when the value is set.
  route& query_if(std::string key, const std::optional<std::string>& value) {
    if (value) query_.emplace_back(std::move(key), *value);
    return *this;
  }
  route& query_if(std::string key, const std::optional<int>& value) {
    if (value) query_.emplace_back(std::move(key), std::to_string(*value));
    return *this;
  }
  /// A pair the route cannot do without: an empty value fails the call naming `what`.
  route& required_query(const char* what, std::string key, std::string value) {
    if (value.empty()) missing_ = what;
    return query(std::move(key), std::move(value));
  }

  /// The target under `base_path`. Throws errc::invalid_argument for an empty id or a missing
  /// required query value.
  std::string target(const std::string& base_path) const {
    // Sized once for the unencoded parts plus some room for escapes: one allocation per target.
    std::size_t size = base_path.size() + 16;
    for (const auto& part : parts_) size += part.first.size() + 1;
    for (const auto& [key, value] : query_) size += key.size() + value.size() + 2;
    std::string start;
    start.reserve(size);
    start += base_path;
    target_builder t(std::move(start));
    append_path(t);
    append_query(t);
    return std::move(t).str();
  }

  /// Appends the path and the query to `t` (same errors as target()).
  void append_path(target_builder& t) const {
    if (missing_) throw_invalid_argument(std::string(missing_) + " must not be empty");
    for (const auto& [text, what] : parts_) {
      if (what) {
        t.id(what, text);
      } else {
        t.route(text);
      }
    }
  }
  void append_query(target_builder& t) const {
    for (const auto& [key, value] : query_) t.query(key, value);
  }

 private:
  std::vector<std::pair<std::string, const char*>> parts_;  // (text, id name or null for a literal)
  std::vector<std::pair<std::string, std::string>> query_;
  const char* missing_ = nullptr;
};

}  // namespace flowsdk::rest
