// The player's side of a live call (voice mode): whether a call is on, and the LiveCall
// (./live-call.svelte.ts) fetched when one connects, so /play's first load does not carry it. The
// caller may finish speaking before it arrives: that is kept for the decision it was heard at.
// Keyed on plain values: a WAIT or a HOLD makes a new view but is the same decision, and must not
// restart the clock. Call it while the player component initialises (it sets up effects).
import { untrack } from 'svelte';
import type { LiveCall } from './live-call.svelte';

export interface CallHookDeps {
	liveCall: ConstructorParameters<typeof LiveCall>[0];
	/** `<node>#<turns so far>`: a new value means a new decision (or the same one after a turn). */
	turnKey: () => string;
	/** The conversation is over. */
	done: () => boolean;
}

export function callHook(deps: CallHookDeps) {
	let on = $state(false);
	let call = $state.raw<LiveCall | null>(null);
	let heardEarly = '';
	$effect(() => {
		if (on && !call) import('./live-call.svelte').then((m) => (call ??= new m.LiveCall(deps.liveCall)));
	});
	const key = $derived(deps.turnKey());
	const live = $derived(on && !deps.done());
	$effect(() => {
		const [k, l, c] = [key, live, call];
		untrack(() => {
			if (!c) return;
			c.on = l;
			void c.at(k.slice(0, k.lastIndexOf('#')), l);
			if (heardEarly === k) c.spoken();
		});
	});
	return {
		get on() {
			return on;
		},
		set on(v: boolean) {
			on = v;
		},
		/** The call's clock and hold, once fetched (null before a call connects). */
		get call() {
			return call;
		},
		/** The caller has finished speaking. */
		spoken() {
			if (call) call.spoken();
			else heardEarly = key;
		}
	};
}
