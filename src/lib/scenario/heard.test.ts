import { describe, expect, it } from 'vitest';
import { hearing, unheard } from './heard';

// A decision about a leaking flask (our own words).
const replies = [
	{ text: '是盖子的密封圈老化了，这是杯子本身的问题，给您换一只新的。' },
	{ text: '退款和换货都可以，您看选哪一种？' }
];

describe('hearing', () => {
	it('nothing, acknowledgements alone, gibberish and repeated sounds are empty', () => {
		for (const t of ['', '？？', '好的', '嗯嗯', '收到', '好的我知道了', 'ok', 'zxcv 嗯 qwer', '哈哈哈哈', '啊啊啊'])
			expect(hearing(t, replies), t).toBe('empty');
	});

	it('small talk is small talk even when it names something from the case', () => {
		expect(hearing('您那边今天下雨了吗？', replies)).toBe('chat');
		expect(hearing('您家孩子几年级了？杯子是给他买的吧', replies)).toBe('chat');
	});

	it('words that share a content word with the replies, or a full sentence, are about the case', () => {
		expect(hearing('密封圈的事我去查', replies)).toBe('content');
		expect(hearing('换货的话今天就能拿', replies)).toBe('content');
		// No word shared, but a whole sentence of its own.
		expect(hearing('您先别着急，咱们一起想想办法把这件事弄好', replies)).toBe('content');
		// A few unrelated words.
		expect(hearing('您请坐', replies)).toBe('short');
	});

	it('a name and title is not the case: 李先生 alone shares nothing', () => {
		expect(hearing('李先生您好', [{ text: '李先生，是密封圈的问题。' }])).not.toBe('content');
	});

	it('unheard: only without flags; a few unrelated words are heard when a move was found in them', () => {
		expect(unheard('empty', { moves: [], flags: [] })).toBe(true);
		expect(unheard('chat', { moves: ['demand'], flags: [] })).toBe(true);
		expect(unheard('short', { moves: [], flags: [] })).toBe(true);
		expect(unheard('short', { moves: ['demand'], flags: [] })).toBe(false);
		expect(unheard('empty', { moves: [], flags: ['informal'] })).toBe(false);
		expect(unheard('content', { moves: [], flags: [] })).toBe(false);
	});
});
