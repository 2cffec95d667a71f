import { describe, expect, it } from 'vitest';
import { shippedRules, shippedRulesText } from '../../../tests/fixtures/analyzer/load';
import type { Code } from '../domain';
import { analyze } from './analyze';
import { learnedFindings, modelToYaml, ngrams, parseWeights, train } from './learned';
import { compileRules } from './rules';

const rows = [
	{ text: '这个真的没办法了', codes: new Set<Code>(['dismiss']) },
	{ text: '我们也没办法处理', codes: new Set<Code>(['dismiss']) },
	{ text: '实在没办法,您再等等', codes: new Set<Code>(['dismiss']) },
	{ text: '我马上给您退款', codes: new Set<Code>(['propose']) },
	{ text: '给您退款到原卡', codes: new Set<Code>(['propose']) },
	{ text: '谢谢您的耐心', codes: new Set<Code>(['thanks']) }
];
const options = { n: [2, 3], l2: 0.001, epochs: 300, rate: 1, minCount: 2, keep: 50, threshold: 0.5 };

describe('learned complement', () => {
	it('n-grams skip masked words, blanks and punctuation-only grams', () => {
		expect([...ngrams('好,\u0000\u0000谢谢', [2]).keys()]).toEqual(['好,', '谢谢']);
	});

	it('learns from labelled rows and quotes the n-grams that weighed most', () => {
		const model = train(rows, ['dismiss', 'propose'], options);
		const found = learnedFindings('这事没办法', model, ['dismiss', 'propose']);
		expect(found.map((f) => f.code)).toEqual(['dismiss']);
		const [s, e] = found[0].spans[0];
		expect('这事没办法'.slice(s, e)).toMatch(/办法|没办/);
	});

	it('round-trips through the rules file and only adds codes, with evidence from the reply', () => {
		const model = train(rows, ['dismiss'], options);
		expect(parseWeights(`a:1 b:-0.5`)).toEqual({ a: 1, b: -0.5 });
		expect(typeof parseWeights('oops')).toBe('string');
		const text = shippedRulesText().trimEnd() + '\n' + modelToYaml(model);
		const { rules, diagnostics } = compileRules('phrases.yaml', text);
		expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
		expect(rules!.learned!.codes.dismiss).toBeDefined();
		// A reply the rules read as nothing but the model reads as dismiss.
		const reply = '这个呀，真的是没得办法啦';
		const plain = analyze(reply, shippedRules());
		const withModel = analyze(reply, rules!);
		for (const c of [...plain.moves, ...plain.flags]) expect([...withModel.moves, ...withModel.flags]).toContain(c);
		if (withModel.learned?.includes('dismiss')) for (const w of withModel.evidence.dismiss!) expect(reply).toContain(w);
	});
});
