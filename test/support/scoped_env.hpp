#pragma once
// Environment variables unset for one test and put back as they were afterwards, for the tests
// of from_env (docs/configuration.md) and of the proxy variables (docs/proxies.md).

#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace flowsdk::test {

class scoped_env {
 public:
  /// Unsets every one of `names`; the destructor restores each to its value before.
  explicit scoped_env(std::initializer_list<const char*> names) {
    for (const char* name : names) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      ::unsetenv(name);
    }
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;
  ~scoped_env() {
    for (const auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }

  static void set(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace flowsdk::test
