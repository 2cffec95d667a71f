import { describe, expect, it } from 'vitest';
import { evalSet, shippedRules } from '../../../tests/fixtures/analyzer/load';
import { ALL_CODES } from '../domain';
import type { Analysis } from './analyze';
import { evaluate, parseLabelledReplies, score, type LabelledReply } from './evaluate';

const found = (moves: Analysis['moves'], flags: Analysis['flags'] = []): Analysis => ({ moves, flags, evidence: {}, question: false });

describe('evaluate', () => {
	const rows: LabelledReply[] = [
		{ id: 'a', text: '…', moves: ['info', 'apology'], flags: [] },
		{ id: 'b', text: '…', moves: ['info'], flags: ['blame'] },
		{ id: 'c', text: '…', moves: [], flags: ['blame'] },
		{ id: 'd', text: '…', moves: ['apology'], flags: [] }
	];
	const analyses = [found(['info', 'apology']), found(['info', 'thanks']), found([], ['blame']), found([])];
	const e = evaluate(rows, shippedRules(), analyses);

	it('counts true positives, false positives and false negatives per code', () => {
		expect(e.perCode.info).toMatchObject({ tp: 2, fp: 0, fn: 0, support: 2, precision: 1, recall: 1, f1: 1 });
		expect(e.perCode.apology).toMatchObject({ tp: 1, fp: 0, fn: 1, support: 2, precision: 1, recall: 0.5 });
		expect(e.perCode.apology.f1).toBeCloseTo(2 / 3);
		expect(e.perCode.blame).toMatchObject({ tp: 1, fp: 0, fn: 1, recall: 0.5 });
		expect(e.perCode.thanks).toMatchObject({ tp: 0, fp: 1, fn: 0, support: 0, precision: 0, recall: 1, f1: 0 });
	});

	it('pools counts for micro and averages the codes in play for macro', () => {
		// tp 4 (info 2, apology 1, blame 1), fp 1 (thanks), fn 2 (apology, blame).
		expect(e.micro).toMatchObject({ tp: 4, fp: 1, fn: 2 });
		expect(e.micro.precision).toBeCloseTo(4 / 5);
		expect(e.micro.recall).toBeCloseTo(4 / 6);
		expect(e.micro.f1).toBeCloseTo((2 * 0.8 * (4 / 6)) / (0.8 + 4 / 6));
		// Codes in play: info (1), apology (2/3), blame (2/3), thanks (0); the other 11 are skipped.
		expect(e.macro.f1).toBeCloseTo((1 + 2 / 3 + 2 / 3 + 0) / 4);
	});

	it('lists the rows that differ from their labels', () => {
		expect(e.mistakes).toEqual([
			{ id: 'b', text: '…', missing: ['blame'], extra: ['thanks'] },
			{ id: 'd', text: '…', missing: ['apology'], extra: [] }
		]);
	});

	it('score() handles the empty cases without dividing by zero', () => {
		expect(score(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
		expect(score(0, 2, 3)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
	});
});

describe('parseLabelledReplies', () => {
	it('reads JSON Lines, skipping blank lines', () => {
		const rows = parseLabelledReplies('{"id":"a","text":"您好","moves":["info"],"flags":[]}\n\n{"id":"b","text":"嗯","moves":[],"flags":["dismiss"],"split":"tune"}\n');
		expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
	});

	it('names the line of a bad row', () => {
		expect(() => parseLabelledReplies('{"id":"a","text":"x","moves":[],"flags":[]}\n{oops')).toThrow(/^line 2: not JSON/);
		expect(() => parseLabelledReplies('{"id":"a","text":"x","moves":["sorry"],"flags":[]}')).toThrow(/^line 1: moves\.0: /);
		expect(() => parseLabelledReplies('{"id":"a","text":"x","moves":[],"flags":[]}\n{"id":"a","text":"y","moves":[],"flags":[]}')).toThrow('line 2: duplicate id "a"');
	});
});

describe('the labelled evaluation set', () => {
	const rows = evalSet();

	it('is big and varied enough to mean something', () => {
		expect(rows.length).toBeGreaterThanOrEqual(150);
		expect(new Set(rows.map((r) => r.industry)).size).toBeGreaterThanOrEqual(8);
		expect(rows.filter((r) => r.split === 'holdout').length).toBeGreaterThanOrEqual(40);
		expect(rows.filter((r) => !r.moves.length && r.flags.length).length, 'bad replies').toBeGreaterThanOrEqual(30);
		expect(rows.filter((r) => r.moves.length && !r.flags.length).length, 'good replies').toBeGreaterThanOrEqual(30);
		for (const code of ALL_CODES) expect(rows.filter((r) => [...r.moves, ...r.flags].includes(code)).length, code).toBeGreaterThanOrEqual(10);
	});

	it('the analyzer keeps a micro-F1 floor on the tune split (measured well above it; see npm run bench)', () => {
		const tune = evaluate(rows.filter((r) => r.split === 'tune'), shippedRules());
		expect(tune.micro.f1).toBeGreaterThanOrEqual(0.9);
	});
});
