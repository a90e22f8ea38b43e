#pragma once
// A vendor's routes as data: {method, pattern, handler}, matched against a path's segments.

#include "common/util.hpp"

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace flowsdk::emulator::detail {

/// Routes of `Owner` (the vendor) over requests in `Context`. A pattern is '/'-separated: a literal
/// segment, "{}" for any one segment, or a final "*" for whatever follows (nothing included).
/// Handlers get the whole segment list and read what "{}" matched by position.
template <class Owner, class Context>
class route_table {
 public:
  using segments = std::vector<std::string>;
  using handler = std::function<void(Owner&, Context&, const segments&)>;
  /// A route with this method answers every method.
  static constexpr http::verb any_method = http::verb::unknown;

  struct route {
    http::verb method;
    std::string_view pattern;
    handler run;
  };

  enum class outcome {
    handled,
    wrong_method,  ///< a pattern matched, but none of its routes is for the method
    no_route,
  };

  route_table(std::initializer_list<route> routes) {
    for (const auto& r : routes) routes_.push_back({r.method, split_pattern(r.pattern), r.run});
  }

  /// The first route whose pattern matches decides the pattern (so a literal listed before a "{}"
  /// wins); of the routes with that very pattern, the one for the method runs.
  outcome dispatch(Owner& owner, Context& c, http::verb method, const segments& seg) const {
    const compiled* first = nullptr;
    for (const auto& r : routes_) {
      if (first ? r.pattern != first->pattern : !matches(r.pattern, seg)) continue;
      if (!first) first = &r;
      if (r.method != any_method && r.method != method) continue;
      r.run(owner, c, seg);
      return outcome::handled;
    }
    return first ? outcome::wrong_method : outcome::no_route;
  }

 private:
  struct compiled {
    http::verb method;
    std::vector<std::string_view> pattern;
    handler run;
  };

  static std::vector<std::string_view> split_pattern(std::string_view p) {
    std::vector<std::string_view> out;
    while (!p.empty()) {
      const auto slash = p.find('/');
      out.push_back(p.substr(0, slash));
      p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash + 1);
    }
    return out;
  }

  static bool matches(const std::vector<std::string_view>& pattern, const segments& seg) {
    const bool open_ended = !pattern.empty() && pattern.back() == "*";
    const auto fixed = pattern.size() - (open_ended ? 1 : 0);
    if (open_ended ? seg.size() < fixed : seg.size() != fixed) return false;
    for (std::size_t k = 0; k < fixed; ++k)
      if (pattern[k] != "{}" && pattern[k] != seg[k]) return false;
    return true;
  }

  std::vector<compiled> routes_;
};

}  // namespace flowsdk::emulator::detail
