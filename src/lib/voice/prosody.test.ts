import { describe, expect, it } from 'vitest';
import { MOOD_STAGES } from '../domain';
import { ESPEAK_RANGES, espeakArgs, prosody, PROSODY, type Prosody } from './prosody';

const rows = MOOD_STAGES.map((s) => prosody(s.id));

describe('mood stage → prosody', () => {
	it('covers every stage and nothing else', () => {
		expect(Object.keys(PROSODY).sort()).toEqual(MOOD_STAGES.map((s) => s.id).sort());
		for (const r of rows) for (const k of ['rate', 'pitch', 'amplitude', 'gap'] as const) expect(Number.isInteger(r[k])).toBe(true);
	});

	it('gets faster, higher and louder at every stage, and the pauses never grow', () => {
		for (let i = 1; i < rows.length; i++) {
			expect(rows[i].rate).toBeGreaterThan(rows[i - 1].rate);
			expect(rows[i].pitch).toBeGreaterThan(rows[i - 1].pitch);
			expect(rows[i].amplitude).toBeGreaterThan(rows[i - 1].amplitude);
			expect(rows[i].gap).toBeLessThanOrEqual(rows[i - 1].gap);
		}
		expect(rows[0].gap).toBeGreaterThan(rows[rows.length - 1].gap);
	});

	it('calm is slower, lower and softer than espeak-ng’s defaults; shouting is above them', () => {
		const calm = prosody('latent');
		const shouting = prosody('escalated');
		expect(calm.rate).toBeLessThan(175);
		expect(calm.pitch).toBeLessThan(50);
		expect(calm.amplitude).toBeLessThan(100);
		expect(shouting.rate).toBeGreaterThan(175);
		expect(shouting.pitch).toBeGreaterThan(50);
		expect(shouting.amplitude).toBeGreaterThan(100);
	});

	it('stays inside espeak-ng’s ranges', () => {
		for (const r of rows)
			for (const [k, [lo, hi]] of Object.entries(ESPEAK_RANGES) as [keyof Prosody, readonly [number, number]][]) {
				expect(r[k]).toBeGreaterThanOrEqual(lo);
				expect(r[k]).toBeLessThanOrEqual(hi);
			}
	});

	it('gives espeak-ng its options, and refuses an unknown stage', () => {
		expect(espeakArgs('escalated')).toEqual(['-s', '225', '-p', '74', '-a', '170', '-g', '0']);
		expect(() => prosody('furious' as never)).toThrow(/no prosody/);
	});
});
