import { expect, it } from 'vitest';
import { normalizeAnswer } from './normalize';

it('folds full-width forms, case and spaces, and nothing else', () => {
	expect(normalizeAnswer('  ＩＤＬ＋ＰＰＣ ')).toBe('idl+ppc');
	expect(normalizeAnswer('先处理　心情，\n再处理事情')).toBe('先处理 心情, 再处理事情');
	expect(normalizeAnswer('８Ｄ')).toBe(normalizeAnswer('8d'));
	expect(normalizeAnswer('倾听')).not.toBe(normalizeAnswer('聆听'));
	expect(normalizeAnswer('25倍')).not.toBe(normalizeAnswer('25'));
});
