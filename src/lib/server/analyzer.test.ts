// The browser copy of the rules as an immutable file, and how a stored attempt's rules are told
// apart from today's (rules read back from the store's jsonb come with their keys reordered).
import { describe, expect, it, vi } from 'vitest';

vi.mock('$env/dynamic/private', () => ({ env: {} }));
const { analyzerFile, analyzerForBrowser, analyzerRules, isCurrentRules } = await import('./analyzer');

/** The same data with every object's keys in reverse order, as jsonb may hand it back. */
function reordered<T>(x: T): T {
	if (Array.isArray(x)) return x.map(reordered) as T;
	if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reordered(v)])) as T;
	return x;
}

describe('analyzer file', () => {
	it('is named by the hash of its content, built once, and is the browser copy', () => {
		const a = analyzerFile();
		expect(a.name).toMatch(/^[0-9a-f]{16}\.json$/);
		expect(analyzerFile()).toBe(a);
		expect(JSON.parse(a.body)).toEqual(JSON.parse(JSON.stringify(analyzerForBrowser())));
	});

	it("tells today's rules from others whatever the key order", () => {
		const today = analyzerRules();
		expect(isCurrentRules(today)).toBe(true);
		expect(isCurrentRules(reordered(JSON.parse(JSON.stringify(today))))).toBe(true);
		const changed = JSON.parse(JSON.stringify(today));
		changed.routing.threshold += 0.01;
		expect(isCurrentRules(changed)).toBe(false);
	});
});
