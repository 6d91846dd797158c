// Differential test: rolec's GROQ evaluation against groq-js, the engine Sanity Studio
// decides with. Every disagreement must be listed in known-differences.json with its
// reason; an unlisted one, or a listed one that no longer occurs, fails the test.
//
//   ROLEC=build/rolec GROQJS=$(tools/install-groqjs) ROLEC_SHARED_DIR=../shared node tests/groqjs/run.mjs [--seed N] [--all]
//
// Sections: the suite's expression cases, filter-selection cases and parse cases, then
// seeded generated queries (docs/conformance.md, "Differences from groq-js, measured").

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadGroqJs, makeScratchDir } from './lib/engines.mjs';
import { DEFAULT_SEED, GENERATED_SECTIONS, generatedSections } from './lib/generated.mjs';
import { classify, loadKnown, staleEntries } from './lib/known.mjs';
import { expressionSection, filterSection, parseSection } from './lib/suite.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITE_SECTIONS = ['expressions', 'filters', 'parse'];
const SHOWN_UNLISTED = 20;
const GROQJS_VERSION = '2.0.1';

function configuration() {
  const repository = path.resolve(HERE, '..', '..');
  const rolec = process.env.ROLEC;
  const groqjs = process.env.GROQJS;
  if (!rolec || !groqjs) {
    console.error('usage: ROLEC=path/to/rolec GROQJS=path/to/node_modules/groq-js [ROLEC_SHARED_DIR=../shared] node run.mjs [--seed N] [--all]');
    process.exit(2);
  }
  const sharedDir = process.env.ROLEC_SHARED_DIR || path.resolve(repository, '..', 'shared');
  const seedAt = process.argv.indexOf('--seed');
  const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) {
    console.error('--seed takes an integer');
    process.exit(2);
  }
  return { rolec: path.resolve(rolec), groqjsDir: path.resolve(groqjs), suiteDir: path.join(sharedDir, 'groq-suite'), seed };
}

async function timed(work) {
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

function summaryLine(section, sorted) {
  const listed = sorted.listed.length;
  const agree = section.compared - section.disagreements.length;
  const bugs = sorted.bugs.length ? `, ${sorted.bugs.length} open bugs` : '';
  return `${section.name}: ${section.compared} compared, ${agree} agree, ${listed} listed differences, ${sorted.unlisted.length} unlisted${bugs}`;
}

function printDisagreement(prefix, disagreement) {
  console.log(`${prefix}[${disagreement.section}] ${JSON.stringify(disagreement.query.trim())}${disagreement.where ? `  (${disagreement.where})` : ''}`);
  console.log(`      rolec:  ${disagreement.rolec}`);
  console.log(`      groq-js: ${disagreement.groqjs}`);
  if (disagreement.suite !== undefined) console.log(`      suite:  ${disagreement.suite}`);
}

async function main() {
  const config = configuration();
  const groq = await loadGroqJs(config.groqjsDir);
  const known = loadKnown(path.join(HERE, 'known-differences.json'));
  const scratch = makeScratchDir();
  const context = { rolec: config.rolec, groq, suiteDir: config.suiteDir, scratch, seed: config.seed };
  console.log(`rolec ${config.rolec}, groq-js ${groq.version}, suite ${config.suiteDir}, seed ${config.seed}`);
  if (groq.version !== GROQJS_VERSION) {
    console.log(`warning: known-differences.json describes groq-js ${GROQJS_VERSION}, not ${groq.version}`);
  }

  const start = performance.now();
  const unlisted = [];
  const bugs = [];
  try {
    const runs = [
      () => expressionSection(context).then((section) => [section]),
      () => filterSection(context).then((section) => [section]),
      () => parseSection(context).then((section) => [section]),
      () => generatedSections(context),
    ];
    for (const run of runs) {
      const { result: sections, seconds } = await timed(run);
      for (const section of sections) {
        const tagged = section.disagreements.map((disagreement) => ({ ...disagreement, section: section.name }));
        const sorted = classify(known, section.name, tagged);
        console.log(summaryLine(section, sorted));
        for (const note of section.notes) console.log(`  ${note}`);
        unlisted.push(...sorted.unlisted);
        bugs.push(...sorted.bugs);
      }
      console.log(`  (${seconds.toFixed(1)} s)`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  // With another seed the generated queries differ, so only the suite's entries can be
  // held to occurring.
  const checked = config.seed === DEFAULT_SEED ? [...SUITE_SECTIONS, ...GENERATED_SECTIONS] : SUITE_SECTIONS;
  const stale = staleEntries(known, checked);
  printEntryCounts(known);
  report({ unlisted, bugs, stale, seconds: (performance.now() - start) / 1000 });
  process.exitCode = unlisted.length > 0 || stale.length > 0 ? 1 : 0;
}

// How many cases each entry took, so that a growing or shrinking difference shows.
function printEntryCounts(known) {
  const used = known.filter((entry) => entry.matches > 0);
  if (used.length === 0) return;
  console.log('\nlisted differences and open bugs, by entry:');
  for (const entry of used) {
    const what = entry.query !== undefined ? JSON.stringify(entry.query.trim()) : `/${entry.pattern}/`;
    console.log(`  ${String(entry.matches).padStart(4)}  ${entry.bug ? 'bug ' : ''}[${entry.section}] ${what}`);
  }
}

function report({ unlisted, bugs, stale, seconds }) {
  if (bugs.length > 0) {
    const entries = [...new Set(bugs.map((bug) => bug.entry))];
    console.log(`\n!!! open bugs: ${entries.length} (rolec differs from groq-js and from the specification; ${bugs.length} cases)`);
    for (const entry of entries) {
      console.log(`  - [${entry.section}] ${entry.query ?? `/${entry.pattern}/`}: ${entry.reason}`);
      printDisagreement('    e.g. ', bugs.find((bug) => bug.entry === entry));
    }
  }
  if (unlisted.length > 0) {
    const shown = process.argv.includes('--all') ? unlisted.length : Math.min(SHOWN_UNLISTED, unlisted.length);
    console.log(`\nFAIL: ${unlisted.length} disagreements are not in known-differences.json; the first ${shown} (--all shows all):`);
    for (const disagreement of unlisted.slice(0, shown)) printDisagreement('  ', disagreement);
  }
  if (stale.length > 0) {
    console.log(`\nFAIL: ${stale.length} entries of known-differences.json no longer occur (remove them):`);
    for (const entry of stale) console.log(`  [${entry.section}] ${entry.query !== undefined ? JSON.stringify(entry.query) : `/${entry.pattern}/`}`);
  }
  const verdict = unlisted.length === 0 && stale.length === 0 ? 'PASS' : 'FAIL';
  console.log(`\n${verdict} in ${seconds.toFixed(1)} s`);
}

await main().catch((error) => {
  console.error(`could not run: ${error.stack ?? error}`);
  process.exitCode = 2;
});
