// What the player gives its phone call (issue 12): the gate (VoiceGate.svelte, on /play's first
// load) hands the same props on to the call (Call.svelte, loaded when the trainee answers).
import type { TranscriptEntry, View } from '$lib/scenario/engine';
import type { PlayMeta } from '$lib/scenario/opening';
import type { CompiledScenario } from '$lib/scenario/types';

export type CallState = 'ringing' | 'connected' | 'holding' | 'ended';

export interface VoiceProps {
	meta: PlayMeta;
	/** The compiled scenario, once the player has it (null before): what each line sounds like. */
	scenario: CompiledScenario | null;
	/** Where play stands: the node (a decision: what to fetch ahead), the play state, the whole transcript, `done` and the outcome. */
	view: View;
	/** What the customer or manager said since the trainee's last reply (the player's `latest`). */
	entries: TranscriptEntry[];
	/** The trainee has the caller on hold (迂回暂缓): hold music plays, nothing else pauses. */
	holding: boolean;
	/** True while a call is connected with voice on (bindable). */
	on?: boolean;
	/**
	 * Everything in `entries` has been heard: called when the last of it finishes playing, or at once
	 * when nothing can be played (voice off, not answered, no clip and no system voice) or the trainee
	 * skips. Called again for the same entries when the trainee answers the call and they play then.
	 */
	onspoken: () => void;
}
