// npm run scenarios:check [--json] [paths…]: checks scenario files (default: scenarios/*.yaml) and
// quiz files (default: scenarios/quizzes/*.yaml; a file is a quiz when it sits in a folder named
// quizzes or reads as one: a top-level `questions:` and no `nodes:`).
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { formatDiagnostic } from '../src/lib/scenario/types';
import { checkQuizFile, isQuizPath, looksLikeQuiz, quizFiles } from '../src/lib/quiz/files';

const args = process.argv.slice(2);
const json = args.includes('--json');
const targets = args.filter((a) => a !== '--json');

function isQuiz(path: string): boolean {
	if (isQuizPath(path)) return true;
	try {
		return looksLikeQuiz(readFileSync(path, 'utf8'));
	} catch {
		return false; // unreadable: the scenario checker reports it
	}
}

const files = (targets.length ? targets : ['scenarios']).flatMap((t): { path: string; quiz: boolean }[] => {
	try {
		if (!statSync(t).isDirectory()) return [{ path: t, quiz: isQuiz(t) }];
		if (basename(t) === 'quizzes') return quizFiles(t).map((path) => ({ path, quiz: true }));
		return [...scenarioFiles(t).map((path) => ({ path, quiz: false })), ...quizFiles(join(t, 'quizzes')).map((path) => ({ path, quiz: true }))];
	} catch {
		return [{ path: t, quiz: false }];
	}
});

if (!files.length) {
	process.stderr.write(`no scenario files found in ${targets.join(', ') || 'scenarios'}\n`);
	process.exit(1);
}
let errors = 0;
let warnings = 0;
const report = [];
for (const f of files) {
	const checked = f.quiz ? checkQuizFile(f.path) : checkFile(f.path);
	for (const d of checked.diagnostics) {
		if (d.severity === 'error') errors++;
		else warnings++;
		process.stderr.write(formatDiagnostic(d) + '\n');
	}
	const errorCount = checked.diagnostics.filter((d) => d.severity === 'error').length;
	if ('quiz' in checked) report.push({ file: checked.file, kind: 'quiz', ok: !!checked.quiz, errors: errorCount, questions: checked.quiz?.questions.length ?? 0 });
	else report.push({ file: checked.file, ok: !!checked.scenario, errors: errorCount, ...(checked.stats ?? {}) });
}
if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
process.exit(errors ? 1 : 0);
