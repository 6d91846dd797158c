// Blueprints that `rolec build --target blueprint` writes, checked by Sanity's own code from npm
// (through tools/install-ecosystem): @sanity/blueprints-parser must call each document `valid`,
// and the validators of @sanity/blueprints (`validateProjectRole` or `validateRole`,
// `validateRobotToken`) must find nothing in any of its resources. Broken blueprints are checked
// first, so that a checker that accepts everything cannot pass the test.
//
//   node blueprints_parser_test.mjs NODE_MODULES BLUEPRINT...
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const [modules, ...files] = process.argv.slice(2)
const load = (...parts) => import(pathToFileURL(path.join(modules, ...parts)).href)
const { default: parse } = await load('@sanity/blueprints-parser', 'src', 'index.js')
const sanity = await load('@sanity/blueprints', 'dist', 'index.js')

// The problems Sanity's code finds in a blueprint text, one string each.
function problems(text) {
  const parsed = parse(text)
  if (parsed.result !== 'valid') return parsed.errors.map((e) => `parser: ${e.type}: ${e.message}`)
  const found = []
  for (const resource of parsed.blueprint.resources ?? []) {
    let errors = []
    if (resource.type === 'sanity.access.role') {
      errors = 'resourceType' in resource ? sanity.validateProjectRole(resource) : sanity.validateRole(resource)
    } else if (resource.type === 'sanity.access.robot') {
      errors = sanity.validateRobotToken(resource)
    } else {
      errors = [{ type: 'unexpected', message: `a resource of type ${resource.type}` }]
    }
    for (const e of errors) found.push(`${resource.name}: ${e.type}: ${e.message}`)
  }
  return found
}

const broken = [
  '{"blueprintVersion": "2024-10-01", "format_version": "1", "resources": []}',
  '{"blueprintVersion": "2024-10-01", "resources": [{"name": "2fa", "type": "sanity.access.role"}]}',
  '{"blueprintVersion": "2024-10-01", "resources": [{"name": "r", "type": "sanity.access.role", "title": "R", ' +
    '"appliesToUsers": true, "appliesToRobots": true, "permissions": []}]}',
  '{"blueprintVersion": "2024-10-01", "resources": [{"name": "b", "type": "sanity.access.robot", "label": "B", ' +
    '"memberships": [{"roleNames": []}]}]}',
]
for (const text of broken) {
  if (problems(text).length === 0) {
    console.error(`FAIL: Sanity's checkers accept a broken blueprint: ${text}`)
    process.exit(1)
  }
}

let count = 0
for (const file of files) {
  const found = problems(readFileSync(file, 'utf8'))
  for (const p of found) console.error(`${file}: ${p}`)
  count += found.length
  console.log(`${file}: ${found.length} problem(s)`)
}
process.exit(count === 0 && files.length > 0 ? 0 : 1)
