import { describe, expect, it } from 'vitest';
import { DIMENSIONS, type Dimension } from '../domain';
import { checkFile, scenarioFiles } from '../scenario/files';
import { bestReply } from '../scoring/score';
import { checkQuizFile, quizFiles } from '../quiz/files';
import type { CompiledQuiz } from '../quiz/types';
import { DIMENSION_CODES, practiceFor, quizzesFor, weakest } from './next-step';

const trend = (scores: Partial<Record<Dimension, (number | null)[]>>) =>
	Object.fromEntries(DIMENSIONS.map((d) => [d, (scores[d] ?? []).map((score) => ({ score }))])) as Record<Dimension, { score: number | null }[]>;

describe('weakest', () => {
	it('judges on the latest scores, ignoring turns with no chance to show a dimension', () => {
		// listen was weak long ago but is good lately; propose is weak now.
		expect(weakest(trend({ listen: [10, 10, 90, 90, 90], propose: [70, null, 40, 50], info: [80] }))).toEqual({ dimension: 'propose', mean: 53, count: 3 });
	});
	it('says nothing before any score', () => {
		expect(weakest(trend({ info: [null] }))).toBeNull();
	});
});

describe('practiceFor', () => {
	const shipped = scenarioFiles('scenarios').map((f) => checkFile(f).scenario!);
	it('finds, for every dimension, shipped decisions whose best reply practises it, easier scenarios first', () => {
		for (const d of DIMENSIONS) {
			const found = practiceFor(d, shipped);
			expect(found.length, d).toBeGreaterThan(0);
			for (const p of found) {
				const s = shipped.find((x) => x.meta.id === p.scenarioId)!;
				const node = s.nodes[p.decision];
				expect(node.type === 'decision' && DIMENSION_CODES[d].some((c) => bestReply(node).moves[c])).toBe(true);
			}
			const levels = found.map((p) => ({ easy: 0, medium: 1, hard: 2 })[p.difficulty]);
			expect(levels).toEqual([...levels].sort());
		}
	});
});

describe('quizzesFor', () => {
	const quizzes = quizFiles('scenarios/quizzes').map((f) => checkQuizFile(f).quiz!);
	it('names knowledge quizzes whose questions test the dimension, with their topics, never a self-assessment', () => {
		for (const d of DIMENSIONS) {
			for (const q of quizzesFor(d, quizzes)) {
				const quiz = quizzes.find((x) => x.id === q.quizId)!;
				expect(quiz.kind).toBe('knowledge');
				const hits = quiz.questions.filter((x) => x.codes.some((c) => (DIMENSION_CODES[d] as readonly string[]).includes(c)));
				expect(q.questions, `${d} ${q.quizId}`).toBe(hits.length);
				expect(new Set(q.topics)).toEqual(new Set(hits.flatMap((h) => h.topics)));
			}
		}
		expect(DIMENSIONS.filter((d) => quizzesFor(d, quizzes).length)).toEqual([...DIMENSIONS]);
	});
	it('puts the quiz with the most questions on the dimension first, and its most frequent topic first', () => {
		const q = (id: string, kind: CompiledQuiz['kind'], qs: [string[], string[]][]) =>
			({ id, title: id, kind, questions: qs.map(([codes, topics], i) => ({ id: `${id}${i}`, codes, topics })) }) as unknown as CompiledQuiz;
		const found = quizzesFor('listen', [
			q('a', 'knowledge', [[['listen'], ['techniques']], [['info'], ['idlppc']]]),
			q('b', 'knowledge', [[['listen'], ['idlppc']], [['listen'], ['mistakes']], [['listen'], ['mistakes']]]),
			q('c', 'self-assessment', [[['listen'], ['idlppc']], [['listen'], ['idlppc']], [['listen'], ['idlppc']], [['listen'], ['idlppc']]])
		]);
		expect(found.map((f) => [f.quizId, f.questions, f.topics[0]])).toEqual([['b', 3, 'mistakes'], ['a', 1, 'techniques']]);
	});
});
