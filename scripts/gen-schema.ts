// Writes static/schema/{scenario,quiz}.schema.json from the zod schemas (never edit the JSON by hand).
import { mkdirSync, writeFileSync } from 'node:fs';
import { quizJsonSchema } from '../src/lib/quiz/schema';
import { scenarioJsonSchema } from '../src/lib/scenario/schema';

mkdirSync('static/schema', { recursive: true });
writeFileSync('static/schema/scenario.schema.json', JSON.stringify(scenarioJsonSchema(), null, '\t') + '\n');
writeFileSync('static/schema/quiz.schema.json', JSON.stringify(quizJsonSchema(), null, '\t') + '\n');
