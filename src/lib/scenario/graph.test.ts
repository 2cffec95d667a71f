import { describe, expect, it } from 'vitest';
import { decisionsToEnd } from './graph';
import { decision, ending, reply, scenario } from './path-fixtures';

describe('decisionsToEnd', () => {
	it('counts the decisions on the shortest way to an ending', () => {
		const s = scenario(
			decision('d1', reply('a', 'd2'), reply('b', 'end')) +
				decision('d2', reply('c', 'd3'), reply('d', 'd3')) +
				decision('d3', reply('e', 'end'), reply('f', 'end')) +
				ending('end')
		);
		expect(decisionsToEnd(s, 'd1')).toBe(1);
		expect(decisionsToEnd(s, 'd2')).toBe(2);
		expect(decisionsToEnd(s, 'end')).toBe(0);
	});
});
