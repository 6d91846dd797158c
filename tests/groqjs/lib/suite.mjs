// The three sections that run the official suite's data (ROLEC_SHARED_DIR/groq-suite)
// through both engines. The data is read where it lies, never copied.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { canonicalJson, describeOutcome, sameJson, sameOutcome } from './compare.mjs';
import {
  FIXED_IDENTITY, FIXED_NOW, groqJsEvaluate, groqJsParses, mapLimited, rolecEvaluateBatch, rolecParseBatch, rolecSelect,
} from './engines.mjs';

export function readNdjson(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim().length > 0).map((line) => JSON.parse(line));
}

const byId = (a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

function suiteExpectation(testCase) {
  return testCase.valid === false ? 'rejected' : canonicalJson(testCase.result);
}

// Whether an outcome is what the suite expects: a rejection for an invalid case, the
// expected value otherwise.
function meetsSuite(testCase, outcome) {
  return testCase.valid === false ? !outcome.ok : outcome.ok && sameJson(outcome.value, testCase.result);
}

// How many cases each engine gets right by the suite: the differences are only half the
// story without it.
function suiteScore(total, rolecPassed, groqjsPassed) {
  return `against the suite's expectations: rolec passes ${rolecPassed} of ${total}, groq-js ${groqjsPassed}`;
}

// 1. Every expression case, with its parameters, `@` = null and no dataset.
export async function expressionSection({ rolec, groq, suiteDir, scratch }) {
  const cases = readNdjson(path.join(suiteDir, 'expression-cases.ndjson'));
  const rolecOutcomes = await rolecEvaluateBatch(rolec, scratch, 'expressions', cases);
  const disagreements = [];
  const passed = { rolec: 0, groqjs: 0 };
  for (const [index, testCase] of cases.entries()) {
    const groqjs = await groqJsEvaluate(groq, testCase.query, { params: testCase.params });
    passed.rolec += meetsSuite(testCase, rolecOutcomes[index]) ? 1 : 0;
    passed.groqjs += meetsSuite(testCase, groqjs) ? 1 : 0;
    if (sameOutcome(rolecOutcomes[index], groqjs)) continue;
    disagreements.push({
      query: testCase.query,
      rolec: describeOutcome(rolecOutcomes[index]),
      groqjs: describeOutcome(groqjs),
      suite: suiteExpectation(testCase),
      where: testCase.test,
    });
  }
  return {
    name: 'expressions',
    compared: cases.length,
    disagreements,
    notes: [`now() is ${FIXED_NOW} and identity() ${JSON.stringify(FIXED_IDENTITY)} in both engines`,
      suiteScore(cases.length, passed.rolec, passed.groqjs)],
  };
}

// 2. Every filter of every selection case: the documents of its dataset each engine
// selects. A filter that several cases share over the same dataset and parameters is
// evaluated once.
export async function filterSection({ rolec, groq, suiteDir, scratch }) {
  const cases = readNdjson(path.join(suiteDir, 'filter-selection-cases.ndjson'));
  const datasets = new Map(readNdjson(path.join(suiteDir, 'datasets.ndjson'))
    .map((dataset) => [dataset._id, [...dataset.documents].sort(byId)]));
  const files = writeDatasets(datasets, scratch);
  const jobs = distinctFilters(cases);
  // Each rolec run is a short process; several at once hide the start-up cost.
  const workers = Math.max(2, os.availableParallelism() * 2);
  const rolecOutcomes = await mapLimited(jobs, workers,
    (job) => rolecSelect(rolec, job.filter, files.get(job.dataset), job.params));
  const disagreements = [];
  for (const [index, job] of jobs.entries()) {
    job.rolec = rolecOutcomes[index];
    job.groqjs = await groqJsSelect(groq, job, datasets.get(job.dataset));
    if (sameOutcome(job.rolec, job.groqjs)) continue;
    disagreements.push({
      query: job.filter,
      rolec: describeOutcome(job.rolec),
      groqjs: describeOutcome(job.groqjs),
      suite: job.filterCount === 1 ? canonicalJson(job.selected) : `${canonicalJson(job.selected)} for all ${job.filterCount} filters together`,
      where: `${job.test} (dataset ${job.dataset.slice(0, 8)})`,
    });
  }
  const filterCount = cases.reduce((sum, testCase) => sum + testCase.filters.length, 0);
  const byKey = new Map(jobs.map((job) => [job.key, job]));
  const passes = (engine) => cases.filter((testCase) => selectsAsSuite(testCase, byKey, engine)).length;
  return {
    name: 'filters',
    compared: jobs.length,
    disagreements,
    notes: [`the ${filterCount} filters of ${cases.length} cases, ${jobs.length} distinct by filter, dataset and parameters`,
      `${cases.filter((testCase) => testCase.params).length} cases carry parameters; rolec takes them with --params, so none is left out`,
      suiteScore(cases.length, passes('rolec'), passes('groqjs'))],
  };
}

// A case passes when the documents every filter selects are exactly the suite's; a
// filter that fails to evaluate selects nothing.
function selectsAsSuite(testCase, byKey, engine) {
  let selected = null;
  for (const filter of testCase.filters) {
    const outcome = byKey.get(filterKey(filter, testCase))[engine];
    const ids = new Set(outcome.ok ? outcome.value : []);
    selected = selected === null ? ids : new Set([...selected].filter((id) => ids.has(id)));
  }
  return sameJson([...selected].sort(), [...testCase.selected].sort());
}

function writeDatasets(datasets, scratch) {
  const files = new Map();
  for (const [id, documents] of datasets) {
    const file = path.join(scratch, `dataset-${id}.ndjson`);
    fs.writeFileSync(file, documents.map((document) => JSON.stringify(document)).join('\n') + '\n');
    files.set(id, file);
  }
  return files;
}

const filterKey = (filter, testCase) => JSON.stringify([filter, testCase.dataset, testCase.params ?? null]);

function distinctFilters(cases) {
  const jobs = new Map();
  for (const testCase of cases) {
    for (const filter of testCase.filters) {
      const key = filterKey(filter, testCase);
      if (jobs.has(key)) continue;
      jobs.set(key, {
        key,
        filter,
        dataset: testCase.dataset,
        params: testCase.params ?? null,
        test: testCase.test,
        selected: testCase.selected,
        filterCount: testCase.filters.length,
      });
    }
  }
  return [...jobs.values()];
}

// groq-js selects with `*[filter]` over the dataset, as Studio filters documents. The
// newline keeps a trailing `//` comment of the filter from swallowing the bracket.
async function groqJsSelect(groq, job, documents) {
  const outcome = await groqJsEvaluate(groq, `*[${job.filter}\n]._id`, { params: job.params, dataset: documents });
  return outcome.ok ? { ok: true, value: [...outcome.value].sort() } : outcome;
}

// 3. Whether each query of the suite is valid. rolec's query mode takes the whole
// GROQ-1 language, so every case is in scope. A case is checked with the parameters its
// test has in the other files of the suite, as rolec's conformance test does (an
// undefined `$name` is then an error); a test without that record is checked without a
// parameter list.
export async function parseSection({ rolec, groq, suiteDir, scratch }) {
  const cases = readNdjson(path.join(suiteDir, 'parse-cases.ndjson'));
  const recorded = recordedParameters(suiteDir);
  const groups = groupBy(cases.entries(), ([, testCase]) => JSON.stringify(recorded.get(testCase.test) ?? null));
  const rolecVerdicts = new Array(cases.length);
  for (const [groupIndex, [key, members]] of [...groups].entries()) {
    const verdicts = await rolecParseBatch(rolec, scratch, `parse-${groupIndex}`,
      members.map(([, testCase]) => testCase.query), JSON.parse(key));
    members.forEach(([index], position) => { rolecVerdicts[index] = verdicts[position]; });
  }
  const disagreements = [];
  const passed = { rolec: 0, groqjs: 0 };
  for (const [index, testCase] of cases.entries()) {
    const groqjs = groqJsParses(groq, testCase.query, recorded.get(testCase.test));
    passed.rolec += rolecVerdicts[index].valid === testCase.valid ? 1 : 0;
    passed.groqjs += groqjs.valid === testCase.valid ? 1 : 0;
    if (groqjs.valid === rolecVerdicts[index].valid) continue;
    disagreements.push({
      query: testCase.query,
      rolec: describeVerdict(rolecVerdicts[index]),
      groqjs: describeVerdict(groqjs),
      suite: testCase.valid ? 'valid' : 'invalid',
      where: testCase.test,
    });
  }
  return {
    name: 'parse',
    compared: cases.length,
    disagreements,
    notes: ['0 out of scope: rolec\'s query mode takes the whole GROQ-1 language (joins, subqueries, pipes, custom functions)',
      `${cases.filter((testCase) => recorded.has(testCase.test)).length} cases checked with the parameters their test records, the others without a parameter list`,
      suiteScore(cases.length, passed.rolec, passed.groqjs)],
  };
}

// The parameters each test of the expression and selection files gives (an empty set
// when it gives none), merged over the test's cases.
function recordedParameters(suiteDir) {
  const recorded = new Map();
  for (const file of ['expression-cases.ndjson', 'filter-selection-cases.ndjson']) {
    for (const testCase of readNdjson(path.join(suiteDir, file))) {
      recorded.set(testCase.test, { ...recorded.get(testCase.test), ...testCase.params });
    }
  }
  return recorded;
}

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}

function describeVerdict(verdict) {
  return verdict.valid ? 'valid' : `invalid: ${verdict.error}`;
}
