#pragma once
// For tests of what the SDK rejects before any I/O (docs/errors.md, errc::invalid_argument).

#include "flowsdk/core/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace flowsdk::test {

/// Runs `f`, expects flowsdk::error with errc::invalid_argument, and returns its what() for
/// checks of the message; a test failure (and "") if `f` throws nothing.
template <class F>
std::string invalid_argument_message(F f) {
  try {
    f();
  } catch (const flowsdk::error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected invalid_argument";
  return {};
}

}  // namespace flowsdk::test
