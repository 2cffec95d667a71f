import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { openingView, playMeta } from './opening';

const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const example = compileScenario(EXAMPLE, readFileSync(EXAMPLE, 'utf8')).scenario!;

describe('openingView', () => {
	it('shows the opening lines and the first replies', () => {
		const first = openingView(example);
		expect(first.view.node).toBe('d1');
		expect(first.view.context.transcript.map((e) => e.node)).toEqual(['open']);
		expect(first.view.replies.map((r) => r.id)).toEqual(['calm', 'blame']);
		expect(first.input).toBe('buttons');
	});
	it('opens at a chosen decision with a chosen mood', () => {
		const first = openingView(example, { node: 'd2', mood: 30 });
		expect(first.view.node).toBe('d2');
		expect(first.view.context.play.mood).toBe(30);
		expect(first.view.context.transcript).toEqual([]);
	});
	it('says who speaks', () => {
		expect(playMeta(example)).toMatchObject({ id: 'example-late-parcel', version: example.version, customer: example.meta.persona.name });
	});
});
