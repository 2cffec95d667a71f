// Writes static/schema/scenario.schema.json from the zod schema (never edit the JSON by hand).
import { mkdirSync, writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../src/lib/scenario/schema';

mkdirSync('static/schema', { recursive: true });
writeFileSync('static/schema/scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, '\t') + '\n');
