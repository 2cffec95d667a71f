// The committed JSON Schemas must be exactly what the zod schemas generate.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { quizJsonSchema } from '../../src/lib/quiz/schema';
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

it('static/schema/quiz.schema.json is up to date (run `npm run schema`)', () => {
	const committed = JSON.parse(readFileSync('static/schema/quiz.schema.json', 'utf8'));
	expect(committed).toEqual(quizJsonSchema());
});

it('the quiz JSON Schema lists the codes, topics and question types, and refuses unknown fields', () => {
	const text = JSON.stringify(quizJsonSchema());
	for (const v of ['informal', 'overpromise', 'emotion-stages', 'eight-d', 'single', 'likert', 'case', 'self-assessment', 'all-or-nothing']) expect(text).toContain(`"${v}"`);
	expect(text).toContain('"additionalProperties":false');
});
