#pragma once
/// What the Access API accepts, as one table of rules that both `rolec lint` and the emulator
/// apply: which names and titles are valid, which types a custom permission may have, which
/// permissions exist at which scope, and which actions and parameters each type takes. A rule
/// returns findings as data; lint shows them at the span the policy wrote, the emulator as a 400.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "groq/parse.hpp"
#include "model/resources.hpp"
#include "schemas/catalog.hpp"

namespace rolec::validate {

/// The longest title the API accepts, in characters.
inline constexpr std::size_t max_title_length = 100;

/// What a rule found wrong.
enum class problem : unsigned char {
  invalid_name,        ///< the name does not match `^[a-z0-9_-]+$`
  missing_title,       ///< no title
  invalid_title,       ///< a title of 0 or more than max_title_length characters (`count`)
  reserved_name,       ///< the name of a predefined permission or built-in role
  unknown_type,        ///< `type` is not a permission resource type
  custom_type,         ///< a type that custom permissions of this scope cannot have
  missing_filter,      ///< a document type without `config.filter`
  invalid_filter,      ///< `config.filter` is not a valid permission filter (`detail`: the first error)
  unknown_permission,  ///< a grant names a permission that does not exist
  wrong_scope,         ///< a grant names a permission of the other scope
  unknown_action,      ///< a grant's action is not one of its permission's type
  unknown_param,       ///< a parameter the type does not take (`param`)
  invalid_param,       ///< a parameter of the wrong type or outside its values (`param`)
  missing_param,       ///< a parameter the type requires is absent (`param`)
};

/// One finding of a rule.
struct finding {
  validate::problem problem;
  std::size_t grant = 0;  ///< grant findings: the index of the grant in the role
  std::string param{};    ///< parameter findings: its name
  std::size_t count = 0;  ///< invalid_title: the title's length in characters
  std::string detail{};   ///< invalid_filter: what is wrong with it
};

/// True when `name` matches `^[a-z0-9_-]+$`, the pattern of role and permission names.
[[nodiscard]] bool valid_name(std::string_view name);

/// The name and title rules, for a custom permission or role.
void check_name_and_title(std::string_view name, const std::optional<std::string>& title, std::vector<finding>& out);

/// True when a custom permission of `scope` may not be called `name`: a predefined permission of
/// that scope has it (names are unique per scope, as those of the built-in roles are).
[[nodiscard]] bool reserved_permission_name(std::string_view name, model::scope scope, const schemas::catalog& catalog);
/// True when a custom role of `scope` may not be called `name`: a built-in role of that scope has it.
[[nodiscard]] bool reserved_role_name(std::string_view name, model::scope scope, const schemas::catalog& catalog);

/// The types a custom permission of `scope` may have: the document filter types of that scope.
[[nodiscard]] std::vector<std::string> custom_types(model::scope scope, const schemas::catalog& catalog);

/// The type rule of a custom permission: known, and one custom permissions may have.
[[nodiscard]] std::optional<finding> check_type(std::string_view type, model::scope scope, const schemas::catalog& catalog);

/// The filter rule of a custom permission of a document type: present, and (when `parsed` is
/// given) a valid permission filter.
[[nodiscard]] std::optional<finding> check_filter(bool has_filter, const groq::parse_result* parsed);

/// What a grant's permission name refers to.
struct target {
  const schemas::permission_type* type = nullptr;  ///< null when it is not known at all
  model::scope scope = model::scope::project;
  bool custom = false;
};

/// Finds custom permissions of the resource a role belongs to (their types and scope).
using custom_lookup = std::function<std::optional<target>(std::string_view name)>;

/// What `name` refers to for a role of `scope`: a custom permission, else a predefined one.
[[nodiscard]] std::optional<target> find_permission(std::string_view name, const custom_lookup& custom,
                                                    const schemas::catalog& catalog);

/// The permission rule of a grant: it names a permission, of the role's scope.
[[nodiscard]] std::optional<finding> check_permission_of(const std::optional<target>& found, model::scope scope);

/// The action rule of a grant: `a` is an action of `type` (for a mode type: `mode`).
[[nodiscard]] bool action_allowed(const schemas::permission_type& type, const model::action& a);

/// The parameter rules of a grant: each parameter is one `type` takes, of its type and values,
/// and every required one is there.
void check_params(const schemas::permission_type& type, const model::grant& g, std::vector<finding>& out);

/// True when `value` fits `spec` (its JSON type, and its values when they are listed).
[[nodiscard]] bool fits(const schemas::param_spec& spec, const model::param_value& value);

/// Every rule for a custom permission of a resource of `scope`, in the order the API applies
/// them. `parsed` is its filter, parsed as a permission filter (null: not checked).
[[nodiscard]] std::vector<finding> check_permission(const model::permission& p, model::scope scope,
                                                    const schemas::catalog& catalog, const groq::parse_result* parsed);

/// Every rule for the grants of a role of `scope`: first whether each grant's permission
/// exists, then each grant's action and parameters.
[[nodiscard]] std::vector<finding> check_grants(const model::role& r, model::scope scope, const custom_lookup& custom,
                                                const schemas::catalog& catalog);

}  // namespace rolec::validate
