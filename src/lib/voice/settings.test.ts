import { describe, expect, it } from 'vitest';
import { callKey, DEFAULT_SETTINGS, readSettings, stepRate } from './settings';

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing: boolean }> = {}) =>
	callKey({ key: k, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('call settings', () => {
	it('reads what was stored, each odd field back to its default', () => {
		expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
		expect(readSettings('not json')).toEqual(DEFAULT_SETTINGS);
		expect(readSettings(JSON.stringify({ volume: 40, muted: true, rate: 1.5, systemVoice: true }))).toEqual({ volume: 40, muted: true, rate: 1.5, systemVoice: true });
		expect(readSettings(JSON.stringify({ volume: 400, muted: 'yes', rate: 3 }))).toEqual(DEFAULT_SETTINGS);
		expect(DEFAULT_SETTINGS.systemVoice).toBe(false);
	});

	it('steps the speed within its choices', () => {
		expect(stepRate(1, 1)).toBe(1.25);
		expect(stepRate(2, 1)).toBe(2);
		expect(stepRate(0.75, -1)).toBe(0.75);
		expect(stepRate(7, -1)).toBe(0.75);
	});

	it('maps letters and < > (also ，。 from a Chinese keyboard) to the call, never digits or keys with modifiers', () => {
		expect(['r', 'S', 'm', '<', '，', '>', '。'].map((k) => key(k))).toEqual(['replay', 'skip', 'mute', 'slower', 'slower', 'faster', 'faster']);
		for (const d of '1234567890') expect(key(d)).toBeNull();
		expect(key('r', { ctrlKey: true })).toBeNull();
		expect(key('m', { isComposing: true })).toBeNull();
	});
});
