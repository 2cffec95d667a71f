// What a call plays for each entry: the recording, the clip at the entry's stage, the nearest stage
// made for the same words, or nothing.
import { describe, expect, it } from 'vitest';
import { moodStage } from '../domain';
import { compileScenarioFile } from '../scenario/files';
import { decision, ending, reply, scenario } from '../scenario/path-fixtures';
import { replay } from '../scenario/engine';
import { clipName } from './clip-name';
import { REACTION_STAGES } from './clip-plan';
import { isHeard, nearestStage, voiceIndex, voiceSource } from './clip-lookup';

const line = (id: string, next: string, text: string, extra = '') => `  - id: ${id}
    type: line
    text: ${text}
${extra}    next: ${next}
`;

describe('nearestStage', () => {
	it('takes the stage itself, else the nearest, a tie going to the angrier', () => {
		expect(nearestStage('voiced', ['latent', 'voiced'])).toBe('voiced');
		expect(nearestStage('latent', ['complaint', 'voiced'])).toBe('voiced');
		expect(nearestStage('voiced', ['brewing', 'potential'])).toBe('potential');
		expect(nearestStage('escalated', [...REACTION_STAGES])).toBe('escalated');
		expect(nearestStage('latent', [...REACTION_STAGES])).toBe('brewing');
		expect(nearestStage('complaint', [...REACTION_STAGES])).toBe('escalated');
		expect(nearestStage('voiced', [])).toBeNull();
	});
});

describe('voiceSource', () => {
	// Calm (−40) or angry (+40) before the same line: it is made at latent and escalated only.
	const s = scenario(
		decision('d', reply('calm', 'l', -40), reply('anger', 'l', 40)) +
			line('l', 'rec', '那你说怎么办？') +
			line('rec', 'end', '我录过音的一句。', '    audio: recordings/x.mp3\n') +
			ending('end'),
		50
	);
	const index = voiceIndex(s);

	it('plays the clip made at the entry’s own stage', () => {
		expect(voiceSource(index, { kind: 'line', node: 'l', text: '那你说怎么办？', mood: 0, speaker: 'customer' })).toEqual({
			kind: 'clip',
			id: clipName('那你说怎么办？', 'latent'),
			stage: 'latent',
			urls: [`/audio/voices/${clipName('那你说怎么办？', 'latent')}.webm`, `/audio/voices/${clipName('那你说怎么办？', 'latent')}.mp3`]
		});
	});

	it('falls back to the nearest stage made for the same words (a mood only off-script replies reach)', () => {
		expect(voiceSource(index, { kind: 'line', node: 'l', text: '那你说怎么办？', mood: 70, speaker: 'customer' })?.id).toBe(clipName('那你说怎么办？', 'escalated'));
		expect(voiceSource(index, { kind: 'line', node: 'l', text: '那你说怎么办？', mood: 30, speaker: 'customer' })?.id).toBe(clipName('那你说怎么办？', 'latent'));
	});

	it('prefers the authored recording', () => {
		expect(voiceSource(index, { kind: 'line', node: 'rec', text: '我录过音的一句。', mood: 90, speaker: 'customer' })).toEqual({ kind: 'recording', id: 'recordings/x.mp3', urls: ['/audio/recordings/x.mp3'] });
	});

	it('has nothing for words never made, the narrator or the trainee', () => {
		expect(voiceSource(index, { kind: 'response', node: 'd', text: '没人写过的话', mood: 50 })).toBeNull();
		expect(isHeard({ kind: 'line', node: 'n', text: 'x', mood: 0, speaker: 'narrator' })).toBe(false);
		expect(isHeard({ kind: 'reply', node: 'd', text: 'x', mood: 0 })).toBe(false);
		expect(isHeard({ kind: 'line', node: 'm', text: 'x', mood: 0, speaker: 'manager' })).toBe(true);
	});
});

describe('the shipped phone calls', () => {
	it('have a clip for every entry any played path shows, and for every reaction line at any mood', () => {
		for (const file of ['scenarios/angry-caller.yaml', 'scenarios/phone-drops.yaml']) {
			const s = compileScenarioFile(file).scenario!;
			const index = voiceIndex(s);
			// The opening: each line at its own stage.
			const snap = replay(s, []);
			for (const e of snap.context.transcript) if (isHeard(e)) expect(voiceSource(index, e)?.stage, e.text).toBe(moodStage(e.mood).id);
			for (const said of Object.values(s.reactions!.lines).flat())
				for (const mood of [0, 20, 40, 55, 70, 95]) expect(voiceSource(index, { kind: 'response', node: 'x', text: said, mood })?.kind, said).toBe('clip');
		}
	});
});
