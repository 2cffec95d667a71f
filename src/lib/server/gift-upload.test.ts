// The boundary in front of the GIFT importer: what a trainer's upload may be, and what comes back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as t from '$lib/i18n';
import { GIFT_MAX_BYTES, GIFT_MAX_PROBLEMS, importGiftUpload } from './gift-upload';

describe('the trainer\'s GIFT upload', () => {
	it('its limit is under adapter-node\'s default body limit, so a file over it gets the Chinese message, not a bare 413', async () => {
		const handler = readFileSync('node_modules/@sveltejs/adapter-node/files/handler.js', 'utf8');
		const m = /env\('BODY_SIZE_LIMIT', '(\d+)K'\)/.exec(handler);
		expect(m, 'adapter-node\'s default BODY_SIZE_LIMIT').not.toBeNull();
		// Room for the multipart envelope (boundaries, headers, the file name).
		expect(GIFT_MAX_BYTES + 16 * 1024).toBeLessThanOrEqual(Number(m![1]) * 1024);
		const tooLarge = { ok: false, error: t.trainer.giftTooLarge(400) };
		expect(tooLarge.error).toContain('400 KB');
		expect(await importGiftUpload(new File(['x'.repeat(450 * 1024)], 'big.gift'))).toEqual(tooLarge);
		expect(await importGiftUpload(new File(['x'.repeat(GIFT_MAX_BYTES + 1)], 'big.gift'))).toEqual(tooLarge);
		const atLimit = await importGiftUpload(new File([`// ${'x'.repeat(GIFT_MAX_BYTES - 3)}`], 'at.gift'));
		expect(atLimit).toMatchObject({ ok: true, gift: { imported: 0 } });
	});

	it('a file with an invalid numeric entity gets its diagnostics, not an error', async () => {
		const r = await importGiftUpload(new File(['::a::[html]甲&#99999999;乙 &#xD800;{T####解析}'], 'e.gift'));
		expect(r).toMatchObject({ ok: true, gift: { imported: 1 } });
		if (!r.ok) return;
		expect(r.gift.problems).toContainEqual({ line: 1, severity: 'warning', message: expect.stringContaining('“&#99999999;”不是有效字符') });
		expect(() => encodeURIComponent(r.gift.yaml)).not.toThrow();
	});
});

describe('the problems listed', () => {
	it('stop at a bounded number, saying how many more there were', async () => {
		// Each numerical question is unsupported: one problem per question.
		const text = Array.from({ length: GIFT_MAX_PROBLEMS + 50 }, (_, i) => `::n${i}:: 几? {#3}`).join('\n\n');
		const r = await importGiftUpload(new File([text], 'many.gift'));
		if (!r.ok) throw new Error(r.error);
		expect(r.gift.problems).toHaveLength(GIFT_MAX_PROBLEMS + 1);
		expect(r.gift.problems.at(-1)).toMatchObject({ line: expect.any(Number), severity: 'error', message: expect.stringMatching(/另有 \d+ 条问题未列出/) });
	});
});
