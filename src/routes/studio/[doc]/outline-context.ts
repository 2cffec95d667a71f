// What the outline editor's cards share: the current text, the way to change it, and the lists the
// selects offer. Set by OutlineEditor.svelte, read by the Outline*.svelte beside it.
import { getContext, setContext } from 'svelte';
import type { Diagnostic } from '$lib/scenario/types';

export interface OutlineTarget {
	id: string;
	kind: 'line' | 'decision' | 'route' | 'ending' | 'unknown';
}

export interface OutlineContext {
	readonly text: string;
	readonly readonly: boolean;
	/** Node ids for the "next" selects, in card order (the same array while they do not change). */
	readonly targets: OutlineTarget[];
	/** Many nodes: selects list every node only while in use. */
	readonly lazyTargets: boolean;
	/** `<decision>.<reply>` for conditions, with a readable label. */
	readonly replyRefs: { value: string; label: string }[];
	/** Applies an edit now; false (and an alert) when it cannot be made. */
	apply(make: (text: string) => string, announce?: string, coalesceKey?: string): boolean;
	/** Applies an edit from typing after a short pause (one parse per pause, not per key). */
	typed(coalesceKey: string, make: (text: string) => string): void;
	/** Applies pending typing now (before any other edit or undo). */
	flush(): void;
	/** Moves focus to the heading of the card at this index once the text has been re-read. */
	focusCard(index: number): void;
}

const KEY = Symbol('outline');
export const setOutlineContext = (c: OutlineContext) => setContext(KEY, c);
export const outlineContext = () => getContext<OutlineContext>(KEY);

/** An element id from a node key (ids may not hold spaces). */
export function cardId(key: string): string {
	return `oc-${key.replace(/\s/g, '_')}`;
}

/** aria attributes of a control whose field has diagnostics: invalid, described by them. */
export function fieldAria(prefix: string, diags: Diagnostic[], line: number | undefined): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	if (line === undefined) return {};
	const hits = diags.flatMap((d, i) => (d.line === line ? [{ d, id: `${prefix}-d${i}` }] : []));
	if (!hits.length) return {};
	return { ...(hits.some((h) => h.d.severity === 'error') ? { 'aria-invalid': 'true' as const } : {}), 'aria-describedby': hits.map((h) => h.id).join(' ') };
}

/** A number from a number input, or undefined when it is empty or not a whole number. */
export function intOf(value: string): number | undefined {
	if (value.trim() === '') return undefined;
	const n = Number(value);
	return Number.isInteger(n) ? n : undefined;
}
