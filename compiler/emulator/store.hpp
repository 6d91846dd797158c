#pragma once
/// The Access API's operations on the state, without HTTP: each returns the reply the API gives,
/// or throws api_error for a request it refuses. Not thread-safe; the service serialises calls.

#include <cstdint>
#include <string_view>

#include "emulator/model.hpp"
#include "emulator/paging.hpp"
#include "emulator/reply.hpp"

namespace rolec::emulator {

/// The state and the operations of the permissions, roles and users endpoints on it.
class store {
 public:
  store() = default;
  explicit store(emulator::state initial) : state_(std::move(initial)) {}

  /// Everything the emulator holds, for saving.
  [[nodiscard]] const emulator::state& state() const { return state_; }
  /// The project `id`, created with nothing but the built-ins if it does not exist yet.
  project& add_project(const std::string& id);
  /// The project `id`, or null.
  [[nodiscard]] project* find_project(std::string_view id);

  /// `GET /permissions`: predefined ones, then custom ones by name.
  [[nodiscard]] reply list_permissions(const project& in, const page_request& page) const;
  /// `GET /permissions/{name}`.
  [[nodiscard]] reply get_permission(const project& in, std::string_view name) const;
  /// `POST /permissions`: a custom document-filter permission.
  reply create_permission(project& in, const json& body);
  /// `PUT /permissions/{name}`: a custom permission, replaced; its type stays.
  reply update_permission(project& in, std::string_view name, const json& body);
  /// Refused (409) while a role refers to it: an attempted invariant violation.
  reply delete_permission(project& in, std::string_view name);

  /// `GET /roles`: built-in ones, then custom ones by name.
  [[nodiscard]] reply list_roles(const project& in, const page_request& page) const;
  /// `GET /roles/{name}`.
  [[nodiscard]] reply get_role(const project& in, std::string_view name) const;
  /// A role that names a missing permission is refused (400): an attempted invariant violation.
  reply create_role(project& in, const json& body);
  /// Replaces the whole role, as `PUT /roles/{name}` does.
  reply update_role(project& in, std::string_view name, const json& body);
  /// Refused (409) while a user holds it.
  reply delete_role(project& in, std::string_view name);

  /// `GET /users`: by id, with `totalCount`.
  [[nodiscard]] reply list_users(const project& in, const page_request& page) const;
  /// `GET /users/{id}`.
  [[nodiscard]] reply get_user(const project& in, std::string_view id) const;
  /// Gives a user a role (201); giving one it holds changes nothing.
  reply add_user_role(project& in, std::string_view user_id, std::string_view role_name);
  /// Takes a role from a user, unless it is the user's last role or the project's last administrator (409).
  reply remove_user_role(project& in, std::string_view user_id, std::string_view role_name);

  /// Mutations attempted that would have left a role pointing at a missing permission.
  [[nodiscard]] std::uint64_t invariant_violations() const { return invariant_violations_; }
  /// Grows by one at every change of the state: the service saves when it moved.
  [[nodiscard]] std::uint64_t version() const { return version_; }
  /// True if no custom role of any project refers to a permission it lacks.
  [[nodiscard]] bool invariant_holds() const;

 private:
  // The checks of every write of a role: its permissions exist (a missing one is counted as an
  // attempted violation), then their actions and params fit.
  void check_role(const project& in, const role& r);

  emulator::state state_;
  std::uint64_t invariant_violations_ = 0;
  std::uint64_t version_ = 0;
};

}  // namespace rolec::emulator
