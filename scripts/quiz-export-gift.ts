// npm run --silent quiz:export-gift -- <quiz file>: prints the quiz as Moodle GIFT on stdout.
// Questions GIFT has no form for (ordering, likert, case, listen) are named on stderr as
// `file:line: message`, never dropped silently. Exit 0 when at least one question was written.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { at } from '../src/lib/scenario/compiler';
import { formatDiagnostic } from '../src/lib/scenario/types';
import { compileQuizLocated } from '../src/lib/quiz/compiler';
import { exportGift } from '../src/lib/quiz/gift';

const [path, ...extra] = process.argv.slice(2);
if (!path || extra.length) {
	process.stderr.write('usage: npm run --silent quiz:export-gift -- <quiz.yaml>\n');
	process.exit(2);
}
const file = relative(process.cwd(), path) || path;
let text: string;
try {
	text = readFileSync(path, 'utf8');
} catch (e) {
	process.stderr.write(`${file}: cannot read file: ${(e as Error).message}\n`);
	process.exit(1);
}
const { result, src } = compileQuizLocated(file, text);
if (!result.quiz) {
	for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
	process.exit(1);
}
const gift = exportGift(result.quiz);
for (const m of gift.messages) {
	const { line } = src.lines.linePos(at(src, ['questions', m.index]));
	process.stderr.write(`${file}:${line}: ${m.severity === 'warning' ? 'warning: ' : ''}${m.message}\n`);
}
const left = gift.messages.filter((m) => m.severity === 'error').length;
if (left && gift.exported) process.stderr.write(`${file}: warning: ${left} of ${result.quiz.questions.length} questions not exported (named above); the other ${gift.exported} are in the GIFT\n`);
if (!gift.exported) {
	process.stderr.write(`${file}: no question of this quiz has a GIFT form\n`);
	process.exit(1);
}
process.stdout.write(gift.text);
