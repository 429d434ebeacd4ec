#!/usr/bin/env node
// Long-lived validator for the test suite: reads one JSON request per line on stdin
// ({"id": n, "doc": "<yaml or json text>", "examples": bool}) and answers one JSON line
// per request with the official @asyncapi/parser's diagnostics (plus, with "examples",
// every message example checked against its payload schema, which the parser does not do
// for AsyncAPI 3.x). Loaded from the project's own node_modules (package-lock.json).
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const { Parser } = require('@asyncapi/parser');
const Ajv = require('ajv').default;

const parser = new Parser();
const SEVERITY = ['error', 'warning', 'info', 'hint'];

function exampleProblems(document) {
  const out = [];
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const msg of document.allMessages()) {
    const payload = msg.payload();
    if (!payload || msg.examples().all().length === 0) continue;
    let check;
    try {
      check = ajv.compile(payload.json());
    } catch (e) {
      // The parser dereferences $refs into JS objects; a recursive payload becomes a cycle
      // that Ajv cannot compile. Such examples are checked by the Python-side validation.
      if (e instanceof RangeError) continue;
      out.push(`message ${msg.id()}: payload schema does not compile: ${e.message}`);
      continue;
    }
    msg.examples().all().forEach((ex, i) => {
      const value = ex.payload();
      if (value !== undefined && !check(value)) {
        const why = check.errors.map((er) => `${er.instancePath || '/'} ${er.message}`).join('; ');
        out.push(`message ${msg.id()} example ${i}: ${why}`);
      }
    });
  }
  return out;
}

const rl = createInterface({ input: process.stdin, terminal: false });
const queue = [];
let busy = false;
async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const line = queue.shift();
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      process.stdout.write(JSON.stringify({ id: null, errors: [`bad request: ${e.message}`] }) + '\n');
      continue;
    }
    const errors = [];
    const warnings = [];
    try {
      const { document, diagnostics } = await parser.parse(req.doc);
      for (const d of diagnostics) {
        const text = `${SEVERITY[d.severity]} ${d.code}: ${d.message} at /${(d.path || []).join('/')}`;
        if (d.severity === 0) errors.push(text);
        else if (d.severity === 1) warnings.push(text);
      }
      if (!document && errors.length === 0) errors.push('parser returned no document');
      if (document && req.examples) errors.push(...exampleProblems(document));
    } catch (e) {
      errors.push(`parser crashed: ${e.stack || e}`);
    }
    process.stdout.write(JSON.stringify({ id: req.id, errors, warnings }) + '\n');
  }
  busy = false;
}
rl.on('line', (line) => { queue.push(line); drain(); });
