// Counting paths by dynamic programming (path-count.ts): exact on random graphs against trying
// every choice sequence, exact and linear where listing would explode, bounded where keys multiply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diamonds, moodLadder, sameNext } from '../scoring/best-shapes';
import { compileScenario } from './compiler';
import { countPaths, MAX_WORK } from './path-count';
import { bruteForcePaths, build, decision, ending, line, reply, scenario, specArb } from './path-fixtures';
import { enumeratePaths, MAX_PATHS, scenarioStats } from './paths';

describe('counting paths by dynamic programming', () => {
	const diamondChain = (k: number) => {
		let nodes = '';
		for (let i = 0; i < k; i++) {
			const next = i + 1 < k ? `d${i + 1}` : 'end';
			nodes += decision(`d${i}`, reply('a', `a${i}`, -3), reply('b', `b${i}`, 4), reply('c', `a${i}`, 1)) + line(`a${i}`, next) + line(`b${i}`, next);
		}
		return scenario(nodes + ending('end'));
	};

	it('counts 2^60 paths through 60 diamonds in series exactly, with work linear in the diamonds', () => {
		const small = countPaths(diamondChain(30));
		const big = countPaths(diamondChain(60));
		expect(big.root!.count).toBe(2n ** 60n);
		expect([big.root!.shortest, big.root!.longest]).toEqual([60, 60]);
		expect(big.work).toBeLessThan(2.2 * small.work);
		const r = enumeratePaths(diamondChain(60), big);
		expect(r).toMatchObject({ truncated: true, limit: 'paths', count: 2n ** 60n });
		expect(r.paths).toHaveLength(MAX_PATHS);
		expect(scenarioStats(diamondChain(60), r)).toMatchObject({ paths: 2 ** 60, pathCount: '1152921504606846976', pathsTruncated: true });
	});

	it('the issue 10 repro: 60 decisions of 3 replies to the same next node is one path per ending, found with linear work', () => {
		const s60 = countPaths(sameNext(60));
		const s120 = countPaths(sameNext(120));
		expect(s60.root!.count).toBe(3n); // the final mood route picks one of three endings
		// Once every mood can stand at a decision, each one more costs the same.
		expect(s120.work).toBeLessThan(2.2 * s60.work);
	});

	it('stops with bounded work, and the checker refuses the file, when mood sets multiply the keys', () => {
		// 60 diamonds whose replies change the mood, then a route on the mood: the set of moods that
		// can stand at a node differs by the way there, so no two ways share a key.
		for (const s of [diamonds(60), moodLadder(60)]) {
			const m = countPaths(s);
			expect(m.root).toBeNull();
			expect(m.work).toBeLessThan(MAX_WORK + 10_000);
		}
	});

	it('agrees with trying every choice sequence on random graphs, loops included', () => {
		fc.assert(
			fc.property(specArb(true), (spec) => {
				const s = compileScenario('random.yaml', build(spec)).scenario;
				fc.pre(s !== null);
				const truth = bruteForcePaths(s!);
				fc.pre(truth !== null);
				const r = enumeratePaths(s!);
				expect(r.count).toBe(BigInt(truth!.size));
				if (!r.truncated) expect(new Set(r.paths.map((p) => p.nodes.join(' ')))).toEqual(new Set(truth!.keys()));
				const lengths = [...truth!.values()].map((t) => t.decisions);
				expect([r.shortest, r.longest]).toEqual(truth!.size ? [Math.min(...lengths), Math.max(...lengths)] : [0, 0]);
				expect(new Set(r.endings)).toEqual(new Set([...truth!.values()].map((t) => t.ending)));
			}),
			{ numRuns: 150 }
		);
	}, 120_000);

	it('lists fewer than MAX_PATHS when long paths branch early, and still counts them all', { timeout: 60_000 }, () => {
		// 13 binary branches, then 1,000 lines: 8,192 paths of over 1,000 nodes each.
		let nodes = '';
		for (let i = 0; i < 13; i++) nodes += decision(`d${i}`, reply('a', `a${i}`), reply('b', `b${i}`)) + line(`a${i}`, i < 12 ? `d${i + 1}` : 'l0') + line(`b${i}`, i < 12 ? `d${i + 1}` : 'l0');
		for (let i = 0; i < 1000; i++) nodes += line(`l${i}`, i < 999 ? `l${i + 1}` : 'end');
		const s = scenario(nodes + ending('end'));
		const r = enumeratePaths(s);
		expect(r).toMatchObject({ count: 8192n, truncated: true, limit: 'paths' });
		expect(r.paths.length).toBeGreaterThan(50);
		expect(r.paths.length).toBeLessThan(MAX_WORK / 1039);
	});
});
