#pragma once
/// Z3's C API, loaded with dlopen on first use (as libcurl and ICU are): linking libz3 would load
/// it at every start of rolec, and only the commands that analyse access need it.

#include <z3.h>

#include <string>

namespace rolec::analyze {

// The functions of libz3 that the analysis calls, each looked up once.
#define ROLEC_Z3_FUNCTIONS(X)                                                                                  \
  X(Z3_mk_config) X(Z3_del_config) X(Z3_set_param_value) X(Z3_mk_context) X(Z3_del_context)                   \
  X(Z3_set_error_handler) X(Z3_get_error_code) X(Z3_get_error_msg) X(Z3_mk_bool_sort) X(Z3_mk_int_sort)       \
  X(Z3_mk_real_sort) X(Z3_mk_string_sort) X(Z3_mk_re_sort) X(Z3_mk_string_symbol) X(Z3_mk_const)              \
  X(Z3_mk_true) X(Z3_mk_false) X(Z3_mk_and) X(Z3_mk_or) X(Z3_mk_not) X(Z3_mk_eq) X(Z3_mk_ite)                 \
  X(Z3_mk_implies) X(Z3_mk_int64) X(Z3_mk_numeral) X(Z3_mk_lt) X(Z3_mk_le) X(Z3_mk_gt) X(Z3_mk_ge)             \
  X(Z3_mk_unary_minus) X(Z3_mk_string) X(Z3_mk_seq_concat) X(Z3_mk_seq_prefix) X(Z3_mk_seq_length)           \
  X(Z3_mk_seq_index) X(Z3_mk_seq_extract) X(Z3_mk_seq_contains) X(Z3_mk_seq_in_re) X(Z3_mk_seq_to_re)        \
  X(Z3_mk_str_lt) X(Z3_mk_str_le) X(Z3_mk_re_concat) X(Z3_mk_re_plus) X(Z3_mk_re_union)                      \
  X(Z3_mk_re_intersect) X(Z3_mk_re_complement) X(Z3_mk_re_full) X(Z3_mk_re_range) X(Z3_mk_add) X(Z3_mk_sub)                    \
  X(Z3_mk_solver) X(Z3_solver_inc_ref) X(Z3_solver_dec_ref) X(Z3_solver_assert) X(Z3_solver_check)           \
  X(Z3_solver_get_model) X(Z3_solver_get_reason_unknown) X(Z3_solver_set_params) X(Z3_model_inc_ref)          \
  X(Z3_model_dec_ref) X(Z3_model_eval) X(Z3_get_bool_value) X(Z3_get_string) X(Z3_get_numeral_string)         \
  X(Z3_get_numeral_int64) X(Z3_is_numeral_ast) X(Z3_mk_params) X(Z3_params_inc_ref) X(Z3_params_dec_ref)      \
  X(Z3_params_set_uint) X(Z3_get_sort) X(Z3_get_sort_kind) X(Z3_solver_push) X(Z3_solver_pop)

/// The loaded functions, named as in z3.h; `error` says why they are not there.
struct z3_api {
#define ROLEC_Z3_SLOT(name) decltype(&::name) name = nullptr;
  ROLEC_Z3_FUNCTIONS(ROLEC_Z3_SLOT)
#undef ROLEC_Z3_SLOT
  std::string error;
};

/// libz3, loaded on the first call (from `libz3.so.4`, or `ROLEC_Z3_LIBRARY` when set); check
/// `error` before using a function.
[[nodiscard]] const z3_api& z3();

}  // namespace rolec::analyze
