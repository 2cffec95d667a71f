// What the checker counts and warns about a phone scenario's voice, on a temporary project folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileLocated } from '../scenario/compiler';
import { ending, header } from '../scenario/path-fixtures';
import { clipName, VOICE_DIR } from './clip-name';
import { AUDIO_DIR, voiceCheck, voiceStatus } from './files';

const scenarioText = (channel: 'phone' | 'chat', audio = '') =>
	header('inline', 90).replace('channel: chat', `channel: ${channel}`) +
	`  - id: open
    type: line
    text: 喂？有人吗？
    next: boss
  - id: boss
    type: line
    speaker: manager
    text: 您好，我是主管。
${audio}    next: note
  - id: note
    type: line
    speaker: narrator
    text: （电话那头很吵）
    next: end
` +
	ending('end');

/** 1-based number of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function compile(text: string) {
	const { result, src } = compileLocated('inline.yaml', text);
	if (!result.scenario) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
	return { scenario: result.scenario, source: result.source!, src };
}

let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'coach-voice-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const touch = (path: string) => {
	mkdirSync(join(path, '..'), { recursive: true });
	writeFileSync(path, 'x');
};
const clip = (text: string, formats = ['webm', 'mp3']) => formats.forEach((f) => touch(join(root, VOICE_DIR, `${clipName(text, 'escalated')}.${f}`)));

describe('voiceCheck', () => {
	it('counts the customer and manager lines of a phone call and warns on each one without its clips', () => {
		const text = scenarioText('phone');
		const { scenario, source, src } = compile(text);
		const r = voiceCheck(scenario, source, src, root);
		expect(r.voice).toEqual({ lines: 2, clips: 0 });
		expect(voiceCheck(scenario, source, src, root, { clips: false })).toEqual({ voice: { lines: 2, clips: 0 }, diagnostics: [] });
		expect(r.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
			[lineOf(text, 'text: 喂？有人吗？'), 'warning', `customer line "open" has no voice clip for escalated in ${VOICE_DIR}/ (never made, or its words changed since): run npm run voices`],
			[lineOf(text, 'text: 您好，我是主管。'), 'warning', `manager line "boss" has no voice clip for escalated in ${VOICE_DIR}/ (never made, or its words changed since): run npm run voices`]
		]);
	});

	it('counts a line once both formats of its clips are there', () => {
		const { scenario, source, src } = compile(scenarioText('phone'));
		clip('喂？有人吗？');
		clip('您好，我是主管。', ['webm']);
		const r = voiceCheck(scenario, source, src, root);
		expect(r.voice).toEqual({ lines: 2, clips: 1 });
		expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('manager line "boss" has no voice clip')]);
	});

	it('sees a clip made for other words as missing (a stale clip)', () => {
		clip('喂？有人吗？');
		clip('您好，我是主管。');
		const changed = compile(scenarioText('phone').replace('喂？有人吗？', '喂？喂？有人吗？'));
		expect(voiceStatus(changed.scenario, root).count).toEqual({ lines: 2, clips: 1 });
	});

	it('counts an authored recording instead of clips, and warns when its file is missing', () => {
		const text = scenarioText('phone', '    audio: recordings/boss.mp3\n');
		const { scenario, source, src } = compile(text);
		clip('喂？有人吗？');
		const missing = voiceCheck(scenario, source, src, root);
		expect(missing.voice).toEqual({ lines: 2, clips: 1 });
		expect(missing.diagnostics.map((d) => [d.line, d.message])).toEqual([[lineOf(text, 'audio: recordings/boss.mp3'), `audio file ${AUDIO_DIR}/recordings/boss.mp3 of manager line "boss" does not exist`]]);
		touch(join(root, AUDIO_DIR, 'recordings/boss.mp3'));
		expect(voiceCheck(scenario, source, src, root)).toEqual({ voice: { lines: 2, clips: 2 }, diagnostics: [] });
	});

	it('gives other channels no voice, but still checks their recordings', () => {
		const { scenario, source, src } = compile(scenarioText('chat', '    audio: recordings/boss.mp3\n'));
		const r = voiceCheck(scenario, source, src, root);
		expect(r.voice).toBeUndefined();
		expect(r.diagnostics.map((d) => d.message)).toEqual([`audio file ${AUDIO_DIR}/recordings/boss.mp3 of line "boss" does not exist`]);
		expect(voiceCheck(compile(scenarioText('chat')).scenario, source, src, root)).toEqual({ diagnostics: [] });
	});
});
