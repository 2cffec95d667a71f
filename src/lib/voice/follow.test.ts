import { describe, expect, it } from 'vitest';
import { follow } from './follow';

describe('follow', () => {
	it('says all of the latest entries when the call is answered', () => {
		expect(follow(-1, 3, ['a', 'b'])).toEqual({ restarted: false, changed: true, fresh: ['a', 'b'], upTo: 3 });
	});

	it('after a reply: the new batch; a reply with no answer is a change with nothing to say', () => {
		expect(follow(3, 6, ['c', 'd'])).toEqual({ restarted: false, changed: true, fresh: ['c', 'd'], upTo: 6 });
		expect(follow(6, 7, [])).toEqual({ restarted: false, changed: true, fresh: [], upTo: 7 });
	});

	it('entries appended without a reply (after silence, back from hold): only those', () => {
		expect(follow(6, 7, ['c', 'd', '喂？还在吗？'])).toEqual({ restarted: false, changed: true, fresh: ['喂？还在吗？'], upTo: 7 });
	});

	it('the same length again is nothing new (the engine taking over from the server’s opening)', () => {
		expect(follow(3, 3, ['a2', 'b2'])).toEqual({ restarted: false, changed: false, fresh: [], upTo: 3 });
	});

	it('a shorter transcript is a restart: its opening is to be said', () => {
		expect(follow(9, 2, ['a', 'b'])).toEqual({ restarted: true, changed: true, fresh: ['a', 'b'], upTo: 2 });
	});
});
