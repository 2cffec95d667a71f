// The shipped quizzes compile cleanly and meet the bar: a knowledge bank of at least 40
// questions and a self-assessment of at least 12 statements.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listenClipSpecs } from '../../src/lib/quiz/listen';
import { clipName, VOICE_DIR, VOICE_FORMATS } from '../../src/lib/voice/clip-name';
import { MOOD_STAGE_IDS } from '../../src/lib/domain';
import { checkQuizFile, QUIZ_DIR, quizFiles } from '../../src/lib/quiz/files';

const checked = quizFiles(QUIZ_DIR).map((f) => checkQuizFile(f));

for (const c of checked)
	describe(c.file, () => {
		it('compiles with no errors or warnings', () => {
			expect(c.diagnostics).toEqual([]);
		});
	});

it(`${QUIZ_DIR} holds at least 40 knowledge questions and a self-assessment of at least 12 statements`, () => {
	const quizzes = checked.map((c) => c.quiz).filter((q) => q !== null);
	const knowledge = quizzes.filter((q) => q.kind === 'knowledge').reduce((n, q) => n + q.questions.length, 0);
	expect(knowledge).toBeGreaterThanOrEqual(40);
	expect(quizzes.some((q) => q.kind === 'self-assessment' && q.questions.filter((x) => x.type === 'likert').length >= 12)).toBe(true);
});

// 听声辨情 (issue 12): a quiz of at least 12 listen questions, each with a generated clip, that
// covers the six stages, emotions and real needs, and whose options do not give the answer away.
describe('the listen quiz', () => {
	const listen = checked.find((c) => c.quiz?.id === 'listen');
	const questions = (listen?.source?.questions ?? []).filter((q) => q.type === 'listen');

	it('has at least 12 listen questions, each a generated clip, asking all three things', () => {
		expect(listen?.quiz?.kind).toBe('knowledge');
		expect(questions.length).toBeGreaterThanOrEqual(12);
		for (const q of questions) expect(q.say, q.id).toBeDefined();
		for (const ask of ['stage', 'emotion', 'need']) expect(questions.filter((q) => q.ask === ask).length, ask).toBeGreaterThanOrEqual(3);
	});

	it('has every clip generated and committed (npm run voices), so a fresh clone plays them', () => {
		const specs = listenClipSpecs(listen!.quiz!);
		expect(specs.length).toBe(questions.length);
		for (const spec of specs) for (const format of VOICE_FORMATS) expect(existsSync(`${VOICE_DIR}/${clipName(spec.text, spec.stage)}.${format}`), spec.text).toBe(true);
	});

	it('speaks in all six stages and asks for each stage at least once', () => {
		expect(new Set(questions.map((q) => q.say?.stage))).toEqual(new Set(MOOD_STAGE_IDS));
		expect(new Set(questions.filter((q) => q.ask === 'stage').map((q) => q.say?.stage))).toEqual(new Set(MOOD_STAGE_IDS));
	});

	it('no clip is said twice, and no prompt quotes the words the participant must hear', () => {
		const said = questions.map((q) => q.say!.text);
		expect(new Set(said).size).toBe(said.length);
		for (const q of questions) expect(q.prompt, q.id).not.toContain(q.say!.text.slice(0, 12));
	});

	it('written options do not give the answer away: the right one is never strictly the longest, nor always in one place', () => {
		const written = questions.filter((q) => q.options);
		expect(written.length).toBeGreaterThanOrEqual(8);
		for (const q of written) {
			const right = q.options!.find((o) => o.correct)!;
			const longest = q.options!.every((o) => o === right || [...o.text].length < [...right.text].length);
			expect(longest, `${q.id}: the right option is the longest`).toBe(false);
		}
		expect(new Set(written.map((q) => q.options!.findIndex((o) => o.correct))).size).toBeGreaterThanOrEqual(3);
	});
});

// Issue 13, fair quizzes: a question bank of at least 100 questions, drawn per topic by the server,
// over the course's ground; and no shipped quiz gives its answers away by option length (the lint).
describe('the question bank', () => {
	const bank = checked.find((c) => c.quiz?.id === 'bank')?.quiz;

	it('has at least 100 questions and draws from every pool it holds', () => {
		expect(bank?.draw?.length).toBeGreaterThan(0);
		expect(bank!.questions.length).toBeGreaterThanOrEqual(100);
		const pools = new Set(bank!.questions.map((q) => q.topics[0]));
		expect(new Set(bank!.draw!.map((d) => d.topic))).toEqual(pools);
		for (const topic of ['idlppc', 'emotion-stages', 'principles', 'handling-steps', 'mistakes', 'eight-d', 'techniques', 'cases'])
			expect(bank!.questions.filter((q) => q.topics[0] === topic).length, topic).toBeGreaterThanOrEqual(5);
	});

	it('asks about each technique the course names, and first contact', () => {
		const text = JSON.stringify(bank!.questions);
		for (const name of ['极端相反', '愤怒感知', '称谓变通', '迂回暂缓', '多变提问', '内部配合', '不恋战', '自我保护', '首次接触']) expect(text, name).toContain(name);
	});
});
