// The committed JSON Schema must be exactly what the zod schema generates.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/lib/scenario/schema';

it('static/schema/scenario.schema.json is up to date (run `npm run schema`)', () => {
	const committed = JSON.parse(readFileSync('static/schema/scenario.schema.json', 'utf8'));
	expect(committed).toEqual(scenarioJsonSchema());
});

it('the JSON Schema lists the domain codes and refuses unknown fields', () => {
	const text = JSON.stringify(scenarioJsonSchema());
	for (const code of ['info', 'demand', 'listen', 'propose', 'promise', 'confirm', 'empathy', 'apology', 'thanks', 'argue', 'blame', 'lecture', 'dismiss', 'overpromise', 'informal'])
		expect(text).toContain(`"${code}"`);
	expect(text).toContain('"additionalProperties":false');
});
