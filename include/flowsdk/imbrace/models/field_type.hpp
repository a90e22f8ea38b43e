#pragma once
// An Imbrace model; the conventions of all of them are in flowsdk/imbrace/models.hpp.

#include "flowsdk/core/open_enum.hpp"

namespace flowsdk::imbrace {

/// The type of a table field.
class field_type : public open_enum<field_type> {
 public:
  using open_enum::open_enum;
  static const field_type text;
  static const field_type number;
  static const field_type date;
  static const field_type static_dropdown;
};
inline const field_type field_type::text{"TEXT"};
inline const field_type field_type::number{"NUMBER"};
inline const field_type field_type::date{"DATE"};
inline const field_type field_type::static_dropdown{"STATIC_DROPDOWN"};

}  // namespace flowsdk::imbrace
