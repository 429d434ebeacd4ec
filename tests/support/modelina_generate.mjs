#!/usr/bin/env node
// Generate TypeScript models from an AsyncAPI document with @asyncapi/modelina (pinned in
// package-lock.json): node modelina_generate.mjs SPEC.json OUT_DIR
// Prints the generated model names, one per line, and writes one .ts file per model.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const { TypeScriptFileGenerator } = require('@asyncapi/modelina');

const [specPath, outDir] = process.argv.slice(2);
const input = JSON.parse(readFileSync(specPath, 'utf8'));
const generator = new TypeScriptFileGenerator({ modelType: 'interface', enumType: 'union' });
const models = await generator.generateToFiles(input, outDir, { exportType: 'named' }, true);
for (const model of models) console.log(model.modelName);
