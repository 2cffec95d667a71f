// npm run --silent quiz:import-gift -- <file>: reads a Moodle GIFT file and prints the quiz as
// YAML on stdout (save it as scenarios/quizzes/<id>.yaml and run npm run scenarios:check). Each
// problem goes to stderr as `file:line: message`. Exit 0 when at least one question was imported.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importGift, quizToYaml } from '../src/lib/quiz/gift';

const [file, ...extra] = process.argv.slice(2);
if (!file || extra.length) {
	process.stderr.write('usage: npm run --silent quiz:import-gift -- <file.gift>\n');
	process.exit(2);
}
let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (e) {
	process.stderr.write(`${file}: cannot read file: ${(e as Error).message}\n`);
	process.exit(1);
}
const result = importGift(text, { file });
for (const d of result.diagnostics) process.stderr.write(`${d.file}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}\n`);
if (!result.imported) {
	process.stderr.write(`${file}: no question could be imported from ${basename(file)}\n`);
	process.exit(1);
}
process.stdout.write(quizToYaml(result.quiz));
