// npm run scenarios:check [--json] [paths…]: checks scenario files (default: scenarios/*.yaml) and
// quiz files (default: scenarios/quizzes/*.yaml; a file is a quiz when it sits in a folder named
// quizzes or reads as one: a top-level `questions:` and no `nodes:`).
// Scenario files found in a folder (the default `scenarios/`, or a folder named on the command line)
// are also read by the reply analyzer: each authored reply whose codes differ from what the analyzer
// reads in its text gets a warning at the reply (src/lib/analyzer/agreement.ts). Warnings never
// change the exit status. --agreement checks files named one by one too; --no-agreement skips it.
// Each scenario's paths are counted and its best score searched within work limits; a file that
// reaches one is an error at its node (docs/scenario-format.md, "Checks"), as in the server's loader.
// Phone scenarios get `"voice": {"lines", "clips"}` (texts a call can speak: lines and variants,
// replies' responses, reaction-table lines; and how many have their clips or recording); a missing `audio:` file is a warning in any scenario. Files found in a folder
// also get a warning per text without its clips (src/lib/voice/files.ts); --voice checks files named
// one by one too (fixtures and downloads have no clips), --no-voice skips it.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFile, scenarioFiles, type CheckedFile } from '../src/lib/scenario/files';
import { at, parse } from '../src/lib/scenario/compiler';
import { formatDiagnostic, type Diagnostic } from '../src/lib/scenario/types';
import { checkQuizFile, isQuizPath, looksLikeQuiz, quizFiles } from '../src/lib/quiz/files';
import { agreementMessage, agrees, replyAgreement } from '../src/lib/analyzer/agreement';
import { RULES_PATH, type CompiledRules } from '../src/lib/analyzer/index';
import { loadAnalyzer } from '../src/lib/analyzer/files';
import { voiceCheck, type VoiceCount } from '../src/lib/voice/files';

const args = process.argv.slice(2);
const json = args.includes('--json');
const agreementFlag = args.includes('--agreement') ? true : args.includes('--no-agreement') ? false : null;
const voiceFlag = args.includes('--voice') ? true : args.includes('--no-voice') ? false : null;
const targets = args.filter((a) => !['--json', '--agreement', '--no-agreement', '--voice', '--no-voice'].includes(a));
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let rules: CompiledRules | null | undefined;
/** The shipped analyzer rules, compiled once (null when they do not compile). */
function analyzerRules(): CompiledRules | null {
	if (rules === undefined) {
		try {
			rules = loadAnalyzer(undefined, root).rules;
		} catch {
			rules = null;
		}
	}
	return rules;
}

/** A warning at each authored reply whose codes differ from the analyzer's reading of its text. */
function agreementWarnings(checked: CheckedFile, path: string): Diagnostic[] {
	const scenario = checked.scenario;
	const source = checked.source;
	if (!scenario || !source) return [];
	const r = analyzerRules();
	if (!r) return [{ file: checked.file, line: 1, col: 1, severity: 'warning', message: `analyzer rules (${RULES_PATH}) do not compile: authored codes not compared` }];
	const { src } = parse(checked.file, readFileSync(path, 'utf8'));
	const out: Diagnostic[] = [];
	source.nodes.forEach((node, i) => {
		const compiled = scenario.nodes[node.id];
		if (!compiled || compiled.type !== 'decision' || !('replies' in node)) return;
		node.replies.forEach((reply, j) => {
			const authored = compiled.replies.find((x) => x.id === reply.id);
			if (!authored) return;
			const result = replyAgreement(authored, r);
			if (agrees(result)) return;
			const { line, col } = src.lines.linePos(at(src, ['nodes', i, 'replies', j]));
			out.push({ file: checked.file, line, col, severity: 'warning', message: agreementMessage(`${node.id}.${reply.id}`, result) });
		});
	});
	return out;
}

function isQuiz(path: string): boolean {
	if (isQuizPath(path)) return true;
	try {
		return looksLikeQuiz(readFileSync(path, 'utf8'));
	} catch {
		return false; // unreadable: the scenario checker reports it
	}
}

const files = (targets.length ? targets : ['scenarios']).flatMap((t): { path: string; quiz: boolean; agreement?: boolean }[] => {
	try {
		if (!statSync(t).isDirectory()) return [{ path: t, quiz: isQuiz(t) }];
		if (basename(t) === 'quizzes') return quizFiles(t).map((path) => ({ path, quiz: true }));
		return [...scenarioFiles(t).map((path) => ({ path, quiz: false, agreement: true })), ...quizFiles(join(t, 'quizzes')).map((path) => ({ path, quiz: true }))];
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
	const agreement = !('quiz' in checked) && (agreementFlag ?? !!f.agreement) ? agreementWarnings(checked, f.path) : [];
	let voice: { voice?: VoiceCount; diagnostics: Diagnostic[] } = { diagnostics: [] };
	if (!('quiz' in checked) && checked.scenario && checked.source)
		voice = voiceCheck(checked.scenario, checked.source, parse(checked.file, readFileSync(f.path, 'utf8')).src, root, { clips: voiceFlag ?? !!f.agreement });
	for (const d of [...checked.diagnostics, ...agreement, ...voice.diagnostics]) {
		if (d.severity === 'error') errors++;
		else warnings++;
		process.stderr.write(formatDiagnostic(d) + '\n');
	}
	const errorCount = checked.diagnostics.filter((d) => d.severity === 'error').length;
	if ('quiz' in checked) report.push({ file: checked.file, kind: 'quiz', ok: !!checked.quiz, errors: errorCount, questions: checked.quiz?.questions.length ?? 0 });
	else report.push({ file: checked.file, ok: !!checked.scenario, errors: errorCount, ...(checked.stats ?? {}), ...(agreement.length ? { analyzerDisagreements: agreement.length } : {}), ...(voice.voice ? { voice: voice.voice } : {}) });
}
if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
process.exit(errors ? 1 : 0);
