// GIFT import and export: Moodle's reading of the format, every unsupported feature reported with
// its line, and round trips that keep every supported question unchanged.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, QUIZ_TOPIC_IDS } from '../domain';
import type { Diagnostic } from '../scenario/types';
import { compileQuiz } from './compiler';
import { escapeGift, exportGift, importGift, quizToYaml } from './gift';
import { normalizeAnswer } from './normalize';
import type { QuestionFileInput, QuizFileInput } from './schema';
import type { CompiledQuiz } from './types';

const MOODLE = 'tests/fixtures/gift/moodle-export.txt';
const HANDWRITTEN = 'tests/fixtures/gift/handwritten.gift';
const line = (d: Diagnostic) => `${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
/** Reminders every bare snippet would get (no #### explanation, no cc line) are left out here. */
const REMINDERS = /没有总体反馈|没有标注动作代码或知识点/;
const imported = (text: string) => {
	const r = importGift(text, { file: 't.gift' });
	return { ...r, diagnostics: r.diagnostics.filter((d) => !REMINDERS.test(d.message)) };
};
const one = (text: string) => {
	const r = imported(text);
	expect(r.quiz.questions).toHaveLength(1);
	return r.quiz.questions[0];
};
const compiled = (q: QuizFileInput) => {
	const r = compileQuiz('pasted', quizToYaml(q));
	if (!r.quiz) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
	return r.quiz;
};

describe('import, as Moodle reads GIFT', () => {
	it('a realistic Moodle export: HTML, escapes, categories as topics, and every problem at its line', () => {
		const r = importGift(readFileSync(MOODLE, 'utf8'), { file: MOODLE });
		expect(r.imported).toBe(8);
		expect(r.diagnostics.map(line)).toEqual([
			"25: warning: 权重 50% 50% -100% 换算成本系统的部分分：每选对一项 +1/2，每选错一项 −1/2（在 GIFT 里写作 ~%50% 和 ~%-50%）",
			'36: warning: “20”在 GIFT 里得 50% 分；这里的简答题只分对错，所以略去了这个答案',
			'42: 数值题（{#…}）暂不支持：这道题已跳过',
			'52: warning: 单选题错误选项上的部分分（50%）无法保留：按错误处理',
			'72: 只有文字、没有答案块 {…} 的是说明，不是题目：已跳过',
			'76: warning: 图片、音视频等媒体（<img>）无法导入（只支持文字）：已略去',
			'89: 问答题（{}）暂不支持：这里没有办法给它判分。这道题已跳过',
			'93: warning: 题目“q11”：没有总体反馈（####…）可作解析，使用前请补写一段解析',
			'93: warning: 题目“q11”：没有标注动作代码或知识点；请在题前加一行“// cc: codes=… topics=…”，或在 YAML 里补上（至少要有一项）'
		]);
		expect(r.diagnostics.every((d) => d.file === MOODLE)).toBe(true);
		const [first, tf, multiple, short, , matching, image] = r.quiz.questions as QuestionFileInput[];
		expect(first).toEqual({
			id: 'q1',
			title: '先处理心情',
			type: 'single',
			prompt: '客户来电时情绪很激动，客服首先应该做什么？',
			explanation: '课程的原则是：先处理情感，后处理事件。',
			codes: [],
			topics: ['principles'],
			options: [
				{ text: '安抚情绪，让客户把话说完', correct: true, feedback: '对，先处理心情，再处理事情。' },
				{ text: '马上给出赔偿方案', feedback: '情绪没平复就谈方案，客户往往听不进去。' },
				{ text: '先解释公司的规定', feedback: '这时讲规定容易被当成推脱。' }
			]
		});
		// {TRUE#feedback when wrong#feedback when right}
		expect(tf).toMatchObject({ type: 'truefalse', answer: true, feedback_true: '没错，反复讲述会让客户很烦。', feedback_false: '不对，它正是四件事之一。' });
		expect(multiple).toMatchObject({ type: 'multiple', topics: ['figures'], options: [{ correct: true }, { correct: true }, { text: '投诉过的客户就不会再回来了' }] });
		expect(short).toMatchObject({ type: 'short', answers: ['25', '二十五'] });
		expect(matching).toMatchObject({ type: 'matching', topics: ['techniques'], pairs: [{ left: '愤怒感知法', right: '从语速、语调和触发词判断客户的情绪' }, {}, {}] });
		expect(image).toMatchObject({ prompt: '看图回答：投诉处理的第一步是什么？', explanation: '先受理、记录，再判断是否成立。' });
		expect(r.quiz).toMatchObject({ id: 'moodle-export', title: 'moodle-export', kind: 'knowledge' });
	});

	it('what the importer warned about, the checker then places in the YAML', () => {
		const r = importGift(readFileSync(MOODLE, 'utf8'), { file: MOODLE });
		const yaml = quizToYaml(r.quiz);
		const checked = compileQuiz('moodle-export.yaml', yaml);
		const errors = checked.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
		expect(errors).toEqual(['question "q11" › explanation: must not be empty']);
		const fixed = compileQuiz('moodle-export.yaml', yaml.replace('explanation: ""', 'explanation: 第一个阶段是潜在不满。\n    topics: [emotion-stages]').replace(/(潜在不满。\n {4}topics: \[emotion-stages\]\n {4}codes: \[\]\n) {4}topics: \[\]\n/, '$1'));
		expect(fixed.diagnostics).toEqual([]);
		expect(fixed.quiz!.questions).toHaveLength(8);
	});

	it('a hand-written file: comments, names, escapes, several lines, the missing-word format', () => {
		const r = importGift(readFileSync(HANDWRITTEN, 'utf8'), { file: HANDWRITTEN });
		const qs = r.quiz.questions as QuestionFileInput[];
		expect(qs.map((q) => q.id)).toEqual(['emotion-first-order', 'q2', 'q3', 'q4', 'short-answer-1', 'q6', 'q8', 'cc']);
		expect(qs[0]).toMatchObject({ title: '先心情后事情', prompt: '处理投诉的顺序是先处理_____，再处理事情。', codes: ['empathy'], topics: ['emotion-first'] });
		expect(qs[1]).toMatchObject({ prompt: '下面哪一项是 IDL+PPC 中的 "D"？\n（提示：它和客户的期望有关）', explanation: 'D = Demand，需求探索。' });
		expect(qs[2]).toMatchObject({ title: '转义 : 特殊字符', prompt: '在 GIFT 里写 { 和 } 要加反斜杠，= 和 ~ 和 # 也一样，对吗？', answer: true, explanation: '对：反斜杠\\后面跟特殊字符。' });
		expect(qs[3]).toMatchObject({ type: 'truefalse', answer: false, feedback_true: '错了，课程说贵约 6 倍。' });
		expect(qs[4]).toMatchObject({ type: 'short', answers: ['4%', { text: '百分之四', feedback: '也可以写成 4%。' }] });
		expect(qs[5]).toMatchObject({ type: 'matching', distractors: ['客户表示非常满意'] });
		expect(qs[6]).toMatchObject({ type: 'multiple', options: [{ correct: true }, { correct: true }, { feedback: '倾听是好做法。' }, { text: '主动回访' }] });
		expect(qs[7]).toMatchObject({ codes: ['confirm'], topics: ['idlppc'] });
		expect(r.diagnostics.filter((d) => d.severity === 'error').map(line)).toEqual([
			'33: 只有文字、没有答案块 {…} 的是说明，不是题目：已跳过',
			'45: 答案块的 { 在题目结束的空行之前没有用 } 闭合：这道题已跳过',
			'48: 数值题（{#…}）暂不支持：这道题已跳过'
		]);
		expect(r.diagnostics.filter((d) => d.line === 42).map(line)).toEqual([
			'42: warning: cc：不认识的动作代码“smile”已略去；可用的有 info、demand、listen、propose、promise、confirm、empathy、apology、thanks、argue、blame、lecture、dismiss、overpromise、informal',
			'42: warning: cc：分值“abc”不是大于 0、不超过 100 的数，按 1 分处理'
		]);
	});

	it.each([
		['{T}', true],
		['{TRUE}', true],
		['{F}', false],
		['{FALSE}', false]
	])('true/false %s', (block, answer) => {
		expect(one(`题干${block}`)).toMatchObject({ type: 'truefalse', answer });
	});

	it('true/false feedback: the first is for a wrong answer, the second for a right one', () => {
		expect(one('题干{F#答错时#答对时}')).toMatchObject({ answer: false, feedback_true: '答错时', feedback_false: '答对时' });
		expect(one('题干{T##只有答对时}')).toEqual(expect.not.objectContaining({ feedback_false: expect.anything() }));
		expect(one('题干{T##只有答对时}')).toMatchObject({ feedback_true: '只有答对时' });
	});

	it('short answers: = each, feedback after #, 100% weights as written by Moodle', () => {
		expect(one('题干{=甲 =乙#对 =%100%丙#}')).toMatchObject({ type: 'short', answers: ['甲', { text: '乙', feedback: '对' }, '丙'] });
		const r = imported('题干{=完全对 =%0%错的#这是常见的错答}');
		expect(r.quiz.questions[0]).toMatchObject({ answers: ['完全对'] });
		expect(r.diagnostics.map(line)).toContain('1: warning: “错的”在 GIFT 里得 0% 分；这里的简答题只分对错，所以略去了这个答案');
		expect(imported('题干{=投诉*}').diagnostics.map(line)).toContain('1: warning: “*”在 Moodle 简答题里是通配符；在这里，“投诉*”要按原样输入才算对');
	});

	it('single choice needs exactly one fully right answer', () => {
		expect(imported('题干{=甲 =乙 ~丙}').diagnostics.map(line)).toEqual(['1: 有 2 个选项都是完全正确（=），而单选题只能有一个：这道题已跳过']);
		expect(imported('题干{~甲 ~乙}').diagnostics.map(line)).toEqual(['1: 没有正确选项（既没有 =，也没有正的 %权重%）：这道题已跳过']);
		expect(imported('题干{=甲}').quiz.questions[0]).toMatchObject({ type: 'short' });
		expect(imported('题干{~甲}').diagnostics.map(line)).toEqual(['1: 选择题至少要有 2 个选项：这道题已跳过']);
	});

	it('multiple answers: positive weights are right; weights other than ±100/n are reported', () => {
		expect(imported('题干{~%50%甲 ~%50%乙 ~%-50%丙}').diagnostics).toEqual([]);
		expect(imported('题干{~%33.33333%甲 ~%33.33333%乙 ~%33.33333%丙 ~%-33.33333%丁}').diagnostics).toEqual([]);
		expect(imported('题干{~%70%甲 ~%30%乙 ~丙}').diagnostics.map(line)).toEqual([
			"1: warning: 权重 70% 30% 0% 换算成本系统的部分分：每选对一项 +1/2，每选错一项 −1/2（在 GIFT 里写作 ~%50% 和 ~%-50%）"
		]);
		expect(one('// cc: scoring=all-or-nothing\n题干{~%70%甲 ~%30%乙 ~丙}')).toMatchObject({ type: 'multiple', scoring: 'all-or-nothing' });
	});

	it('matching: = left -> right, an empty left is a distractor, at least 2 pairs', () => {
		expect(one('配对{=甲 -> 一 =乙 -> 二 = -> 三}')).toMatchObject({ type: 'matching', pairs: [{ left: '甲', right: '一' }, { left: '乙', right: '二' }], distractors: ['三'] });
		expect(one('配对{=a -> x->y =b -> z}')).toMatchObject({ pairs: [{ left: 'a', right: 'x->y' }, { left: 'b', right: 'z' }] });
		expect(imported('配对{=甲 -> 一 = -> 三}').diagnostics.map(line)).toEqual(['1: 配对题至少要有 2 组：这道题已跳过']);
		expect(imported('配对{=甲 -> 一 =乙 -> 二#好}').diagnostics.map(line)).toEqual(['1: warning: GIFT 的配对题没有单项反馈：# 后面的文字会保留为配对内容的一部分']);
	});

	it('[format] prefixes: html is read as text, plain and markdown are kept as written', () => {
		expect(one('[html]<p>甲&amp;乙 &lt;丙&gt;</p><p>第二段</p>{T}')).toMatchObject({ prompt: '甲&乙 <丙>\n第二段' });
		expect(one('[plain]<b>原样</b>{T}')).toMatchObject({ prompt: '<b>原样</b>' });
		expect(one('[markdown]**原样**{T}')).toMatchObject({ prompt: '**原样**' });
		expect(one('[html]<p>题</p>{=<b>甲</b>#<i>好</i> ~[plain]<b>乙</b>}')).toMatchObject({ options: [{ text: '甲', feedback: '好' }, { text: '<b>乙</b>' }] });
	});

	it('escapes: \\~ \\= \\# \\{ \\} \\: \\\\ and \\n are characters, not structure', () => {
		expect(one('a\\{b\\}c\\:d\\ne{=x\\=y\\#z\\~w \\\\ ~q####g\\#h}')).toMatchObject({
			prompt: 'a{b}c:d\ne',
			options: [{ text: 'x=y#z~w \\', correct: true }, { text: 'q' }],
			explanation: 'g#h'
		});
	});

	it('reports structure problems at their line, and goes on with the next question', () => {
		const r = importGift('::a::题一{T}\n\n::b::题二 } 多余{T}\n\n::c::题三{=甲 {=乙}}\n\n::d::{=x}之后{=y}\n\n::e::题五{T}', { file: 't.gift' });
		expect(r.diagnostics.map(line)).toEqual([
			'3: 这个 } 前面没有对应的 {（题干里要写花括号请用 \\}）：这道题已跳过',
			'5: 答案块里又出现了 {（要写花括号请用 \\{）：这道题已跳过',
			'7: 一道题里有多个答案块（多处填空），暂不支持：这道题已跳过',
			'9: warning: 题目“e”：没有总体反馈（####…）可作解析，使用前请补写一段解析',
			'9: warning: 题目“e”：没有标注动作代码或知识点；请在题前加一行“// cc: codes=… topics=…”，或在 YAML 里补上（至少要有一项）',
			'1: warning: 题目“a”：没有总体反馈（####…）可作解析，使用前请补写一段解析',
			'1: warning: 题目“a”：没有标注动作代码或知识点；请在题前加一行“// cc: codes=… topics=…”，或在 YAML 里补上（至少要有一项）'
		].sort((x, y) => parseInt(x) - parseInt(y)));
		expect(r.quiz.questions.map((q) => q.id)).toEqual(['a', 'e']);
	});

	it('ids: from the cc line, else an ascii name, else the position; always unique', () => {
		const r = imported('// cc: id=same\n::x::题{T}\n\n// cc: id=same\n::y::题{T}\n\n::Hello World::题{T}\n\n::中文::题{T}\n\n::hello-world::题{T}');
		expect(r.quiz.questions.map((q) => q.id)).toEqual(['same', 'same-2', 'hello-world', 'q4', 'hello-world-2']);
		expect(r.diagnostics.map(line)).toContain('5: warning: cc：编号“same”已被前面的题目使用，这道题改用新编号');
	});

	it('a file with no question imports nothing, and says why', () => {
		const r = imported('// 只有注释\n\n$CATEGORY: $course$/top/处理原则\n\n::说明::只是一段说明');
		expect(r.imported).toBe(0);
		expect(r.diagnostics.map(line)).toEqual(['5: 只有文字、没有答案块 {…} 的是说明，不是题目：已跳过']);
	});

	it('reads CRLF line ends and a byte order mark', () => {
		const r = importGift('\uFEFF::a::题一{T####解析}\r\n\r\n::b::题二{F####解析}\r\n', { file: 't.gift' });
		expect(r.quiz.questions.map((q) => [q.id, q.type, q.prompt, q.explanation])).toEqual([
			['a', 'truefalse', '题一', '解析'],
			['b', 'truefalse', '题二', '解析']
		]);
	});
});

// What a trainer uploads is untrusted: no input may throw, and none may take more than linear time
// (these tests check what comes out of hostile input, not how fast; the inputs are only large
// enough that the quadratic patterns they replaced would have run past the test timeout).
describe('import, of hostile input', () => {
	it('a numeric entity that is no character (0, a surrogate, above 10FFFF) is kept as written, with a warning at its line', () => {
		const r = imported('::a::[html]<p>第一行</p>\n<p>甲&#99999999;乙 &#xD800; &#0; &#x1F600; &#25105;</p>{=对 ~错#&\\#xDFFF;}');
		expect(r.quiz.questions[0]).toMatchObject({ prompt: '第一行\n\n甲&#99999999;乙 &#xD800; &#0; 😀 我', options: [{ text: '对' }, { text: '错', feedback: '&#xDFFF;' }] });
		const why = '（数字实体应在十六进制 1 到 10FFFF 之间，且不能是 D800 到 DFFF 的代理码点）：按原样保留';
		expect(r.diagnostics.map(line)).toEqual([`2: warning: “&#99999999;”不是有效字符${why}；这段文字里还有 2 处同样保留`, `2: warning: “&#xDFFF;”不是有效字符${why}`]);
		// No lone surrogate reaches the YAML (the trainer's download link encodes it as a URI).
		expect(() => encodeURIComponent(quizToYaml(r.quiz))).not.toThrow();
	});

	it('a "<" that opens no tag is text: it does not swallow what follows up to the next ">"', () => {
		expect(one('[html]若 a < b，则 <b>b</b> 更大{T}')).toMatchObject({ prompt: '若 a < b，则 b 更大' });
		// With no tag at all, the text is not read as HTML: comparisons stay as written.
		expect(one('若 x<y 且 y <= z >= 0{T}')).toMatchObject({ prompt: '若 x<y 且 y <= z >= 0' });
		const lts = '<'.repeat(100_000);
		expect(one(`[html]${lts}&amp;{T}`)).toMatchObject({ prompt: `${lts}&` });
		const opens = '<a'.repeat(50_000);
		expect(one(`[html]${opens}<b>x</b>{T}`)).toMatchObject({ prompt: `${opens}x` });
		const closes = '</p'.repeat(30_000);
		expect(one(`[html]<i>${closes}</i>{T}`)).toMatchObject({ prompt: closes });
	});

	it('a hostile file as large as the upload limit is read to the end, every question with its id and diagnostics', () => {
		const block = `::Same::[html]${'<a'.repeat(1000)}&#99999999;{T}\n\n`;
		const n = Math.floor((400 * 1024) / block.length); // the size of the largest upload (src/lib/server/gift-upload.ts)
		const hostile = block.repeat(n);
		const r = importGift(hostile, { file: 'hostile.gift' });
		expect(r.imported).toBe(n);
		expect(r.quiz.questions.map((q) => q.id)).toEqual(Array.from({ length: n }, (_, k) => (k ? `same-${k + 1}` : 'same')));
		expect(r.diagnostics.filter((d) => d.message.startsWith('“&#99999999;”不是有效字符')).map((d) => d.line)).toEqual(Array.from({ length: n }, (_, k) => 2 * k + 1));
	});

	it('many questions of one name get the smallest free suffix each, as before', () => {
		const r = imported('::A::题{T}\n\n::a::题{T}\n\n::a-3::题{T}\n\n::a::题{T}\n\n// cc: id=a-2\n::x::题{T}\n\n::a::题{T}');
		expect(r.quiz.questions.map((q) => q.id)).toEqual(['a', 'a-2', 'a-3', 'a-4', 'a-2-2', 'a-5']);
	});
});

describe('export', () => {
	const knowledge = compileQuiz('tests/fixtures/quiz/sample-knowledge.yaml', readFileSync('tests/fixtures/quiz/sample-knowledge.yaml', 'utf8')).quiz!;

	it('writes each supported type with feedback, weights and a cc line; says what it cannot write', () => {
		const g = exportGift(knowledge);
		expect(g.exported).toBe(5);
		expect(g.messages).toEqual([
			{ index: 3, question: 'eight-d', severity: 'error', message: 'GIFT has no ordering questions; question "eight-d" (ordering) not exported' },
			{ index: 6, question: 'dropped-calls', severity: 'error', message: 'GIFT has no rubric-graded case questions (its essay questions are graded by hand); question "dropped-calls" (case) not exported' }
		]);
		expect(g.text).toContain('$CATEGORY: $course$/top/测试用知识测验\n');
		expect(g.text).toContain(
			'// cc: id=listen-meaning codes=listen topics=idlppc\n::listen-meaning::IDL+PPC 中的 L 指什么?{\n\t=有效倾听#对,L 是 Listen。\n\t~确认执行#那是 C。\n\t~信息收集\n\t####L 代表有效倾听\\:让客户说完、复述、总结。\n}\n'
		);
		expect(g.text).toContain('// cc: id=hates topics=customer-hates points=3\n::hates::哪些属于客户最讨厌的事?{\n\t~%33.33333%让我等\n\t~%33.33333%让我重复讲#重复讲述令人烦躁。\n\t~%-33.33333%主动回访#回访是好做法。\n');
		expect(g.text).toContain('::emotion-first::处理投诉应先处理事情,再处理心情。{FALSE#顺序反了。#对,先处理心情。####先处理心情,再处理事情。}\n');
		expect(g.text).toContain('\t=愤怒感知法 -> 听语速语调和触发词\n');
		expect(g.text).toContain('\t= -> 立即承诺全额赔偿\n');
		expect(g.text).toContain('\t=4%\n\t=百分之四#写成 4% 也可以。\n');
	});

	it('all-or-nothing goes out with partial weights (Moodle has no other) and a warning; the cc line keeps it', () => {
		const q = compileQuiz('pasted', readFileSync('tests/fixtures/quiz/sample-knowledge.yaml', 'utf8').replace('    points: 3\n', '    points: 3\n    scoring: all-or-nothing\n')).quiz!;
		const g = exportGift(q);
		expect(g.messages).toContainEqual({ index: 1, question: 'hates', severity: 'warning', message: 'GIFT has no all-or-nothing scoring: Moodle will give partial credit for "hates" (the // cc: line keeps it for a re-import)' });
		expect(g.text).toContain('// cc: id=hates topics=customer-hates points=3 scoring=all-or-nothing\n');
	});

	it('refuses what GIFT cannot escape', () => {
		const quiz = compiled({
			id: 'x',
			title: 'x',
			kind: 'knowledge',
			description: 'x',
			questions: [
				{ id: 'a', type: 'short', prompt: '题', answers: ['A->B'], explanation: '解析', topics: ['idlppc'] },
				{ id: 'b', type: 'matching', prompt: '题', pairs: [{ left: 'x->y', right: '一' }, { left: 'z', right: '二' }], explanation: '解析', topics: ['idlppc'] }
			]
		});
		expect(exportGift(quiz).messages.map((m) => m.message)).toEqual([
			'an accepted answer or its feedback contains "->", which GIFT would read as matching; question "a" not exported',
			'a left side contains "->", which GIFT cannot escape; question "b" not exported'
		]);
	});

	it('escapes the reserved characters and line breaks as Moodle does', () => {
		expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
	});
});

// Property runs take seconds, more on a busy machine.
describe('round trips', { timeout: 120_000 }, () => {
	const CHARS = [...'投诉客户心情事情甲乙ab Z9', '~', '=', '#', '{', '}', ':', '\\', '[', ']', '<', '>', '&', '%', '-', '/', '_', '\n', '\t', ' ', '\u3000', '，', 'Ａ', '"', "'", '*', '$', 'T', 'F'];
	const text = fc
		.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 14 })
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
	/** Texts that differ once compared as answers are (the checker refuses lookalikes). */
	const distinct = (min: number, max: number, arb = text) => fc.uniqueArray(arb, { minLength: min, maxLength: max, selector: normalizeAnswer });
	const noArrow = text.filter((s) => !s.includes('->'));
	const common = fc.record(
		{
			title: text.map((t) => `题${t}`),
			prompt: text,
			explanation: text,
			codes: fc.subarray([...ALL_CODES]),
			topics: fc.subarray([...QUIZ_TOPIC_IDS], { minLength: 1 }),
			points: fc.constantFrom(1, 2, 0.5, 3, 10)
		},
		{ requiredKeys: ['prompt', 'explanation', 'codes', 'topics'] }
	);
	const choices = (n: [number, number]) => distinct(n[0], n[1]).chain((texts) => fc.tuple(fc.constant(texts), fc.array(fc.option(text, { nil: undefined }), { minLength: texts.length, maxLength: texts.length })));
	const question: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
		fc.record({ c: common, o: choices([2, 5]), k: fc.nat(), s: fc.boolean() }).map(({ c, o: [texts, fbs], k, s }) => ({
			...c,
			type: 'single',
			options: texts.map((t, i) => ({ text: t, ...(i === k % texts.length ? { correct: true } : {}), ...(fbs[i] ? { feedback: fbs[i] } : {}) })),
			...(s ? {} : { shuffle_options: false })
		})),
		fc.record({ c: common, o: choices([2, 5]), picks: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), scoring: fc.constantFrom('partial', 'all-or-nothing') }).map(({ c, o: [texts, fbs], picks, scoring }) => ({
			...c,
			type: 'multiple',
			scoring,
			options: texts.map((t, i) => ({ text: t, ...(picks[i] || i === 0 ? { correct: true } : {}), ...(fbs[i] ? { feedback: fbs[i] } : {}) }))
		})),
		fc.record({ c: common, answer: fc.boolean(), t: fc.option(text, { nil: undefined }), f: fc.option(text, { nil: undefined }) }).map(({ c, answer, t, f }) => ({
			...c,
			type: 'truefalse',
			answer,
			...(t ? { feedback_true: t } : {}),
			...(f ? { feedback_false: f } : {})
		})),
		fc.record({ c: common, a: distinct(1, 3, noArrow), fbs: fc.array(fc.option(noArrow, { nil: undefined }), { minLength: 3, maxLength: 3 }) }).map(({ c, a, fbs }) => ({
			...c,
			type: 'short',
			answers: a.map((t, i) => (fbs[i] ? { text: t, feedback: fbs[i] } : t))
		})),
		fc.record({ c: common, lefts: distinct(2, 4, noArrow), rights: distinct(6, 6) }).map(({ c, lefts, rights }) => ({
			...c,
			type: 'matching',
			pairs: lefts.map((left, i) => ({ left, right: rights[i] })),
			...(lefts.length < 4 ? { distractors: rights.slice(lefts.length, 5) } : {})
		}))
	);
	const quiz: fc.Arbitrary<QuizFileInput> = fc.array(question, { minLength: 1, maxLength: 6 }).map((qs) => ({
		id: 'round-trip',
		title: '往返测试题库',
		kind: 'knowledge',
		description: '属性测试。',
		questions: qs.map((q, i) => ({ ...q, id: `q${i + 1}` })) as QuestionFileInput[]
	}));

	it('import(export(quiz)) keeps every supported question unchanged, with no problem reported', () => {
		fc.assert(
			fc.property(quiz, (file) => {
				const original = compiled(file);
				const gift = exportGift(original);
				expect(gift.messages.filter((m) => m.severity === 'error')).toEqual([]);
				const back = importGift(gift.text, { id: original.id });
				expect(back.diagnostics).toEqual([]);
				const again: CompiledQuiz = compiled(back.quiz);
				expect(again.questions).toEqual(original.questions);
				expect(back.quiz.title).toBe(original.title);
			}),
			{ numRuns: 200 }
		);
	});

	it('export(import(export(quiz))) is the same GIFT text', () => {
		fc.assert(
			fc.property(quiz, (file) => {
				const gift = exportGift(compiled(file)).text;
				expect(exportGift(compiled(importGift(gift, { id: file.id }).quiz)).text).toBe(gift);
			}),
			{ numRuns: 100 }
		);
	});

	it('the Moodle file: what was imported exports and imports back the same', () => {
		const first = importGift(readFileSync(MOODLE, 'utf8'), { file: MOODLE });
		// Give the questions what GIFT lacked, as an author would, then round-trip them.
		first.quiz.questions = first.quiz.questions.map((q) => ({ ...q, explanation: q.explanation || '解析', topics: q.topics?.length ? q.topics : ['emotion-stages'] }));
		const quizA = compiled(first.quiz);
		const gift = exportGift(quizA);
		const quizB = compiled(importGift(gift.text, { id: quizA.id }).quiz);
		expect(quizB.questions).toEqual(quizA.questions);
		expect(exportGift(quizB).text).toBe(gift.text);
	});
});
