#pragma once
/// Names in a Sanity Blueprint: every resource name must match
/// `^[a-zA-Z][a-zA-Z0-9-_]*(?<![-_])$` (@sanity/blueprints-parser 0.5.0, `nameFormat`), which
/// role names (`^[a-z0-9_-]+$`) and robot keys do not always do.

#include <string>
#include <string_view>

namespace rolec::build {

/// True when `name` may name a blueprint resource.
[[nodiscard]] bool valid_resource_name(std::string_view name);

/// `name` as a resource name, and `name` itself when it already is one. Otherwise, in this
/// order: every character other than `A-Za-z0-9-_` becomes `-`; `r-` goes before a name that
/// does not start with a letter; `-r` goes after one that ends in `-` or `_`. The same name
/// always maps to the same result, and a valid name never changes.
[[nodiscard]] std::string resource_name(std::string_view name);

}  // namespace rolec::build
