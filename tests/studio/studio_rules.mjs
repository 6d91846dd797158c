// Sanity Studio's permission rules for document operations, restated from
// ../shared/reference/studio-grants.md and evaluated with groq-js, the engine Studio uses.
// Two halves: the grants Studio would receive for a set of roles (computed from a policy model
// as docs/document-access.md describes), and Studio's decision for an action on a document pair.
// Nothing here asks rolec anything: it is the independent side of the comparison.

import fs from 'node:fs'
import path from 'node:path'

// The raw actions a grant can list, and Studio's pair operations.
export const PLAIN_ACTIONS = ['read', 'create', 'update', 'manage', 'history', 'editHistory']
export const OPERATIONS = ['publish', 'unpublish', 'delete', 'discardDraft', 'discardVersion', 'duplicate']
// Every name a test can expect; `update` is both a raw action and Studio's pair operation.
export const ALL_NAMES = [...PLAIN_ACTIONS, ...OPERATIONS]

const DRAFTS_PREFIX = 'drafts.'
const VERSIONS_PREFIX = 'versions.'

// Where a mode grant gives write access to drafts and release versions only.
const DRAFTS_AND_VERSIONS = '(_id in path("drafts.**") || _id in path("versions.**"))'

export async function loadGroq(groqjsDir) {
  if (!groqjsDir) throw new Error('GROQJS is not set: it names the groq-js 2.0.1 package folder')
  const pkg = JSON.parse(fs.readFileSync(path.join(groqjsDir, 'package.json'), 'utf8'))
  const entry = pkg.exports?.['.'] ?? pkg.module ?? pkg.main
  const entryFile = typeof entry === 'string' ? entry : entry.import ?? entry.default
  const groq = await import(path.join(groqjsDir, entryFile))
  return {parse: groq.parse, evaluate: groq.evaluate, Path: groq.Path, version: pkg.version}
}

// The path glob as GROQ specifies it (../shared/reference/groq.md): segments split on `.`, `*` one
// non-empty segment without a dot, `**` any rest, everything else literal, dots included.
// groq-js 2.0.1 joins the segments with an unescaped regex `.`, so `drafts.**` also matches
// `drafts-a1`.
export function strictPathMatches(pattern, text) {
  const escape = (part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const parts = pattern.split('.').map((part) => (part === '*' ? '[^.]+' : part === '**' ? '.*' : escape(part)))
  return new RegExp(`^${parts.join('\\.')}$`).test(text)
}

// Runs `work` with groq-js matching paths as the specification says. The patch is global to the
// groq-js module, so nothing else may evaluate while `work` runs.
export async function withStrictPathGlob(groq, work) {
  const original = groq.Path.prototype.matches
  groq.Path.prototype.matches = function (text) {
    return strictPathMatches(this.pattern, text)
  }
  try {
    return await work()
  } finally {
    groq.Path.prototype.matches = original
  }
}

// The predefined document permissions of a project, by name: {type, filter}. The same data file
// rolec reads, so that both sides start from the same filter text; what a grant of them gives is
// decided here on its own.
export function loadPredefinedPermissions(schemasDir) {
  const file = path.join(schemasDir, 'predefined-permissions.json')
  const {permissions} = JSON.parse(fs.readFileSync(file, 'utf8'))
  const byName = new Map()
  for (const p of permissions) {
    if (p.type === 'sanity.document.filter' || p.type === 'sanity.document.filter.mode') {
      byName.set(p.name, {type: p.type, filter: p.filter})
    }
  }
  return byName
}

// Id helpers as @sanity/client/csm defines them (Studio's draftUtils re-exports those).
export function isDraftId(id) {
  return id.startsWith(DRAFTS_PREFIX)
}

export function isVersionId(id) {
  return id.startsWith(VERSIONS_PREFIX)
}

export function publishedId(id) {
  if (isVersionId(id)) return id.split('.').slice(2).join('.')
  if (isDraftId(id)) return id.slice(DRAFTS_PREFIX.length)
  return id
}

export function draftId(id) {
  if (isVersionId(id)) return DRAFTS_PREFIX + publishedId(id)
  return isDraftId(id) ? id : DRAFTS_PREFIX + id
}

// ---------------------------------------------------------------------------------------------
// Grants: what GET /acl would return for a user holding `roleNames`.

function permissionOf(policy, predefined, name) {
  const custom = policy.permissions[name]
  if (custom) return {type: custom.type ?? 'sanity.document.filter', filter: custom.filter}
  const builtin = predefined.get(name)
  if (!builtin) throw new Error(`unknown permission ${name}`)
  return builtin
}

// What one grant of a role contributes to the ACL.
function aclOfGrant(policy, predefined, grant) {
  const {type, filter} = permissionOf(policy, predefined, grant.permission)
  if (type === 'sanity.document.filter') return [{filter, permissions: [...grant.actions]}]
  const history = grant.history === true ? ['history'] : []
  switch (grant.mode) {
    case 'read':
      return [{filter, permissions: ['read', ...history]}]
    case 'create':
      // Contributors read everything the filter matches but write drafts and versions only.
      return [
        {filter, permissions: ['read']},
        {filter: `${DRAFTS_AND_VERSIONS} && (${filter})`, permissions: ['create', 'update', ...history]},
      ]
    case 'publish':
      return [{filter, permissions: ['read', 'create', 'update', ...history]}]
    default:
      throw new Error(`unknown mode ${grant.mode}`)
  }
}

// The roles a role stands for: itself and, transitively, what it extends.
function expandRoles(policy, roleNames) {
  const seen = new Set()
  const visit = (name) => {
    if (seen.has(name)) return
    const role = policy.roles[name]
    if (!role) throw new Error(`unknown role ${name}`)
    seen.add(name)
    for (const parent of role.extends ?? []) visit(parent)
  }
  roleNames.forEach(visit)
  return [...seen]
}

// The user's effective grants: the union over every role held (extends included).
export function aclForRoles(policy, predefined, roleNames) {
  const acl = []
  for (const name of expandRoles(policy, roleNames)) {
    for (const grant of policy.roles[name].grants) acl.push(...aclOfGrant(policy, predefined, grant))
  }
  return acl
}

// ---------------------------------------------------------------------------------------------
// Decisions, as Studio's grants store and document pair permissions take them.

export function createStudio(groq) {
  const parsed = new Map()

  // A grant matches when `*[FILTER]` over a dataset of just this document keeps it.
  async function matchesFilter(userId, filter, document) {
    if (!parsed.has(filter)) parsed.set(filter, groq.parse(`*[${filter}]`))
    const params = userId === null ? {} : {identity: userId}
    const result = await groq.evaluate(parsed.get(filter), {dataset: [document], identity: params.identity, params})
    const data = await result.get()
    return data?.length === 1
  }

  async function grantsPermissionOn(userId, grants, permission, document) {
    // A form that does not exist is granted: Studio's initial states carry null.
    if (!document) return true
    if (grants.length === 0) return false
    // Every filter is evaluated, as Studio does, so that one that fails in groq-js fails the
    // check whichever permissions its grant lists.
    const matching = []
    for (const grant of grants) {
      if (await matchesFilter(userId, grant.filter, document)) matching.push(grant)
    }
    return matching.some((grant) => grant.permissions.includes(permission))
  }

  async function decide(grants, userId, pair, liveEdit, name) {
    for (const [permission, document] of checksFor(name, pair, liveEdit)) {
      if (!(await grantsPermissionOn(userId, grants, permission, document))) return false
    }
    return true
  }

  return {matchesFilter, grantsPermissionOn, decide}
}

// The checks one name needs on a pair {published, draft, version} (each a document or null):
// a list of [permission, document]. Every check must be granted; no checks means allowed.
export function checksFor(name, pair, liveEdit) {
  const published = pair.published ?? null
  const draft = pair.draft ?? null
  const version = pair.version ?? null
  // Studio reads the version when a release is in view, else the draft, else the published form.
  const effective = version || draft || published
  switch (name) {
    case 'update':
      return liveEdit ? [['update', published]] : [['update', effective]]
    case 'delete':
      return liveEdit ? [['update', published]] : [['update', draft], ['update', published]]
    case 'discardDraft':
      return liveEdit ? [] : [['update', draft]]
    case 'discardVersion':
      return liveEdit ? [] : [['update', version]]
    case 'publish':
      if (liveEdit) return []
      return [
        ['update', published],
        ['update', draft],
        ['create', draft && {...draft, _id: publishedId(draft._id)}],
      ]
    case 'unpublish':
      if (liveEdit) return []
      return [
        ['create', draft],
        ['update', published],
        ['create', published && {...published, _id: draftId(published._id)}],
      ]
    case 'duplicate':
      // Spreading a missing form gives a document with nothing but the synthetic id.
      return liveEdit
        ? [['create', {...published, _id: 'dummy-id'}]]
        : [['create', {...effective, _id: draftId('dummy-id')}]]
    default:
      if (!PLAIN_ACTIONS.includes(name)) throw new Error(`unknown action ${name}`)
      return [[name, effective]]
  }
}

// The forms of a list of documents of one id, by their `_id`.
export function pairOf(documents) {
  const pair = {published: null, draft: null, version: null}
  for (const doc of documents) {
    if (isVersionId(doc._id)) pair.version = doc
    else if (isDraftId(doc._id)) pair.draft = doc
    else pair.published = doc
  }
  return pair
}
