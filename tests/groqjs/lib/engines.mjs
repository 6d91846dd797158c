// The two engines behind one shape: every evaluation ends in an outcome, either
// { ok: true, value } with plain JSON data or { ok: false, error } with a message.
// Both engines get the same fixed clock and identity, so that now() and identity()
// can be compared exactly.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const FIXED_NOW = '2026-01-02T03:04:05.678Z';
export const FIXED_IDENTITY = 'user-a1b2';

// ---------------------------------------------------------------- groq-js

// Loads the package's main entry as its package.json `exports` names it, so that a
// different build layout of the same version still resolves.
export async function loadGroqJs(packageDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const exported = manifest.exports;
  const entry = typeof exported === 'string' ? exported
    : exported?.['.']?.import ?? exported?.['.']?.default ?? exported?.['.'] ?? manifest.main;
  if (typeof entry !== 'string') throw new Error(`no ES module entry in ${packageDir}/package.json`);
  const module = await import(pathToFileURL(path.join(packageDir, entry)).href);
  return { version: manifest.version, parse: module.parse, evaluate: module.evaluate };
}

// groq-js takes parameters at parse time (it substitutes them into the tree) and again
// at evaluation; a missing parameter list is an empty one, as for rolec.
export async function groqJsEvaluate(groq, query, { params = null, dataset } = {}) {
  try {
    const options = { params: params ?? {} };
    const tree = groq.parse(query, options);
    const value = await groq.evaluate(tree, {
      ...options,
      dataset,
      timestamp: new Date(FIXED_NOW),
      identity: FIXED_IDENTITY,
    });
    return { ok: true, value: toPlainJson(await value.get()) };
  } catch (error) {
    return { ok: false, error: String(error?.message ?? error) };
  }
}

export function groqJsParses(groq, query, params = null) {
  try {
    groq.parse(query, { params: params ?? {} });
    return { valid: true };
  } catch (error) {
    return { valid: false, error: String(error?.message ?? error) };
  }
}

// groq-js hands back class instances (date-times) and may produce undefined; the JSON
// round trip turns them into what a client of the engine would receive.
function toPlainJson(value) {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

// ---------------------------------------------------------------- rolec

export function makeScratchDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rolec-groqjs-'));
}

function runRolec(binary, args) {
  return new Promise((resolve) => {
    execFile(binary, args, { maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function parseJsonLines(text) {
  return text.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line));
}

// One `groq eval --batch` run for many queries: far cheaper than a process per query.
// Exit status 1 only says that some line failed; those lines carry their own error.
export async function rolecEvaluateBatch(binary, scratch, name, cases) {
  const file = path.join(scratch, `${name}.jsonl`);
  const lines = cases.map(({ query, params }) => JSON.stringify(params ? { query, params } : { query }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const run = await runRolec(binary, ['groq', 'eval', '--batch', file, '--now', FIXED_NOW, '--identity', FIXED_IDENTITY]);
  if (run.status !== 0 && run.status !== 1) throw new Error(`rolec groq eval --batch failed (${run.status}): ${run.stderr}`);
  const outcomes = new Array(cases.length);
  for (const row of parseJsonLines(run.stdout)) {
    outcomes[row.index] = 'error' in row ? { ok: false, error: row.error } : { ok: true, value: row.result };
  }
  // findIndex visits the holes a missing output line leaves, too.
  const missing = outcomes.findIndex((outcome) => outcome === undefined);
  if (missing >= 0) throw new Error(`rolec groq eval --batch printed no line for case ${missing} of ${name}`);
  return outcomes;
}

// `groq parse --batch` takes one JSON string per line and answers `valid` per index.
// With `params`, a `$name` that is not one of them makes the query invalid.
export async function rolecParseBatch(binary, scratch, name, queries, params = null) {
  const file = path.join(scratch, `${name}.jsonl`);
  fs.writeFileSync(file, queries.map((query) => JSON.stringify(query)).join('\n') + '\n');
  const args = ['groq', 'parse', '--mode', 'query', '--batch', file, '--format', 'json'];
  if (params) args.push('--params', JSON.stringify(params));
  const run = await runRolec(binary, args);
  if (run.status !== 0 && run.status !== 1) throw new Error(`rolec groq parse --batch failed (${run.status}): ${run.stderr}`);
  const verdicts = new Array(queries.length);
  for (const row of parseJsonLines(run.stdout)) {
    verdicts[row.index] = { valid: row.valid, error: row.diagnostics?.[0]?.message };
  }
  const missing = verdicts.findIndex((verdict) => verdict === undefined);
  if (missing >= 0) throw new Error(`rolec groq parse --batch printed no line for case ${missing} of ${name}`);
  return verdicts;
}

// `groq eval FILTER --documents FILE` prints the _id of each document the filter is
// exactly true for. One thread per process: the processes themselves run in parallel.
export async function rolecSelect(binary, filter, documentsFile, params) {
  const args = ['groq', 'eval', filter, '--documents', documentsFile, '--threads', '1',
    '--now', FIXED_NOW, '--identity', FIXED_IDENTITY];
  if (params) args.push('--params', JSON.stringify(params));
  const run = await runRolec(binary, args);
  if (run.status === 0) return { ok: true, value: run.stdout.split('\n').filter((id) => id.length > 0).sort() };
  if (run.status === 1) return { ok: false, error: firstLine(run.stderr) };
  throw new Error(`rolec groq eval --documents failed (${run.status}) on ${JSON.stringify(filter)}: ${run.stderr}`);
}

function firstLine(text) {
  return text.split('\n').find((line) => line.trim().length > 0) ?? '(no message)';
}

// Runs `work` over `items` with at most `limit` at a time, keeping the order of results.
export async function mapLimited(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
