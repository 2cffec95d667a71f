import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sha256Hex } from './sha256';

const node = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sha256Hex', () => {
	it('matches node:crypto on edge lengths, CJK text and astral characters', () => {
		const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(1000), '客诉教练：您好，非常抱歉！', '😀🀄 mixed 混合', JSON.stringify({ a: [1, 2, '三'] })];
		for (const s of inputs) expect(sha256Hex(s)).toBe(node(s));
	});
	it('matches the published vector for "abc"', () => {
		expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});
	it('matches on random strings', () => {
		let seed = 7;
		for (let n = 0; n < 200; n++) {
			let s = '';
			const len = (seed = (seed * 1103515245 + 12345) >>> 0) % 300;
			for (let i = 0; i < len; i++) s += String.fromCharCode(((seed = (seed * 1103515245 + 12345) >>> 0) % 0x2fff) + 32);
			expect(sha256Hex(s)).toBe(node(s));
		}
	});
});

describe('hmacSha256Hex', () => {
	it('matches node:crypto for short, block-sized and long keys', () => {
		for (const key of ['', 'k', '钥匙', 'x'.repeat(64), 'y'.repeat(65), JSON.stringify({ q: ['问题'.repeat(80)] })])
			for (const text of ['', 'seed-1', '客诉'.repeat(50)]) expect(hmacSha256Hex(key, text)).toBe(createHmac('sha256', key).update(text).digest('hex'));
	});
});
