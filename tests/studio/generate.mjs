// Random policies and tests for the Studio differential, from a seed: custom permissions with
// filters drawn from a small grammar that rolec accepts, roles granting actions and modes (of
// custom and predefined permissions, sometimes through `extends`), and tests that name roles,
// an identity and a document pair. Expectations are filled in later, by studio_rules.mjs.

// mulberry32: a tiny seeded PRNG, so that a seed names the same policy on every machine.
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed)
  }
  int(n) {
    return Math.floor(this.next() * n)
  }
  between(lo, hi) {
    return lo + this.int(hi - lo + 1)
  }
  chance(p) {
    return this.next() < p
  }
  pick(items) {
    return items[this.int(items.length)]
  }
  // A random subset, in the original order, with at least `min` items.
  subset(items, min = 0) {
    for (;;) {
      const chosen = items.filter(() => this.chance(0.5))
      if (chosen.length >= min) return chosen
    }
  }
}

// Ids are chosen so that filters pinned to ids, Studio's synthetic `dummy-id`, ids with a dot
// (which `path("*")` does not match) and a published id that groq-js's path glob takes for a
// draft (`drafts-a1` in `path("drafts.**")`) all meet each other.
const BASE_IDS = ['x1', 'a-b', 'dummy-id', 'a1', 'p.q', 'drafts-a1']
const RELEASES = ['r1', 'summer']
const IDENTITIES = ['user-a', 'user-b', 'user-c']
const TYPES = ['post', 'page', 'author']

// Sentinel for "leave this field out of the document".
const MISSING = Symbol('missing')

// ---------------------------------------------------------------------------------------------
// Filters

// Leaf conditions. Each is a function of the generator so that literals vary.
const ATOMS = [
  (r) => `_type == "${r.pick(TYPES)}"`,
  (r) => `_type != "${r.pick(TYPES)}"`,
  () => `_type in ["post", "page"]`,
  () => `_id in path("drafts.**")`,
  () => `_id in path("versions.**")`,
  () => `!(_id in path("drafts.**"))`,
  () => `_id in path("*")`,
  (r) => `_id in path("${r.pick(['a*', 'a-*', 'x*'])}")`,
  (r) => `_id in path("versions.${r.pick(RELEASES)}.*")`,
  (r) => `_id in path("drafts.${r.pick(BASE_IDS)}")`,
  (r) => `_id == "${r.pick([...BASE_IDS, 'drafts.dummy-id', 'drafts.x1'])}"`,
  (r) => {
    const id = r.pick(BASE_IDS)
    return `_id in ["${id}", "drafts.${id}"]`
  },
  (r) => `sanity::versionOf("${r.pick(BASE_IDS)}")`,
  (r) => `sanity::partOfRelease("${r.pick(RELEASES)}")`,
  () => `author._ref == identity()`,
  () => `author._ref != identity()`,
  () => `author._ref == $identity`,
  (r) => `identity() == "${r.pick(IDENTITIES)}"`,
  () => `defined(locked)`,
  () => `!(locked == true)`,
  () => `locked != true`,
  () => `!locked`,
  () => `locked == false`,
  (r) => `rank > ${r.between(0, 5)}`,
  (r) => `rank <= ${r.between(0, 5)}`,
  () => `count(tags) > 1`,
  () => `"news" in tags`,
  () => `defined(tags)`,
  (r) => `title match "${r.pick(['hello*', 'hello', 'world'])}"`,
  () => `lower(title) == "hello"`,
  () => `upper(title) == "HELLO"`,
  (r) => `references("${r.pick(IDENTITIES)}")`,
]

function isComposite(filter) {
  return filter.includes('&&') || filter.includes('||')
}

function group(filter) {
  return isComposite(filter) ? `(${filter})` : filter
}

function randomFilter(r, depth) {
  if (depth === 0 || r.chance(0.35)) return r.pick(ATOMS)(r)
  switch (r.int(5)) {
    case 0:
    case 1:
      return `${group(randomFilter(r, depth - 1))} && ${group(randomFilter(r, depth - 1))}`
    case 2:
    case 3:
      return `${group(randomFilter(r, depth - 1))} || ${group(randomFilter(r, depth - 1))}`
    default:
      return `!(${randomFilter(r, depth - 1)})`
  }
}

// ---------------------------------------------------------------------------------------------
// Permissions and roles

// Predefined document permissions worth granting: one mode permission, three plain ones.
const PREDEFINED_MODE = ['sanity-all-documents']
const PREDEFINED_PLAIN = ['sanity-document-filter-drafts', 'sanity-document-filter-all-documents', 'sanity-document-filter-images']
const ACTIONS = ['read', 'create', 'update', 'manage', 'history', 'editHistory']
const MODES = ['read', 'create', 'publish']

function randomPermissions(r) {
  const permissions = {}
  const count = r.between(1, 4)
  for (let i = 1; i <= count; i++) {
    const mode = r.chance(0.35)
    permissions[`p${i}`] = {
      title: `P${i}`,
      type: mode ? 'sanity.document.filter.mode' : 'sanity.document.filter',
      filter: randomFilter(r, r.between(0, 3)),
    }
  }
  return permissions
}

function randomGrant(r, permissions) {
  const custom = Object.keys(permissions)
  // Custom permissions most of the time; predefined ones now and then.
  const name = r.chance(0.75) ? r.pick(custom) : r.pick([...PREDEFINED_MODE, ...PREDEFINED_PLAIN])
  const isMode = permissions[name]
    ? permissions[name].type === 'sanity.document.filter.mode'
    : PREDEFINED_MODE.includes(name)
  if (!isMode) return {permission: name, actions: r.subset(ACTIONS, 1)}
  const grant = {permission: name, mode: r.pick(MODES)}
  // history: true, false, or left out (which gives no history).
  const history = r.pick([true, false, undefined])
  if (history !== undefined) grant.history = history
  return grant
}

function randomRoles(r, permissions) {
  const roles = {}
  const count = r.between(1, 3)
  for (let i = 1; i <= count; i++) {
    const earlier = Object.keys(roles)
    // Extending only earlier roles keeps `extends` free of cycles.
    const parents = earlier.length && r.chance(0.3) ? r.subset(earlier, 1) : []
    // Now and then a role with nothing at all: Studio denies every existing form then.
    const grantCount = parents.length || r.chance(0.05) ? r.between(0, 3) : r.between(1, 4)
    const grants = Array.from({length: grantCount}, () => randomGrant(r, permissions))
    roles[`r${i}`] = {title: `R${i}`, extends: parents, grants}
  }
  return roles
}

// ---------------------------------------------------------------------------------------------
// Documents

// A value for each field, often of the expected type, sometimes missing, null or of another
// type, so that GROQ's null-propagating logic decides.
const FIELD_VALUES = {
  author: (r) => r.pick([{_ref: r.pick(IDENTITIES)}, {_ref: r.pick(IDENTITIES)}, {_ref: 5}, {_ref: ''}, r.pick(IDENTITIES), {}, null]),
  locked: (r) => r.pick([true, false, 'true', 1, null]),
  rank: (r) => r.pick([0, 2, 3, 4, 3.5, 10, -1, '5', true, null]),
  tags: (r) => r.pick([['news'], ['news', 'sport'], ['a'], [], 'news', ['news', 1, true], [['news']], null]),
  title: (r) => r.pick(['hello', 'Hello', 'HELLO', 'hello world', 'say hello', 'help', ['hello'], 42, null]),
  ref: (r) => r.pick([{_ref: r.pick(IDENTITIES)}, [{_ref: r.pick(IDENTITIES)}], null]),
}

function randomType(r) {
  if (r.chance(0.08)) return r.pick([MISSING, 5, 'sanity.imageAsset'])
  return r.pick(TYPES)
}

function randomValue(r, field, allowNull) {
  for (;;) {
    const value = FIELD_VALUES[field](r)
    if (value === null && !allowNull) continue
    // TOML has no null, not even inside arrays.
    if (!allowNull && Array.isArray(value) && value.includes(null)) continue
    return value
  }
}

// The fields of a document apart from `_id`.
function randomBody(r, allowNull) {
  const body = {}
  const type = randomType(r)
  if (type !== MISSING) body._type = type
  for (const field of Object.keys(FIELD_VALUES)) {
    if (r.chance(0.6)) body[field] = randomValue(r, field, allowNull)
  }
  return body
}

// Another form of the same document: mostly the same fields, sometimes a few changed or dropped.
function variantBody(r, body, allowNull) {
  const copy = structuredClone(body)
  if (r.chance(0.5)) return copy
  for (let i = r.between(1, 2); i > 0; i--) {
    const field = r.pick([...Object.keys(FIELD_VALUES), '_type'])
    if (r.chance(0.3)) delete copy[field]
    else if (field === '_type') {
      const type = randomType(r)
      if (type === MISSING) delete copy._type
      else copy._type = type
    } else copy[field] = randomValue(r, field, allowNull)
  }
  return copy
}

function formId(form, base, release) {
  if (form === 'draft') return `drafts.${base}`
  if (form === 'version') return `versions.${release}.${base}`
  return base
}

// A document pair: a non-empty subset of its published, draft and version forms.
function randomPair(r) {
  const base = r.pick(BASE_IDS)
  const release = r.pick(RELEASES)
  const forms = r.subset(['published', 'draft', 'version'], 1)
  const body = randomBody(r, false)
  return forms.map((form) => ({_id: formId(form, base, release), ...variantBody(r, body, false)}))
}

// One form on its own, for the single-document mode; JSON files can carry nulls.
function randomSingle(r, allowNull) {
  const form = r.pick(['published', 'draft', 'version'])
  return {_id: formId(form, r.pick(BASE_IDS), r.pick(RELEASES)), ...randomBody(r, allowNull)}
}

// ---------------------------------------------------------------------------------------------
// Tests and the whole policy

function randomIdentity(r) {
  // undefined: the test leaves `identity` out, which rolec reads as "".
  return r.pick([...IDENTITIES, ...IDENTITIES, '', undefined])
}

function randomTest(r, roles, index, mode) {
  const names = Object.keys(roles)
  const test = {
    name: `case-${index}`,
    roles: r.subset(names, 1).slice(0, 2),
    identity: randomIdentity(r),
  }
  if (mode === 'single') {
    const asFile = r.chance(0.4)
    test.documents = [randomSingle(r, asFile)]
    test.documentFile = asFile ? `doc-${index}.json` : undefined
    test.liveEdit = false
  } else {
    test.documents = randomPair(r)
    test.liveEdit = r.chance(0.3)
  }
  return test
}

export function generatePolicy(seed, {mode = 'full', tests = 4} = {}) {
  const r = new Rng(seed)
  const permissions = randomPermissions(r)
  const roles = randomRoles(r, permissions)
  const testList = Array.from({length: tests}, (_, i) => randomTest(r, roles, i + 1, mode))
  return {seed, mode, permissions, roles, tests: testList}
}

// ---------------------------------------------------------------------------------------------
// TOML

function tomlValue(value) {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in TOML`)
    return String(value)
  }
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`
  if (value === null) throw new Error('TOML has no null')
  const entries = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)
  return entries.length ? `{ ${entries.join(', ')} }` : '{}'
}

function tomlKey(key) {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)
}

function filterLiteral(filter) {
  if (filter.includes("'") || filter.includes('\n')) throw new Error(`filter needs escaping: ${filter}`)
  return `'${filter}'`
}

function permissionToml(name, permission) {
  const lines = [`[permissions.${name}]`, `title = ${tomlValue(permission.title)}`]
  if (permission.type === 'sanity.document.filter.mode') lines.push(`type = "sanity.document.filter.mode"`)
  lines.push(`filter = ${filterLiteral(permission.filter)}`)
  return lines.join('\n')
}

function roleToml(name, role) {
  const lines = [`[roles.${name}]`, `title = ${tomlValue(role.title)}`]
  if (role.extends.length) lines.push(`extends = ${tomlValue(role.extends)}`)
  lines.push('grants = [')
  for (const grant of role.grants) lines.push(`  ${tomlValue(grant)},`)
  lines.push(']')
  return lines.join('\n')
}

// `expectation` is {allow: [...], deny: [...]} for the test. The single mode writes the keys
// every rolec knows (`document`, `document_file`); the full mode writes the pair and live edit.
function testToml(test, expectation, mode) {
  const lines = ['[[tests]]', `name = ${tomlValue(test.name)}`, `roles = ${tomlValue(test.roles)}`]
  if (test.identity !== undefined) lines.push(`identity = ${tomlValue(test.identity)}`)
  if (mode === 'single') {
    if (test.documentFile) lines.push(`document_file = ${tomlValue(test.documentFile)}`)
    else lines.push(`document = ${tomlValue(test.documents[0])}`)
  } else {
    lines.push(`documents = [${test.documents.map(tomlValue).join(', ')}]`)
    lines.push(`live_edit = ${test.liveEdit}`)
  }
  if (expectation.allow.length) lines.push(`allow = ${tomlValue(expectation.allow)}`)
  if (expectation.deny.length) lines.push(`deny = ${tomlValue(expectation.deny)}`)
  return lines.join('\n')
}

// The policy file, with each test's expectations; plus the JSON files tests refer to.
export function policyFiles(policy, expectations) {
  const parts = ['[project]\nid = "abc123xy"']
  for (const [name, permission] of Object.entries(policy.permissions)) parts.push(permissionToml(name, permission))
  for (const [name, role] of Object.entries(policy.roles)) parts.push(roleToml(name, role))
  const files = {}
  policy.tests.forEach((test, i) => {
    parts.push(testToml(test, expectations[i], policy.mode))
    if (test.documentFile) files[test.documentFile] = JSON.stringify(test.documents[0], null, 2) + '\n'
  })
  files['policy.toml'] = parts.join('\n\n') + '\n'
  return files
}
