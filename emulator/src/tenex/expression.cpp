#include "tenex/expression.hpp"

#include <boost/json/parse.hpp>

#include <cctype>
#include <charconv>
#include <vector>

namespace flowsdk::emulator::detail::tenex {

struct condition::node {
  enum class kind { literal, path, not_, and_, or_, compare };
  kind k = kind::literal;
  json::value value;  // literal
  std::string text;   // path, or the comparison operator
  std::shared_ptr<const node> left, right;
};

namespace {

using node_ptr = std::shared_ptr<const condition::node>;
using kind = condition::node::kind;

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// The length of the path at the start of `s`, or 0 when `s` does not start with a valid path.
std::size_t path_length(std::string_view s) {
  if (s.empty() || s[0] != '$') return 0;
  std::size_t k = 1;
  while (k < s.size()) {
    if (s[k] == '.') {
      const auto start = ++k;
      while (k < s.size() && name_char(s[k])) ++k;
      if (k == start) return 0;
    } else if (s[k] == '[') {
      const auto start = ++k;
      while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
      if (k == start || k >= s.size() || s[k] != ']') return 0;
      ++k;
    } else {
      break;
    }
  }
  return k;
}

class parser {
 public:
  explicit parser(std::string_view s) : s_(s) {}

  node_ptr parse_all() {
    auto n = parse_or();
    skip();
    if (pos_ != s_.size()) fail("unexpected '" + std::string(1, s_[pos_]) + "'");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw expression_error(what + " at offset " + std::to_string(pos_), pos_);
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(std::string_view tok) {
    skip();
    if (s_.substr(pos_, tok.size()) != tok) return false;
    pos_ += tok.size();
    return true;
  }
  static node_ptr make(kind k, node_ptr l, node_ptr r, std::string text = {}) {
    auto n = std::make_shared<condition::node>();
    n->k = k;
    n->left = std::move(l);
    n->right = std::move(r);
    n->text = std::move(text);
    return n;
  }

  node_ptr parse_or() {
    auto left = parse_and();
    while (eat("||")) left = make(kind::or_, left, parse_and());
    return left;
  }
  node_ptr parse_and() {
    auto left = parse_not();
    while (eat("&&")) left = make(kind::and_, left, parse_not());
    return left;
  }
  node_ptr parse_not() {
    skip();
    if (pos_ < s_.size() && s_[pos_] == '!' && s_.substr(pos_, 2) != "!=") {
      ++pos_;
      return make(kind::not_, parse_not(), nullptr);
    }
    return parse_compare();
  }
  node_ptr parse_compare() {
    auto left = parse_operand();
    static constexpr std::string_view ops[] = {"==", "!=", "<=", ">=", "<", ">"};
    for (auto op : ops)
      if (eat(op)) return make(kind::compare, left, parse_operand(), std::string(op));
    return left;
  }
  node_ptr parse_operand() {
    skip();
    if (pos_ >= s_.size()) fail("expected an operand");
    const char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      auto inner = parse_or();
      if (!eat(")")) fail("expected ')'");
      return inner;
    }
    auto lit = std::make_shared<condition::node>();
    if (c == '$') {
      const auto n = path_length(s_.substr(pos_));
      if (n == 0) fail("malformed path");
      lit->k = kind::path;
      lit->text = std::string(s_.substr(pos_, n));
      pos_ += n;
      return lit;
    }
    if (c == '\'' || c == '"') {
      std::string text;
      ++pos_;
      for (;;) {
        if (pos_ >= s_.size()) fail("unterminated string");
        const char ch = s_[pos_++];
        if (ch == c) break;
        if (ch == '\\' && pos_ < s_.size()) {
          text += s_[pos_++];
          continue;
        }
        text += ch;
      }
      lit->value = json::string(text);
      return lit;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      std::size_t end = pos_ + 1;
      while (end < s_.size() &&
             (std::isdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '.' || s_[end] == 'e' || s_[end] == 'E'))
        ++end;
      boost::system::error_code ec;
      auto v = json::parse(s_.substr(pos_, end - pos_), ec);
      if (ec || !v.is_number()) fail("malformed number");
      lit->value = v;
      pos_ = end;
      return lit;
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (s_.substr(pos_, word.size()) == word &&
          (pos_ + word.size() == s_.size() || !name_char(s_[pos_ + word.size()]))) {
        pos_ += word.size();
        lit->value = word == "true" ? json::value(true) : word == "false" ? json::value(false) : json::value(nullptr);
        return lit;
      }
    }
    fail("expected a path, a literal or '('");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

bool truthy(const json::value& v) {
  if (v.is_null()) return false;
  if (v.is_bool()) return v.get_bool();
  if (v.is_number()) return v.to_number<double>() != 0;
  if (v.is_string()) return !v.get_string().empty();
  return true;
}

// -1, 0, 1; nullopt when the two are not comparable by order (different kinds, or objects).
std::optional<int> order(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    const auto x = a.to_number<double>(), y = b.to_number<double>();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.is_string() && b.is_string()) {
    const auto c = a.get_string().subview().compare(b.get_string().subview());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return std::nullopt;
}

bool equal(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

json::value eval(const condition::node& n, const json::value& ctx) {
  switch (n.k) {
    case kind::literal:
      return n.value;
    case kind::path:
      return resolve_path(ctx, n.text);
    case kind::not_:
      return !truthy(eval(*n.left, ctx));
    case kind::and_:
      return truthy(eval(*n.left, ctx)) && truthy(eval(*n.right, ctx));
    case kind::or_:
      return truthy(eval(*n.left, ctx)) || truthy(eval(*n.right, ctx));
    case kind::compare: {
      const auto a = eval(*n.left, ctx), b = eval(*n.right, ctx);
      if (n.text == "==") return equal(a, b);
      if (n.text == "!=") return !equal(a, b);
      const auto o = order(a, b);
      if (!o) return false;
      if (n.text == "<") return *o < 0;
      if (n.text == "<=") return *o <= 0;
      if (n.text == ">") return *o > 0;
      return *o >= 0;
    }
  }
  return nullptr;
}

}  // namespace

bool is_path(std::string_view s) { return !s.empty() && path_length(s) == s.size(); }

json::value resolve_path(const json::value& root, std::string_view path) {
  if (!is_path(path)) return nullptr;
  const json::value* cur = &root;
  std::size_t k = 1;
  while (k < path.size() && cur) {
    if (path[k] == '.') {
      const auto start = ++k;
      while (k < path.size() && name_char(path[k])) ++k;
      cur = cur->is_object() ? cur->get_object().if_contains(path.substr(start, k - start)) : nullptr;
    } else {  // '[' digits ']'
      const auto start = ++k;
      while (path[k] != ']') ++k;
      std::size_t index = 0;
      std::from_chars(path.data() + start, path.data() + k, index);
      ++k;
      cur = cur->is_array() && index < cur->get_array().size() ? &cur->get_array()[index] : nullptr;
    }
  }
  return cur ? *cur : json::value(nullptr);
}

condition condition::parse(std::string_view source) {
  condition c;
  c.root_ = parser(source).parse_all();
  return c;
}

bool condition::evaluate(const json::value& context) const { return root_ && truthy(eval(*root_, context)); }

}  // namespace flowsdk::emulator::detail::tenex
