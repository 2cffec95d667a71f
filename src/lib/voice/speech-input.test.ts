import { describe, expect, it } from 'vitest';
import { heardSoFar, joinSpoken, recogniserClass } from './speech-input';

const result = (transcript: string, isFinal: boolean) => Object.assign([{ transcript }], { isFinal });

describe('speech input', () => {
	it('finds the standard or the webkit recogniser, or none', () => {
		class R {}
		expect(recogniserClass({ SpeechRecognition: R })).toBe(R);
		expect(recogniserClass({ webkitSpeechRecognition: R })).toBe(R);
		expect(recogniserClass({})).toBeNull();
	});

	it('joins what was recognised so far, final and interim', () => {
		expect(heardSoFar({ resultIndex: 1, results: [result('您好，', true), result('我马上帮您查', false)] })).toBe('您好，我马上帮您查');
	});

	it('adds the spoken words after what is in the box', () => {
		expect(joinSpoken('', '您好')).toBe('您好');
		expect(joinSpoken('您好，', '我是小王')).toBe('您好，我是小王');
		expect(joinSpoken('工号 ', '1024')).toBe('工号1024');
		expect(joinSpoken('order A1', 'B2')).toBe('order A1 B2');
	});
});
