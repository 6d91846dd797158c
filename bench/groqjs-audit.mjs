// What `rolec audit` computes, done with groq-js, for bench/audit.sh: reads an NDJSON export,
// evaluates every distinct document filter of a policy once per document with groq-js, and counts
// per role and action the documents reached, by `_type` and by kind of id. Prints the same JSON
// as `rolec audit --format json`; with --expect FILE (that output), exits 1 when the counts differ.
//
// usage: GROQJS_DIR=... node bench/groqjs-audit.mjs BUNDLE.json PREDEFINED.json DOCS.ndjson
//          [--identity U] [--attributes JSON] [--now TIME] [--robot] [--dataset NAME] [--role R]...
//          [--expect ROLEC.json]
// BUNDLE.json is what `rolec build` prints for the policy (extends resolved); PREDEFINED.json is
// schemas/predefined-permissions.json. How a grant maps to actions and kinds of id is
// docs/document-access.md, written again here independently of compiler/decide/.
import {createReadStream, readFileSync} from 'node:fs'
import {createInterface} from 'node:readline'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const args = process.argv.slice(2)
const positional = []
const options = {identity: '', attributes: null, now: new Date().toISOString(), robot: false, dataset: null, roles: [], expect: null}
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--identity') options.identity = args[++i]
  else if (a === '--attributes') options.attributes = JSON.parse(args[++i])
  else if (a === '--now') options.now = args[++i]
  else if (a === '--robot') options.robot = true
  else if (a === '--dataset') options.dataset = args[++i]
  else if (a === '--role') options.roles.push(args[++i])
  else if (a === '--expect') options.expect = args[++i]
  else positional.push(a)
}
if (positional.length !== 3 || !process.env.GROQJS_DIR) {
  console.error('usage: GROQJS_DIR=... node groqjs-audit.mjs BUNDLE.json PREDEFINED.json DOCS.ndjson [options]')
  process.exit(3)
}
const [bundleFile, predefinedFile, docsFile] = positional
const {parse, evaluateSync} = await import(pathToFileURL(join(process.env.GROQJS_DIR, 'dist/index.js')).href)

const ACTIONS = ['read', 'create', 'update', 'manage', 'history', 'editHistory']
const PUBLISHED = 1, DRAFT = 2, VERSION = 4, EVERY = 7, DRAFTS = 6
const kindOf = (id) => (id.startsWith('drafts.') ? DRAFT : id.startsWith('versions.') ? VERSION : PUBLISHED)

// Document permissions: custom ones from the bundle, predefined ones from the catalogue.
const permissions = new Map()
for (const p of JSON.parse(readFileSync(predefinedFile, 'utf8')).permissions) {
  if (p.filter) permissions.set(p.name, {filter: p.filter, mode: p.type === 'sanity.document.filter.mode'})
}
const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'))
for (const p of bundle.permissions) {
  if (p.config && typeof p.config.filter === 'string') permissions.set(p.name, {filter: p.config.filter, mode: p.type.endsWith('.mode')})
}

// groq-js does not implement user::attributes(): the call is replaced by the attributes' value.
function withAttributes(node) {
  if (Array.isArray(node)) return node.map(withAttributes)
  if (node === null || typeof node !== 'object') return node
  if (node.type === 'FuncCall' && node.namespace === 'user' && node.name === 'attributes') return {type: 'Value', value: options.attributes}
  const out = {}
  for (const [k, v] of Object.entries(node)) out[k] = withAttributes(v)
  if (node.type === 'FuncCall') out.func = node.func  // not enumerable in every version
  return out
}

const filters = []  // distinct filter texts, parsed once
const filterIndex = new Map()
function intern(text) {
  if (!filterIndex.has(text)) {
    filterIndex.set(text, filters.length)
    filters.push(withAttributes(parse(text)))
  }
  return filterIndex.get(text)
}

// What a mode gives, per action: the kinds of id.
function modeScope(mode, history) {
  const s = {}
  if (mode === 'read') Object.assign(s, {read: EVERY}, history ? {history: EVERY} : {})
  else if (mode === 'create') Object.assign(s, {read: EVERY, create: DRAFTS, update: DRAFTS}, history ? {history: DRAFTS} : {})
  else if (mode === 'publish') Object.assign(s, {read: EVERY, create: EVERY, update: EVERY}, history ? {history: EVERY} : {})
  return s
}

const chosen = options.roles.length ? options.roles : bundle.roles.map((r) => r.name)
const roles = chosen.map((name) => {
  const r = bundle.roles.find((x) => x.name === name)
  if (!r) {
    console.error(`no custom role ${name} in the bundle`)
    process.exit(3)
  }
  const grants = []
  for (const e of r.permissions) {
    const p = permissions.get(e.name)
    if (!p) continue
    const params = e.params || {}
    if (params.dataset !== undefined && options.dataset !== null && params.dataset !== options.dataset) continue
    const scope = e.action === 'mode' ? modeScope(params.mode, params.history === true) : ACTIONS.includes(e.action) ? {[e.action]: EVERY} : null
    if (scope) grants.push({filter: intern(p.filter), scope})
  }
  const applies = options.robot ? r.appliesToRobots : r.appliesToUsers
  return {name, grants: applies ? grants : []}
})

const zero = () => ({published: 0, drafts: 0, versions: 0})
const bump = (c, kind) => { if (kind === PUBLISHED) c.published++; else if (kind === DRAFT) c.drafts++; else c.versions++ }
const perType = new Map()  // type -> {documents, reached[role][action]}
const results = new Array(filters.length)
const context = {identity: options.identity, timestamp: new Date(options.now)}
if (options.dataset !== null) context.sanity = {projectId: bundle.resource?.id ?? '', dataset: options.dataset}

for await (const line of createInterface({input: createReadStream(docsFile), crlfDelay: Infinity})) {
  if (!line.trim()) continue
  const doc = JSON.parse(line)
  const kind = kindOf(typeof doc._id === 'string' ? doc._id : '')
  const type = typeof doc._type === 'string' ? doc._type : ''
  for (let f = 0; f < filters.length; f++) {
    try {
      const v = evaluateSync(filters[f], {...context, root: doc})
      results[f] = v.type === 'boolean' && v.data === true
    } catch {
      results[f] = false
    }
  }
  let t = perType.get(type)
  if (!t) perType.set(type, (t = {documents: zero(), reached: roles.map(() => ACTIONS.map(zero))}))
  bump(t.documents, kind)
  roles.forEach((r, ri) => {
    ACTIONS.forEach((a, ai) => {
      if (r.grants.some((g) => ((g.scope[a] ?? 0) & kind) !== 0 && results[g.filter])) bump(t.reached[ri][ai], kind)
    })
  })
}

// The report, in rolec's order: types by name (bytewise, as rolec sorts).
const byName = (a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)))
const types = [...perType.keys()].sort(byName)
const total = (c) => c.published + c.drafts + c.versions
const sum = zero()
for (const t of types) for (const k of ['published', 'drafts', 'versions']) sum[k] += perType.get(t).documents[k]
const report = {
  format_version: '1',
  documents: total(sum),
  by_kind: sum,
  by_type: Object.fromEntries(types.map((t) => [t, total(perType.get(t).documents)])),
  roles: roles.map((r, ri) => ({
    role: r.name,
    actions: ACTIONS.map((a, ai) => {
      const c = zero()
      const byType = {}
      for (const t of types) {
        const n = perType.get(t).reached[ri][ai]
        if (total(n) === 0) continue
        for (const k of ['published', 'drafts', 'versions']) c[k] += n[k]
        byType[t] = total(n)
      }
      return {action: a, documents: total(c), ...c, by_type: byType}
    }),
  })),
}
const text = JSON.stringify(report, null, 2)
console.log(text)
// Objects compared whatever the order of their keys; arrays (roles, actions) in order.
const canonical = (v) =>
  Array.isArray(v) ? v.map(canonical)
  : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]))
  : v
if (options.expect) {
  const expected = JSON.parse(readFileSync(options.expect, 'utf8'))
  if (JSON.stringify(canonical(expected)) !== JSON.stringify(canonical(report))) {
    console.error(`groq-js and rolec count differently: compare ${options.expect} with the report above`)
    process.exit(1)
  }
}
