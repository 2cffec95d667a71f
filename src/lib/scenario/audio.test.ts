// The optional `audio:` field of line nodes and variants (issue 12): a recording under static/audio/.
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compiler';
import { ending, header } from './path-fixtures';

const withAudio = (audio: string, variantAudio?: string) =>
	header('inline', 50) +
	`  - id: open
    type: line
    text: 喂？
    audio: ${JSON.stringify(audio)}
    variants:
      - when: { moodAtLeast: 90 }
        text: 喂！！
${variantAudio ? `        audio: ${JSON.stringify(variantAudio)}\n` : ''}    next: end
` +
	ending('end');

const compile = (text: string) => compileScenario('inline.yaml', text);

describe('audio: on a line and its variants', () => {
	it('is carried into the compiled line and variant', () => {
		const r = compile(withAudio('recordings/angry-open.mp3', 'recordings/shout.WAV'));
		expect(r.diagnostics).toEqual([]);
		const line = r.scenario!.nodes.open;
		expect(line).toMatchObject({ type: 'line', audio: 'recordings/angry-open.mp3', variants: [{ text: '喂！！', audio: 'recordings/shout.WAV' }] });
	});

	it('accepts each allowed kind of file', () => {
		for (const ext of ['mp3', 'ogg', 'webm', 'm4a', 'wav']) expect(compile(withAudio(`a/b-${ext}.${ext}`)).diagnostics, ext).toEqual([]);
	});

	it('leaves a line without one as it was (the compiled version does not move)', () => {
		const r = compile(header('inline', 50) + `  - id: open\n    type: line\n    text: 喂？\n    next: end\n` + ending('end'));
		expect(r.scenario!.nodes.open).not.toHaveProperty('audio');
		expect(JSON.stringify(r.scenario)).not.toContain('audio');
	});

	it.each([
		['../secret.mp3', /stays inside static\/audio/],
		['recordings/../../x.mp3', /stays inside static\/audio/],
		['./x.mp3', /stays inside static\/audio/],
		['a//x.mp3', /stays inside static\/audio/],
		['/audio/x.mp3', /relative to static\/audio/],
		['C:/x.mp3', /relative to static\/audio/],
		['recordings\\x.mp3', /relative to static\/audio/],
		['x.mp3?v=2', /relative to static\/audio/],
		['recordings/x.txt', /ends in \.mp3, \.ogg, \.webm, \.m4a, \.wav/],
		['recordings/mp3', /ends in/]
	])('refuses %s', (path, message) => {
		const r = compile(withAudio('ok.mp3', path));
		expect(r.scenario).toBeNull();
		expect(r.diagnostics.map((d) => d.message).join('\n')).toMatch(message);
		expect(compile(withAudio(path)).scenario).toBeNull();
	});
});
