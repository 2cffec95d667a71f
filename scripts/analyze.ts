// npm run --silent analyze: the reply analyzer as a filter.
//
//   stdin   JSON Lines, one reply per line: {"id": …, "text": "…"}   (blank lines are skipped)
//   stdout  exactly one JSON line per non-blank input line, in input order:
//             {"id": …, "moves": [codes], "flags": [codes], "evidence": {code: [matched text, …]}}
//           a line that is not valid JSON, or has no string "text", gets
//             {"id": <its id, or null>, "error": "…"}
//           and the same message goes to stderr with its line number. Nothing else goes to stdout.
//   rules   scenarios/analyzer/phrases.yaml relative to the working directory, or $ANALYZER_RULES.
//   exit    0 when every line was answered (bad lines included: each got its error object);
//           2 when the rules cannot be read or compiled (diagnostics on stderr, nothing on stdout).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyze, RULES_PATH } from '../src/lib/analyzer/index';
import { loadAnalyzer } from '../src/lib/analyzer/files';

/** Replies longer than this are refused rather than analysed (a typed reply is a few sentences). */
const MAX_TEXT = 20_000;

const rulesPath = process.env.ANALYZER_RULES || RULES_PATH;
// The rules and, when model.json sits beside them, the learned model: the analyzer as shipped.
const { rules, diagnostics } = loadAnalyzer(rulesPath);
for (const d of diagnostics) process.stderr.write(`${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}\n`);
if (!rules) {
	process.stderr.write(`analyze: ${rulesPath} has errors; nothing analysed\n`);
	process.exit(2);
}

type Answer = Record<string, unknown>;

function answer(line: string, lineNo: number): Answer {
	let input: unknown;
	try {
		input = JSON.parse(line);
	} catch {
		return fail(null, lineNo, 'not valid JSON');
	}
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return fail(null, lineNo, 'expected a JSON object {"id": …, "text": "…"}');
	const { id = null, text } = input as { id?: unknown; text?: unknown };
	if (typeof text !== 'string') return fail(id, lineNo, 'missing "text" (a string)');
	if (text.length > MAX_TEXT) return fail(id, lineNo, `"text" is longer than ${MAX_TEXT} characters`);
	const a = analyze(text, rules!);
	return { id, moves: a.moves, flags: a.flags, evidence: a.evidence };
}

function fail(id: unknown, lineNo: number, error: string): Answer {
	process.stderr.write(`analyze: line ${lineNo}: ${error}\n`);
	return { id, error };
}

// A reader that stops early (| head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));

async function main() {
	const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
	let lineNo = 0;
	for await (const raw of lines) {
		lineNo++;
		// A byte-order mark or stray spaces around a line are not part of the JSON.
		const line = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
		if (!line) continue;
		// Respect back-pressure so that large inputs stream in constant memory.
		if (!process.stdout.write(JSON.stringify(answer(line, lineNo)) + '\n')) await new Promise((resolve) => process.stdout.once('drain', resolve));
	}
}

main().catch((e) => {
	process.stderr.write(`analyze: ${(e as Error).stack ?? e}\n`);
	process.exit(1);
});
