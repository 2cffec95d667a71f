// The analyzer's node loader and the copy pages send to the browser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalSet, repoRoot } from '../../../tests/fixtures/analyzer/load';
import { analyze } from './analyze';
import { browserCopy, loadAnalyzer, shippedAnalyzer } from './files';
import { parseLabelledReplies } from './evaluate';

describe('browserCopy', () => {
	it('reads every labelled reply exactly as the full analyzer does, and is smaller', () => {
		const full = shippedAnalyzer(repoRoot);
		const lean = browserCopy(full);
		const texts = [
			...evalSet().map((r) => r.text),
			...parseLabelledReplies(readFileSync(`${repoRoot}/tests/fixtures/analyzer/train/writer-c.jsonl`, 'utf8')).map((r) => r.text)
		];
		const shipped = JSON.parse(JSON.stringify(lean));
		for (const t of texts) expect(analyze(t, shipped)).toEqual(analyze(t, full));
		expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(full).length * 0.8);
		expect(JSON.stringify(lean)).not.toContain('"source"');
		expect(lean.model && 'meta' in lean.model).toBe(false);
	});
});

describe('loadAnalyzer', () => {
	it('attaches the learned model beside the rules, and names a broken model with its file', () => {
		expect(shippedAnalyzer(repoRoot).model).toBeDefined();
		const r = loadAnalyzer('tests/fixtures/analyzer/no-such/phrases.yaml', repoRoot);
		expect(r.rules).toBeNull();
		expect(r.diagnostics[0]).toMatchObject({ file: 'tests/fixtures/analyzer/no-such/phrases.yaml', severity: 'error' });
	});
});
