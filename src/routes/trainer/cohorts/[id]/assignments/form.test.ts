import { describe, expect, it } from 'vitest';
import { StoreError } from '$lib/server/db/errors';
import { dueFromForm, refusal, splitContent } from './form';

describe('the assignment form', () => {
	it('reads the content select as kind and id', () => {
		expect(splitContent('roleplay:retail-return')).toEqual({ kind: 'roleplay', contentId: 'retail-return' });
		expect(splitContent('quiz:knowledge')).toEqual({ kind: 'quiz', contentId: 'knowledge' });
		expect(splitContent('knowledge')).toEqual({ kind: '', contentId: 'knowledge' });
	});

	it("takes the browser's zoned time, else reads the typed local time, else passes it on to be refused", () => {
		expect(dueFromForm('2026-12-10T10:00:00.000Z', '2026-12-10T18:00')).toBe('2026-12-10T10:00:00.000Z');
		expect(dueFromForm('', '2026-12-10T18:00')).toBe(new Date(2026, 11, 10, 18, 0).toISOString());
		expect(dueFromForm('', '下周五')).toBe('下周五');
		expect(dueFromForm('', '2026-13-40T18:00')).toBe('2026-13-40T18:00');
	});

	it('tells the exact reason when the store gave one', () => {
		expect(refusal(new StoreError('bad-input', 'x', { reason: 'due-past' }))).toBe('截止时间必须晚于现在。');
		expect(refusal(new StoreError('bad-input', 'x'))).toBe('提交的内容格式不对，没有保存。');
		expect(refusal(new StoreError('forbidden', 'x'))).toBe('你没有权限做这件事。');
	});
});
