// Reading quiz files from disk: shared by the checker CLI, the GIFT CLIs and the server (node only).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { at, diag, LIMITS, sortDiagnostics } from '../scenario/compiler';
import { compileQuizLocated, type QuizCompileResult } from './compiler';
import { lintDiagnostics } from './lint';

/** Where quizzes live, relative to the project root: one `<id>.yaml` per quiz. */
export const QUIZ_DIR = 'scenarios/quizzes';
/** Where a listen question's authored recordings live (`audio:` is relative to it; served at /audio/). */
export const AUDIO_DIR = 'static/audio';

export interface CheckedQuiz extends QuizCompileResult {
	file: string;
}

/** Quiz files in a folder (not its sub-folders), sorted; none when the folder does not exist. */
export function quizFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort()
		.map((f) => join(dir, f));
}

/** Whether a path is a quiz by where it lives: inside a folder named `quizzes`. */
export function isQuizPath(path: string): boolean {
	return path.split(/[\\/]/).slice(0, -1).includes('quizzes');
}

/** Whether a YAML text reads as a quiz: a top-level `questions:` and no top-level `nodes:`. */
export function looksLikeQuiz(text: string): boolean {
	return /^questions\s*:/m.test(text) && !/^nodes\s*:/m.test(text);
}

export function checkQuizFile(path: string, displayName = relative(process.cwd(), path) || path): CheckedQuiz {
	const refuse = (message: string): CheckedQuiz => ({ file: displayName, quiz: null, source: null, diagnostics: [{ file: displayName, line: 1, col: 1, severity: 'error', message }] });
	let text: string;
	try {
		const size = statSync(path).size;
		if (size > LIMITS.bytes) return refuse(`file is ${size} bytes; the limit is ${LIMITS.bytes}`);
		text = readFileSync(path, 'utf8');
	} catch (e) {
		return refuse(`cannot read file: ${(e as Error).message}`);
	}
	const { result, src } = compileQuizLocated(displayName, text);
	// A listen question's recording must be there to be heard: a missing file is a warning (the
	// question can still be answered; the page says the clip cannot be played).
	const missing = (result.source?.questions ?? []).flatMap((q, i) =>
		q.type === 'listen' && q.audio && !existsSync(join(AUDIO_DIR, q.audio))
			? [diag(src, at(src, ['questions', i, 'audio']), `question "${q.id}": audio file ${AUDIO_DIR}/${q.audio} is not there`, 'warning')]
			: []
	);
	// The content lint (fair options, near-duplicate choices): warnings, on files that compile.
	const lint = result.quiz && result.source ? lintDiagnostics(src, result.source) : [];
	const extra = [...missing, ...lint];
	const diagnostics = extra.length ? sortDiagnostics([...result.diagnostics, ...extra]) : result.diagnostics;
	return { ...result, diagnostics, file: displayName };
}
