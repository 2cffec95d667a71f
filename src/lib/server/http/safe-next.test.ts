// safeNext's output is what a browser gets in Location: whatever it is given, the browser must stay
// on this origin when it follows it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'http://localhost:3000';
/** Where the redirect is answered from, as the browser resolves a relative Location against it. */
const BASES = [`${ORIGIN}/profile?/create`, `${ORIGIN}/a/b/c`, `${ORIGIN}/`];
const staysHere = (out: string) => BASES.every((b) => new URL(out, b).origin === ORIGIN);

describe('safeNext', () => {
	it('keeps same-site paths with their query and hash', () => {
		expect(safeNext('/play/late-repair?mode=practice')).toBe('/play/late-repair?mode=practice');
		expect(safeNext('/progress#quiz')).toBe('/progress#quiz');
		expect(safeNext('/a/../b')).toBe('/b');
		// A query string's %09 arrives decoded as a tab (below); left encoded it is only a path.
		expect(safeNext('/%09/x')).toBe('/%09/x');
		expect(safeNext('/%2F/evil.example')).toBe('/%2F/evil.example');
	});

	it.each([
		// The reported ones: dot segments that resolve to a scheme-relative URL.
		'/.//evil.example',
		'/..//x',
		'/./\\x',
		'/a/..//evil.example',
		'/.%2e//evil.example',
		'/%2e//evil.example',
		// Scheme-relative, backslashes, and what browsers strip before parsing.
		'//evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		' //evil.example',
		'https://evil.example',
		'javascript:alert(1)',
		'/javascript:alert(1)//',
		''
	])('refuses %j', (v) => {
		const out = safeNext(v);
		expect(staysHere(out)).toBe(true);
		expect(out === '/progress' || !out.startsWith('//')).toBe(true);
		expect(out.toLowerCase().startsWith('javascript:')).toBe(false);
	});

	it('refuses what is not a string', () => {
		for (const v of [null, undefined, 3, {}, ['/x']]) expect(safeNext(v)).toBe('/progress');
	});

	// Strings built from the pieces open redirects are made of.
	const piece = fc.constantFrom('/', '\\', '.', '..', '%2e', '%2f', '%5c', '%09', '\t', '\n', '\r', ' ', '\u0000', ':', '@', '?', '#', 'evil.example', 'javascript:', 'http:', 'x', '%', '\u00a0', '\u3002');
	const sneaky = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));

	it('never answers a path that takes a browser to another origin (property)', () => {
		fc.assert(
			fc.property(fc.oneof(sneaky, sneaky.map((s) => `/${s}`), fc.string(), fc.string({ unit: 'grapheme-ascii' })), (v) => {
				const out = safeNext(v);
				expect(out.startsWith('/')).toBe(true);
				expect(out.startsWith('//') || out.startsWith('/\\')).toBe(false);
				expect(staysHere(out)).toBe(true);
				// What it answers is already clean: asking again changes nothing.
				expect(safeNext(out)).toBe(out);
			}),
			{ numRuns: 5000 }
		);
	});
});
