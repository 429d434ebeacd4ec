// Usage: node generate-models.mjs asyncapi.json src/models
// Writes one TypeScript file per model and prints the model names.
import { readFile } from 'node:fs/promises';
import modelina from '@asyncapi/modelina';

const { TypeScriptFileGenerator } = modelina;
const [specFile, outDir] = process.argv.slice(2);

const generator = new TypeScriptFileGenerator({
  modelType: 'interface', // plain interfaces: nothing to construct or serialise
  enumType: 'union', // enums as string unions, e.g. "cash" | "card"
  rawPropertyNames: true, // keep the wire names: pickup_lat, not pickupLat
  mapType: 'indexedObject',
});

const spec = JSON.parse(await readFile(specFile, 'utf8'));
const models = await generator.generateToFiles(spec, outDir, { exportType: 'named' }, true);
for (const model of models) console.log(model.modelName);
