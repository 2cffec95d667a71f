// Listen questions (听声辨情, issue 12): the format, the checker's diagnostics at their places, the
// view without the clip's words, grading on the server like single choice with the transcript
// after answering, GIFT's report, and the clip specs the voice generator reads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOOD_STAGES } from '../domain';
import { formatDiagnostic } from '../scenario/types';
import { clipUrls } from '../voice/clip-name';
import { compileQuiz } from './compiler';
import { checkQuizFile } from './files';
import { exportGift, importGift } from './gift';
import { AnswersError, gradeQuiz } from './grade';
import { listenClipSpecs } from './listen';
import { shuffleQuiz } from './shuffle';
import type { CompiledQuiz, QuestionOf } from './types';
import { redactQuiz } from './view';

const head = `id: demo
title: 演示
kind: knowledge
description: 演示用。
questions:
`;
/** Questions start at line 6. */
const problems = (questions: string) => compileQuiz('demo.yaml', head + questions).diagnostics.map(formatDiagnostic);
const compiled = (questions: string): CompiledQuiz => {
	const r = compileQuiz('demo.yaml', head + questions);
	expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
	return r.quiz!;
};

const SAID = '我已经等了一个星期了，你们到底什么时候给我换？';
/** ask: stage, the options left out: the six stages, the clip's stage the right one. */
const stageQ = `  - id: l1
    type: listen
    ask: stage
    prompt: 客户处于哪个阶段？
    say: { text: ${SAID}, stage: potential }
    explanation: 语速快、音量高，在酝酿下一步。
    topics: [emotion-stages]
`;
const needQ = `  - id: l2
    type: listen
    ask: need
    prompt: 客户真正想要什么？
    say:
      text: 钱不钱的无所谓，周五之前修好就行。
      stage: voiced
    options:
      - { text: 赔偿一笔钱, feedback: 他说了钱无所谓。 }
      - { text: 周五前修好, correct: true }
      - { text: 换一个师傅 }
    explanation: 要的是按时解决。
    codes: [demand, listen]
`;
const audioQ = `  - id: l3
    type: listen
    ask: emotion
    prompt: 客户是什么情绪？
    audio: calls/anxious-1.mp3
    transcript: 我妈喘得厉害，你们什么时候来？
    options:
      - { text: 焦虑, correct: true }
      - { text: 愤怒 }
    explanation: 担心家人。
    topics: [emotion-first]
`;

describe('the format', () => {
	it('compiles a generated clip with the six stages as default options, in order, the clip\'s stage right', () => {
		const [q] = compiled(stageQ).questions as QuestionOf<'listen'>[];
		expect(q).toMatchObject({ type: 'listen', ask: 'stage', points: 1, clip: { say: { text: SAID, stage: 'potential' } }, shuffleOptions: false });
		expect(q.options.map((o) => o.text)).toEqual(MOOD_STAGES.map((s) => s.name));
		expect(q.options.filter((o) => o.correct).map((o) => o.text)).toEqual(['潜在投诉']);
	});

	it('compiles written options (shuffled by default) and an authored recording with its transcript', () => {
		const [need, audio] = compiled(needQ + audioQ).questions as QuestionOf<'listen'>[];
		expect(need).toMatchObject({ ask: 'need', shuffleOptions: true, options: [{ text: '赔偿一笔钱', correct: false, feedback: '他说了钱无所谓。' }, { text: '周五前修好', correct: true }, {}] });
		expect(audio).toMatchObject({ ask: 'emotion', clip: { audio: 'calls/anxious-1.mp3', transcript: '我妈喘得厉害，你们什么时候来？' } });
		expect(compiled(needQ.replace('    options:', '    shuffle_options: false\n    options:')).questions[0]).toMatchObject({ shuffleOptions: false });
	});

	it('reports every mistake at its line and column', () => {
		expect(problems(stageQ.replace(/    say: .*\n/, ''))).toEqual([
			'demo.yaml:6:5: question "l1": a listen question needs its clip: say: { text, stage } (the customer\'s words, generated in that stage\'s voice) or audio: <a file under static/audio/>'
		]);
		expect(problems(stageQ.replace('    explanation', '    audio: a.mp3\n    explanation'))).toEqual([
			'demo.yaml:11:12: question "l1": a listen question plays one clip: say: { text, stage } (generated) or audio: <file> (a recording), not both'
		]);
		expect(problems(stageQ.replace('stage: potential', 'stage: furious'))).toEqual([
			'demo.yaml:10:50: question "l1" › say › stage: unknown stage "furious"; expected one of latent, brewing, voiced, potential, complaint, escalated'
		]);
		expect(problems(stageQ.replace('ask: stage', 'ask: mood'))).toEqual(['demo.yaml:8:10: question "l1" › ask: ask must be one of stage, emotion, need']);
		expect(problems(stageQ.replace('ask: stage', 'ask: emotion'))).toEqual([
			'demo.yaml:8:10: question "l1": ask: emotion needs options (only ask: stage may leave them out: the six stages are then the options)'
		]);
		expect(problems(audioQ.replace('ask: emotion', 'ask: stage').replace(/    options:\n(      - .*\n)+/, ''))).toEqual([
			'demo.yaml:6:5: question "l3": without options the right stage is the clip\'s say.stage; for an audio recording, write the options and mark the right one'
		]);
		expect(problems(needQ.replace('{ text: 换一个师傅 }', '{ text: 换一个师傅, correct: true }'))).toEqual([
			'demo.yaml:14:7: question "l2": a listen question needs exactly one option with correct: true (it has 2)'
		]);
		expect(problems(needQ.replace('{ text: 换一个师傅 }', '{ text: 周五前修好 }'))).toEqual(['demo.yaml:16:17: question "l2": option "周五前修好" is there twice']);
		expect(problems(stageQ.replace('    explanation', '    transcript: 原话\n    explanation'))).toEqual([
			'demo.yaml:11:17: question "l1": transcript is for an audio recording; a generated clip\'s transcript is its say.text'
		]);
		expect(problems(stageQ.replace('    explanation', '    shuffle_options: true\n    explanation'))).toEqual([
			'demo.yaml:11:22: question "l1": shuffle_options needs written options (the six default stages keep their order)'
		]);
		expect(problems(audioQ.replace('calls/anxious-1.mp3', '../secret.mp3'))[0]).toMatch(/^demo\.yaml:10:12: question "l3" › audio: audio is a file under static\/audio\/, written relative to it/);
		expect(problems(audioQ.replace('calls/anxious-1.mp3', 'calls/anxious-1.txt'))).toHaveLength(1);
		expect(problems(stageQ.replace('    say:', '    answer: 1\n    say:'))).toEqual(['demo.yaml:10:5: question "l1": unknown field "answer"']);
	});

	it('scenarios:check warns, at its line, when an authored recording is not under static/audio/', () => {
		const dir = mkdtempSync(join(tmpdir(), 'listen-'));
		writeFileSync(join(dir, 'demo.yaml'), head + stageQ + audioQ.replace('calls/anxious-1.mp3', 'no-such-folder/anxious-1.mp3'));
		const r = checkQuizFile(join(dir, 'demo.yaml'), 'demo.yaml');
		expect(r.diagnostics.map(formatDiagnostic)).toEqual(['demo.yaml:17:12: warning: question "l3": audio file static/audio/no-such-folder/anxious-1.mp3 is not there']);
		expect(r.quiz).not.toBeNull();
	});

	it('asked for the stage of a generated clip, the right option cannot name another stage', () => {
		const written = stageQ.replace('    explanation', '    options:\n      - { text: 投诉, correct: true }\n      - { text: 潜在投诉 }\n    explanation');
		expect(problems(written)).toEqual(['demo.yaml:12:17: question "l1": the right option is 投诉 (complaint), but the clip is spoken as 潜在投诉 (say.stage: potential)']);
		expect(problems(written.replace('{ text: 投诉, correct: true }', '{ text: 投诉 }').replace('{ text: 潜在投诉 }', '{ text: 潜在投诉, correct: true }'))).toEqual([]);
	});
});

describe('an attempt', () => {
	const quiz = compiled(stageQ + needQ + audioQ);

	it('the view has the clip\'s URLs and the options, never its words, stage, answer or feedback', () => {
		for (const seed of ['a', 'b', 'c', 'd']) {
			const view = redactQuiz(shuffleQuiz(quiz, seed));
			const json = JSON.stringify(view);
			for (const secret of [SAID, '钱不钱的无所谓', '我妈喘得厉害', 'potential', 'voiced', '他说了钱无所谓', '语速快', 'transcript', '"say"', '"correct"', '"stage":'])
				expect(json, secret).not.toContain(secret);
			const byId = Object.fromEntries(view.questions.map((q) => [q.id, q]));
			expect(byId.l1).toEqual({ id: 'l1', type: 'listen', ask: 'stage', prompt: '客户处于哪个阶段？', points: 1, clip: clipUrls(SAID, 'potential'), options: MOOD_STAGES.map((s) => s.name) });
			expect(byId.l1.type === 'listen' && byId.l1.clip).toEqual([expect.stringMatching(/^\/audio\/voices\/[0-9a-f]{16}\.webm$/), expect.stringMatching(/^\/audio\/voices\/[0-9a-f]{16}\.mp3$/)]);
			expect(byId.l3).toMatchObject({ clip: ['/audio/calls/anxious-1.mp3'] });
		}
		// Written options move from one attempt to another; the six default stages never do.
		const orders = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((s) => JSON.stringify(redactQuiz(shuffleQuiz(quiz, s)).questions.find((q) => q.id === 'l2'))));
		expect(orders.size).toBeGreaterThan(1);
	});

	it('is graded like single choice, with the right option and the transcript after answering', () => {
		const shown = shuffleQuiz(quiz, 'grade-me');
		const [l1, l2, l3] = ['l1', 'l2', 'l3'].map((id) => shown.questions.find((q) => q.id === id) as QuestionOf<'listen'>);
		const right = (q: QuestionOf<'listen'>) => q.options.findIndex((o) => o.correct);
		const wrong = l2.options.findIndex((o) => o.text === '赔偿一笔钱');
		const r = gradeQuiz(shown, { l1: right(l1), l2: wrong, l3: null });
		const by = Object.fromEntries(r.questions.map((q) => [q.id, q]));
		expect(by.l1).toMatchObject({ type: 'listen', answered: true, score: 1, max: 1, correct: true, correctAnswer: { type: 'listen', option: '潜在投诉', transcript: SAID } });
		expect(by.l2).toMatchObject({ score: 0, correct: false, feedback: ['他说了钱无所谓。'], correctAnswer: { option: '周五前修好', transcript: '钱不钱的无所谓，周五之前修好就行。' } });
		expect(by.l3).toMatchObject({ answered: false, score: 0, correctAnswer: { option: '焦虑', transcript: '我妈喘得厉害，你们什么时候来？' } });
		expect(r.total).toEqual({ score: 1, max: 3, percent: 33 });
		expect(r.byTopic['emotion-stages']).toEqual({ score: 1, max: 1, percent: 100 });
		expect(r.byDimension.demand).toEqual({ score: 0, max: 1, percent: 0 });
		expect(gradeQuiz(shown, { l1: right(l1), l2: right(l2), l3: right(l3) }).total.percent).toBe(100);
		expect(() => gradeQuiz(shown, { l1: 6 })).toThrow(AnswersError);
		expect(() => gradeQuiz(shown, { l2: [1] })).toThrow(/question "l2" \(listen\): expected an option index 0–2/);
		// An authored recording without a transcript has none to show.
		const bare = shuffleQuiz(compiled(audioQ.replace(/    transcript: .*\n/, '')), 's');
		expect(gradeQuiz(bare, {}).questions[0].correctAnswer).toEqual({ type: 'listen', option: '焦虑' });
	});
});

describe('GIFT and the voice generator', () => {
	const single = `  - id: s1
    type: single
    prompt: 先处理什么？
    options:
      - { text: 心情, correct: true }
      - { text: 事情 }
    explanation: 先处理心情，再处理事情。
    topics: [emotion-first]
`;
	it('GIFT export writes the other questions and reports each listen question it cannot carry', () => {
		const out = exportGift(compiled(stageQ + single + needQ));
		expect(out.exported).toBe(1);
		expect(out.messages).toEqual([
			{ index: 0, question: 'l1', severity: 'error', message: 'GIFT cannot carry listen questions (听声辨情): it has no audio clip to play; question "l1" (listen) not exported' },
			{ index: 2, question: 'l2', severity: 'error', message: 'GIFT cannot carry listen questions (听声辨情): it has no audio clip to play; question "l2" (listen) not exported' }
		]);
		expect(out.text).not.toContain(SAID);
		expect(importGift(out.text).quiz.questions.map((q) => q.id)).toEqual(['s1']);
	});

	it('listenClipSpecs lists each generated clip once, { text, stage }, and no recording', () => {
		const twice = needQ.replace('id: l2', 'id: l4');
		expect(listenClipSpecs(compiled(stageQ + single + needQ + audioQ + twice))).toEqual([
			{ text: SAID, stage: 'potential' },
			{ text: '钱不钱的无所谓，周五之前修好就行。', stage: 'voiced' }
		]);
		// The same words in another stage's voice are another clip.
		expect(listenClipSpecs(compiled(stageQ + stageQ.replace('id: l1', 'id: l5').replace('stage: potential', 'stage: escalated')))).toHaveLength(2);
	});
});
