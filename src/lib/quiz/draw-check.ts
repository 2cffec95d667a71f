// The compiler's checks of a question bank's `draw:` (docs/quiz-format.md, "Question banks"):
// split out of compiler.ts to keep it short. Errors where an attempt could not be drawn, warnings
// where questions could never be drawn.
import { at, diag, type Located } from '../scenario/compiler';
import type { Diagnostic } from '../scenario/types';
import type { QuizFile } from './schema';

export function checkDraw(src: Located, f: QuizFile): Diagnostic[] {
	const draw = f.draw!;
	const out: Diagnostic[] = [];
	const error = (path: PropertyKey[], message: string, key = false) => out.push(diag(src, at(src, path, key), message));
	const warn = (path: PropertyKey[], message: string, key = false) => out.push(diag(src, at(src, path, key), message, 'warning'));
	if (f.kind !== 'knowledge') {
		error(['draw'], 'draw is for knowledge quizzes: a self-assessment asks every statement to build its profile', true);
		return out;
	}
	const pool = new Map<string, number>();
	f.questions.forEach((q, i) => {
		const first = q.topics[0];
		if (first) pool.set(first, (pool.get(first) ?? 0) + 1);
		else error(['questions', i], `question "${q.id}": in a quiz that draws, a question's first topic is the pool it is drawn from; this one has no topic`);
	});
	const seen = new Set<string>();
	draw.forEach((d, k) => {
		if (seen.has(d.topic)) error(['draw', k, 'topic'], `topic "${d.topic}" is drawn twice; give it one count`);
		seen.add(d.topic);
		const n = pool.get(d.topic) ?? 0;
		if (n < d.count)
			error(['draw', k, 'count'], `topic "${d.topic}" has ${n} question(s) whose first topic it is, too few to draw ${d.count}`);
		else if (n === d.count) warn(['draw', k, 'count'], `topic "${d.topic}" has exactly ${n} question(s): every attempt gets all of them, so nothing is drawn`);
	});
	for (const [topic, n] of pool)
		if (!seen.has(topic)) warn(['draw'], `${n} question(s) whose first topic is "${topic}" are never drawn: add { topic: ${topic}, count: … } to draw`, true);
	return out;
}
