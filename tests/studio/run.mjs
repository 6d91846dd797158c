// Studio differential test: does rolec allow and deny document operations exactly as Sanity
// Studio would?
//
// For each seed, generate.mjs makes a random policy (custom permissions with GROQ filters, roles
// granting actions and modes, sometimes through `extends`) and tests that name roles, a user id
// and a document pair (any of its published, draft and release-version forms, live-edit or not).
// studio_rules.mjs computes the grants Studio would receive for those roles and decides every
// action (read, create, update, manage, history, editHistory) and every Studio operation
// (publish, unpublish, delete, discardDraft, discardVersion, duplicate) the way Studio does, with
// groq-js evaluating the filters. Those answers are written into the tests as `allow` and `deny`,
// and `rolec test` runs them: every result rolec reports as failed is a disagreement.
//
// `--mode single` writes one document per test (`document` or `document_file`) and checks the
// raw actions only, which every rolec understands; `--mode full` (the default) checks pairs,
// operations and live edit.
//
// Environment: ROLEC (the rolec binary), GROQJS (the groq-js 2.0.1 package folder).
// Usage: node run.mjs [--seeds N] [--first S] [--mode full|single] [--tests-per-policy T] [--keep]
// Exit status: 0 no disagreement, 1 disagreements, 2 the harness could not run (a generated
// policy that rolec rejects counts here: that is a generator bug).

import {execFile} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {generatePolicy, policyFiles} from './generate.mjs'
import {
  ALL_NAMES,
  PLAIN_ACTIONS,
  aclForRoles,
  checksFor,
  createStudio,
  loadGroq,
  loadPredefinedPermissions,
  pairOf,
  withStrictPathGlob,
} from './studio_rules.mjs'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const REPO = path.resolve(HERE, '../..')

// Warnings a random policy is expected to draw; any other finding means the generator wrote
// something rolec does not accept as intended.
const EXPECTED_WARNINGS = new Set(['RC401', 'RC402', 'RC403', 'RC404', 'RC405', 'RC406', 'RC408', 'RC411', 'RC412', 'RC413', 'RC502'])

class HarnessError extends Error {}

function parseArgs(argv) {
  const options = {seeds: 100, first: 1, mode: 'full', testsPerPolicy: 4, keep: false}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new HarnessError(`${arg} needs a value`)
      return argv[++i]
    }
    if (arg === '--seeds') options.seeds = Number(value())
    else if (arg === '--first') options.first = Number(value())
    else if (arg === '--mode') options.mode = value()
    else if (arg === '--tests-per-policy') options.testsPerPolicy = Number(value())
    else if (arg === '--keep') options.keep = true
    else throw new HarnessError(`unknown argument ${arg}`)
  }
  if (!['full', 'single'].includes(options.mode)) throw new HarnessError(`--mode is full or single, not ${options.mode}`)
  for (const key of ['seeds', 'first', 'testsPerPolicy']) {
    if (!Number.isInteger(options[key]) || options[key] < 0) throw new HarnessError(`--${key} must be a whole number`)
  }
  return options
}

function run(command, args) {
  return new Promise((resolve) => {
    execFile(command, args, {maxBuffer: 64 << 20}, (error, stdout, stderr) => {
      // A binary that cannot be started has a string code such as ENOENT, and says why only there.
      const started = !error || typeof error.code === 'number'
      resolve({code: error ? (started ? error.code : -1) : 0, stdout, stderr: started ? stderr : error.message})
    })
  })
}

// Runs `work` over `items` with at most `limit` in flight, keeping the order of the results. After
// a failure no new item starts, and the failure is raised once the running ones are done, so that
// nothing writes into the temporary folder after it is removed.
async function pool(items, limit, work) {
  const results = new Array(items.length)
  let next = 0
  let failure
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++
      try {
        results[i] = await work(items[i])
      } catch (error) {
        failure ??= error
      }
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  if (failure) throw failure
  return results
}

// ---------------------------------------------------------------------------------------------
// Studio's side

function namesFor(mode) {
  return mode === 'single' ? PLAIN_ACTIONS : ALL_NAMES
}

// Studio's answer for every name of every test: [{name: boolean}], one map per test.
async function studioAnswers(studio, predefined, policy) {
  const answers = []
  for (const test of policy.tests) {
    const acl = aclForRoles(policy, predefined, test.roles)
    const pair = pairOf(test.documents)
    const userId = test.identity ?? ''
    const byName = {}
    for (const name of namesFor(policy.mode)) byName[name] = await studio.decide(acl, userId, pair, test.liveEdit, name)
    answers.push(byName)
  }
  return answers
}

function expectationsOf(answers) {
  return answers.map((byName) => {
    const names = Object.keys(byName)
    return {allow: names.filter((n) => byName[n]), deny: names.filter((n) => !byName[n])}
  })
}

// ---------------------------------------------------------------------------------------------
// rolec's side

function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function writePolicy(dir, files) {
  fs.mkdirSync(dir, {recursive: true})
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
}

async function lintPolicy(rolec, dir, seed) {
  const {code, stdout, stderr} = await run(rolec, ['lint', '--format', 'json', dir])
  const report = parseJson(stdout)
  if (!Array.isArray(report?.diagnostics)) {
    throw new HarnessError(`seed ${seed}: rolec lint printed no report (exit ${code}): ${stderr.trim()}`)
  }
  const unexpected = report.diagnostics.filter((d) => d.severity === 'error' || !EXPECTED_WARNINGS.has(d.rule))
  if (unexpected.length || code !== 0) {
    throw new HarnessError(
      `seed ${seed}: the generated policy does not lint clean (a generator bug):\n` +
        JSON.stringify(unexpected, null, 2) +
        `\n${fs.readFileSync(path.join(dir, 'policy.toml'), 'utf8')}`,
    )
  }
}

async function rolecResults(rolec, dir, seed) {
  const {code, stdout, stderr} = await run(rolec, ['test', '--format', 'json', dir])
  // rolec also exits 1, with no report, when the policy has errors.
  const report = parseJson(stdout)
  if ((code !== 0 && code !== 1) || !Array.isArray(report?.tests)) {
    throw new HarnessError(`seed ${seed}: rolec test could not run (exit ${code}):\n${stderr.trim()}\n${stdout.trim()}`)
  }
  return report
}

// Pairs and operations need a rolec that reads `documents` and `live_edit` in tests; an older
// one rejects them, which says nothing about the generator, so say so plainly.
async function checkPairSupport(rolec, root) {
  const dir = path.join(root, 'probe')
  writePolicy(dir, {
    'policy.toml': [
      '[project]\nid = "abc123xy"',
      '[roles.r]\ntitle = "R"\ngrants = [{ permission = "sanity-all-documents", mode = "read" }]',
      '[[tests]]\nrole = "r"\ndocuments = [{ _id = "x1" }, { _id = "drafts.x1" }]\nlive_edit = false\nallow = ["read"]\ndeny = ["publish"]',
    ].join('\n\n') + '\n',
  })
  const {code, stdout, stderr} = await run(rolec, ['test', '--format', 'json', dir])
  if (parseJson(stdout)?.tests?.length === 1) return
  const unknownKey = /unknown key `(documents|live_edit)`/.test(stdout + stderr)
  throw new HarnessError(
    unknownKey
      ? `${rolec} does not read \`documents\` and \`live_edit\` in tests yet; --mode single checks what it does read`
      : `rolec test could not run a two-form policy (exit ${code}):\n${stderr.trim()}`,
  )
}

// ---------------------------------------------------------------------------------------------
// Comparison

// A disagreement explained by an entry of known-differences.json is reported but does not fail
// the run. Each entry names a recheck: Studio's decision taken again with one deliberate
// difference undone; when it then agrees with rolec, that difference is the whole cause.
function loadKnownDifferences() {
  const file = path.join(HERE, 'known-differences.json')
  const entries = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : []
  for (const entry of entries) {
    if (!RECHECKS[entry.recheck]) throw new HarnessError(`known-differences.json: unknown recheck ${entry.recheck}`)
  }
  return entries
}

const RECHECKS = {
  'strict-path-glob': (groq, decide) => withStrictPathGlob(groq, decide),
}

// Runs after every seed is done: a recheck may patch groq-js for the time it runs.
async function explainDisagreement(known, groq, studio, predefined, d) {
  const decide = () => {
    const acl = aclForRoles(d.policy, predefined, d.test.roles)
    return studio.decide(acl, d.test.identity ?? '', pairOf(d.test.documents), d.test.liveEdit, d.action)
  }
  for (const entry of known) {
    const studioAgain = await RECHECKS[entry.recheck](groq, decide)
    if ((studioAgain ? 'allow' : 'deny') === d.rolec) return entry
  }
  return undefined
}

// Every expectation must come back as a result; a failed result is a disagreement.
function compare(policy, answers, report, files) {
  const byName = new Map(report.tests.map((t) => [t.name, t]))
  const disagreements = []
  let decisions = 0
  policy.tests.forEach((test, i) => {
    const got = byName.get(test.name)
    for (const [action, studio] of Object.entries(answers[i])) {
      const result = got?.results.find((r) => r.action === action)
      if (!result) throw new HarnessError(`seed ${policy.seed}: rolec reported no result for ${test.name} ${action}`)
      decisions++
      if (!result.passed) {
        disagreements.push({seed: policy.seed, policy, test, action, studio, rolec: result.actual, policyText: files['policy.toml']})
      }
    }
  })
  return {decisions, disagreements}
}

// ---------------------------------------------------------------------------------------------
// Reporting

function describeChecks(test, action) {
  const pair = pairOf(test.documents)
  const checks = checksFor(action, pair, test.liveEdit)
  if (!checks.length) return '    Studio checks: none'
  return checks
    .map(([permission, doc]) => `    Studio checks ${permission} on ${doc ? JSON.stringify(doc) : 'null (granted)'}`)
    .join('\n')
}

function printDisagreement(d, index) {
  const {test} = d
  console.log(`--- disagreement ${index + 1}: seed ${d.seed}, ${test.name}`)
  console.log(`  operation: ${d.action}`)
  console.log(`  Studio: ${d.studio ? 'allow' : 'deny'}   rolec: ${d.rolec}`)
  console.log(`  roles: ${test.roles.join(', ')}   identity: ${test.identity === undefined ? '(absent)' : JSON.stringify(test.identity)}   live_edit: ${test.liveEdit}`)
  console.log(`  documents: ${JSON.stringify(test.documents)}`)
  console.log(describeChecks(test, d.action))
  console.log('  policy:')
  console.log(d.policyText.replace(/^/gm, '    '))
}

// One line per known difference that occurred, with how often.
function printKnown(knownDisagreements) {
  const counts = new Map()
  for (const d of knownDisagreements) counts.set(d.known, (counts.get(d.known) ?? 0) + 1)
  for (const [entry, count] of counts) console.log(`  known difference "${entry.name}": ${count} decisions (${entry.reason})`)
}

// ---------------------------------------------------------------------------------------------

async function checkSeed(context, seed) {
  const {options, studio, predefined, rolec, root} = context
  const policy = generatePolicy(seed, {mode: options.mode, tests: options.testsPerPolicy})
  const answers = await studioAnswers(studio, predefined, policy)
  const files = policyFiles(policy, expectationsOf(answers))
  const dir = path.join(root, `seed-${seed}`)
  writePolicy(dir, files)
  await lintPolicy(rolec, dir, seed)
  const report = await rolecResults(rolec, dir, seed)
  return {policy, ...compare(policy, answers, report, files)}
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const rolec = process.env.ROLEC
  if (!rolec) throw new HarnessError('ROLEC is not set: it names the rolec binary to test')
  const groq = await loadGroq(process.env.GROQJS)
  const predefined = loadPredefinedPermissions(path.join(REPO, 'schemas'))
  const known = loadKnownDifferences()
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rolec-studio-'))
  const started = performance.now()
  let outcomes
  try {
    if (options.mode === 'full') await checkPairSupport(rolec, root)
    const context = {options, studio: createStudio(groq), predefined, rolec, root}
    const seeds = Array.from({length: options.seeds}, (_, i) => options.first + i)
    outcomes = await pool(seeds, Math.max(2, Math.min(8, os.availableParallelism())), (seed) => checkSeed(context, seed))
  } finally {
    if (options.keep) console.log(`kept the policies in ${root}`)
    else fs.rmSync(root, {recursive: true, force: true})
  }

  const decisions = outcomes.reduce((n, o) => n + o.decisions, 0)
  const studio = createStudio(groq)
  const all = outcomes.flatMap((o) => o.disagreements)
  for (const d of all) d.known = await explainDisagreement(known, groq, studio, predefined, d)
  const unknown = all.filter((d) => !d.known)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `studio differential (${options.mode}, seeds ${options.first}..${options.first + options.seeds - 1}, groq-js ${groq.version}): ` +
      `${decisions} decisions on ${outcomes.length} policies, ${unknown.length} disagreements, ${seconds} s`,
  )
  printKnown(all.filter((d) => d.known))
  unknown.slice(0, 10).forEach(printDisagreement)
  if (unknown.length > 10) console.log(`(the first 10 of ${unknown.length} disagreements are shown)`)
  return unknown.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof HarnessError ? `studio differential: ${error.message}` : error)
    process.exit(2)
  },
)
