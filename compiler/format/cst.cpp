#include "format/cst.hpp"

namespace rolec::format {
namespace {

void append_leaves(const node& n, std::string& out) {
  out += n.text;
  for (const node& child : n.children) append_leaves(child, out);
}

}  // namespace

bool is_scalar(kind k) {
  switch (k) {
    case kind::basic_string:
    case kind::literal_string:
    case kind::ml_basic_string:
    case kind::ml_literal_string:
    case kind::integer:
    case kind::float_number:
    case kind::boolean:
    case kind::date_time: return true;
    default: return false;
  }
}

bool is_value(kind k) { return is_scalar(k) || k == kind::array || k == kind::inline_table; }

std::string print(const node& n) {
  std::string out;
  append_leaves(n, out);
  return out;
}

}  // namespace rolec::format
