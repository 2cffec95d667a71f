// What the browser receives before the attempt is submitted: the questions in the attempt's order
// with everything that would give an answer away taken out.
import { clipSources } from './listen';
import type { QuestionView, QuizView, ShuffledQuiz } from './types';

/**
 * The public view of one attempt's quiz. It holds no right answers, feedback, explanations, model
 * answers, rubrics, codes or topics (a code can hint at the answer), nor a listen clip's words or
 * stage (only its URLs); choices are in the attempt's
 * order, and answers index into these lists. Built field by field (never by deleting), so a field
 * added to the compiled form later stays on the server until it is added here on purpose.
 */
export function redactQuiz(quiz: ShuffledQuiz): QuizView {
	if (typeof quiz.seed !== 'string') throw new Error('redactQuiz takes a shuffled quiz (shuffleQuiz(quiz, seed)): the written order would give answers away');
	return {
		id: quiz.id,
		version: quiz.version,
		title: quiz.title,
		kind: quiz.kind,
		description: quiz.description,
		...(quiz.timeLimitMinutes !== undefined ? { timeLimitMinutes: quiz.timeLimitMinutes } : {}),
		...(quiz.passPercent !== undefined ? { passPercent: quiz.passPercent } : {}),
		...(quiz.scale ? { scale: [...quiz.scale] } : {}),
		questions: quiz.questions.map((q): QuestionView => {
			const base = { id: q.id, ...(q.title !== undefined ? { title: q.title } : {}), prompt: q.prompt, points: q.points };
			switch (q.type) {
				case 'single':
				case 'multiple':
					return { ...base, type: q.type, options: q.options.map((o) => o.text) };
				case 'ordering':
					return { ...base, type: 'ordering', items: [...q.items] };
				case 'matching':
					return { ...base, type: 'matching', lefts: [...q.lefts], rights: [...q.rights] };
				case 'listen':
					// Where to hear the clip, never its words (hearing is the point) nor its stage.
					return { ...base, type: 'listen', ask: q.ask, clip: clipSources(q.clip), options: q.options.map((o) => o.text) };
				default:
					return { ...base, type: q.type };
			}
		})
	};
}
