// Property tests: whatever an author does to a valid file, the checker answers with diagnostics
// that point inside the file, and never throws.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkText } from './files';

const EXAMPLE = 'tests/fixtures/valid/example-late-parcel.yaml';
const exampleText = readFileSync(EXAMPLE, 'utf8');
const RUNS = 300;
/** checkText takes a few ms on these files (a few hundred when cold on a busy machine). */
const HANG_MS = 5000;
/** A hang costs HANG_MS per shrinking step: stop shrinking after this long and report. */
const SHRINK_LIMIT_MS = 60_000;
const TEST_MS = 120_000;

type Mutation =
	| { kind: 'delete'; at: number }
	| { kind: 'duplicate'; at: number }
	| { kind: 'swap'; a: number; b: number }
	| { kind: 'scalar'; at: number; value: string }
	| { kind: 'insert'; at: number; chars: string }
	| { kind: 'truncate'; at: number };

const SCALAR = /^(\s*(?:- )?[A-Za-z_-]+:\s+)(\S.*)$/;

function apply(text: string, m: Mutation): string {
	const lines = text.split('\n');
	const i = (n: number) => n % lines.length;
	switch (m.kind) {
		case 'delete':
			lines.splice(i(m.at), 1);
			return lines.join('\n');
		case 'duplicate':
			lines.splice(i(m.at), 0, lines[i(m.at)]);
			return lines.join('\n');
		case 'swap': {
			const [a, b] = [i(m.a), i(m.b)];
			[lines[a], lines[b]] = [lines[b], lines[a]];
			return lines.join('\n');
		}
		case 'scalar': {
			// The nth line that holds `key: value` gets a new value.
			const scalars = lines.map((l, k) => [l, k] as const).filter(([l]) => SCALAR.test(l));
			if (!scalars.length) return text;
			const [l, k] = scalars[m.at % scalars.length];
			lines[k] = l.replace(SCALAR, (_, key: string) => key + m.value);
			return lines.join('\n');
		}
		case 'insert': {
			const at = m.at % (text.length + 1);
			return text.slice(0, at) + m.chars + text.slice(at);
		}
		case 'truncate':
			return text.slice(0, m.at % (text.length + 1));
	}
}

const index = fc.nat({ max: 10_000 });
const yamlish = fc.constantFrom('~', 'null', 'true', 'no', '[]', '{}', '-1', '1e999', '0x1F', '"', "'", '&a', '*a', '|', '>', '!!str', '!!binary x', '#', ': ', '- ', '? ', '{', '[', '%YAML 1.1', '---', '...', '\t', '\r', '\n', '\u00a0', '\ufeff', '字');
const junk = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 6 }),
	fc.array(yamlish, { minLength: 1, maxLength: 4 }).map((a) => a.join(''))
);
const scalarValue = fc.oneof(
	junk,
	fc.integer().map(String),
	fc.double().map(String),
	fc.integer({ min: -200, max: 200 }).map(String)
);

const mutations = {
	delete: index.map((at): Mutation => ({ kind: 'delete', at })),
	duplicate: index.map((at): Mutation => ({ kind: 'duplicate', at })),
	swap: fc.tuple(index, index).map(([a, b]): Mutation => ({ kind: 'swap', a, b })),
	scalar: fc.tuple(index, scalarValue).map(([at, value]): Mutation => ({ kind: 'scalar', at, value })),
	insert: fc.tuple(index, junk).map(([at, chars]): Mutation => ({ kind: 'insert', at, chars })),
	truncate: index.map((at): Mutation => ({ kind: 'truncate', at }))
};

/** Lines as an editor counts them: a final newline does not start another line. */
function lineCount(text: string): number {
	const breaks = text.split('\n').length - 1;
	return text.endsWith('\n') || text === '' ? breaks : breaks + 1;
}

const sandbox = createContext({ run: (): unknown => undefined });
const runScript = new Script('run()');

/** The property: no throw; no scenario means at least one error; every position is in the file. */
function checksCleanly(text: string): void {
	// A vm timeout interrupts even a synchronous endless loop, so a hang fails the property.
	let r: ReturnType<typeof checkText>;
	try {
		sandbox.run = () => checkText(EXAMPLE, text);
		r = runScript.runInContext(sandbox, { timeout: HANG_MS });
	} catch (e) {
		if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new Error(`checkText did not finish within ${HANG_MS} ms`);
		throw e;
	}
	const max = lineCount(text) + 1;
	for (const d of r.diagnostics) {
		expect(d.file).toBe(EXAMPLE);
		expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= max, `line ${d.line} of ${max - 1}: ${d.message}`).toBe(true);
		expect(Number.isInteger(d.col) && d.col >= 1, `col ${d.col}: ${d.message}`).toBe(true);
		expect(d.message.trim()).not.toBe('');
	}
	const errors = r.diagnostics.filter((d) => d.severity === 'error');
	if (r.scenario === null) expect(errors.length, 'no scenario but no error either').toBeGreaterThan(0);
	else expect(errors).toEqual([]);
}

describe('mutations of the valid example', () => {
	it('the unmutated example passes the property', () => {
		checksCleanly(exampleText);
		expect(checkText(EXAMPLE, exampleText).scenario).not.toBeNull();
	});

	for (const [name, arb] of Object.entries(mutations)) {
		it(`${name}: checkText never throws and always locates its errors`, () => {
			fc.assert(
				fc.property(arb, (m) => checksCleanly(apply(exampleText, m))),
				{ numRuns: RUNS, interruptAfterTimeLimit: SHRINK_LIMIT_MS }
			);
		}, TEST_MS);
	}

	it('several mutations at once: same property', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(...Object.values(mutations)), { minLength: 2, maxLength: 4 }), (ms) =>
				checksCleanly(ms.reduce(apply, exampleText))
			),
			{ numRuns: RUNS, interruptAfterTimeLimit: SHRINK_LIMIT_MS }
		);
	}, TEST_MS);
});
