#pragma once
// The 10ex emulator's condition language for branch edges, and the `$.` path resolver shared by
// conditions, input mappings and trigger mappings (docs/emulator.md, "10ex conditions").
//
//   condition := or ; or := and ('||' and)* ; and := not ('&&' not)* ; not := '!' not | cmp
//   cmp := operand (('=='|'!='|'<'|'<='|'>'|'>=') operand)? ; operand := '(' or ')' | path | literal
//   path := '$' ('.' name | '[' digits ']')* ; literal := number | 'text' | "text" | true | false | null

#include "common/util.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace flowsdk::emulator::detail::tenex {

/// A syntax error, with the offset in the source where it was found.
struct expression_error : std::runtime_error {
  expression_error(const std::string& what, std::size_t at) : std::runtime_error(what), offset(at) {}
  std::size_t offset;
};

/// `$.a.b[0].c` resolved against `root`; null when any part is missing. `path` must start with '$'.
json::value resolve_path(const json::value& root, std::string_view path);

/// Whether `s` is a `$`-path the resolver accepts.
bool is_path(std::string_view s);

/// A parsed condition. Cheap to copy (the tree is shared and immutable).
class condition {
 public:
  /// Throws expression_error.
  static condition parse(std::string_view source);
  /// Evaluates over `context` (paths resolve against it, e.g. {"input": ..., "steps": ...}); the
  /// result is the truthiness of the value (null, false, 0 and "" are false).
  bool evaluate(const json::value& context) const;

  struct node;

 private:
  std::shared_ptr<const node> root_;
};

}  // namespace flowsdk::emulator::detail::tenex
