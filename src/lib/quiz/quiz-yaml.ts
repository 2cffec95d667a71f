// A quiz file as YAML text (what the GIFT importer prints): fields in the order of
// docs/quiz-format.md, lists of codes and topics inline.
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { QuizFileInput } from './schema';

// ---------------------------------------------------------------------------------------------
// YAML

const QUESTION_ORDER = ['id', 'title', 'type', 'prompt', 'ask', 'say', 'audio', 'transcript', 'options', 'scoring', 'shuffle_options', 'answer', 'feedback_true', 'feedback_false', 'items', 'pairs', 'distractors', 'answers', 'dimension', 'reverse', 'model_answer', 'rubric', 'explanation', 'codes', 'topics', 'points'];
const INLINE = new Set(['codes', 'topics', 'keywords', 'scale']);

/** A quiz as YAML, fields in the order of docs/quiz-format.md, lists of codes and topics inline. */
export function quizToYaml(quiz: QuizFileInput): string {
	const rank = (k: string) => (QUESTION_ORDER.includes(k) ? QUESTION_ORDER.indexOf(k) : QUESTION_ORDER.length);
	const ordered = {
		...quiz,
		questions: quiz.questions.map((q) => Object.fromEntries(Object.entries(q).sort(([a], [b]) => rank(a) - rank(b))))
	};
	const doc = new Document(ordered);
	visit(doc, {
		Pair(_, pair) {
			if (isScalar(pair.key) && INLINE.has(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
		}
	});
	return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}
