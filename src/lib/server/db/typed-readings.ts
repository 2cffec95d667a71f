// Typed words are read once. Recording an event replays the attempt (resolveAttempt), and each
// replay would read every earlier typed turn again with the analyzer; a reading depends only on the
// words, the decision they answer and the analyzer rules, so it is kept here, keyed by those (the
// rules by their version, the decision by scenario id, version and node id), least recently used
// first out. Nothing else (mood, time, earlier turns) goes into a reading: routeTyped takes only these.
import type { CompiledRules } from '../../analyzer';
import { routeTyped, type RouteCandidate, type RouteResult } from '../../analyzer/route';
import type { TypedReader } from '../../scoring/attempt';

/** Readings kept by default: a few KB each, so a few MB in all. */
export const DEFAULT_TYPED_READINGS = 2000;

export interface TypedReadings {
	/** The reader for one attempt's replay: its scenario version and analyzer rules. */
	reader(on: { rulesVersion: string; rules: CompiledRules; scenarioId: string; scenarioVersion: string }): TypedReader;
	/** How many readings are kept now. */
	readonly size: number;
}

export function createTypedReadings(max = DEFAULT_TYPED_READINGS): TypedReadings {
	const kept = new Map<string, RouteResult>();
	return {
		reader({ rulesVersion, rules, scenarioId, scenarioVersion }) {
			return (text, node, replies) => {
				// A NUL never occurs in the parts (ids and versions are [A-Za-z0-9._-], cleaned text has none).
				const key = `${rulesVersion}\0${scenarioId}\0${scenarioVersion}\0${node ?? ''}\0${text}`;
				let r = kept.get(key);
				if (r) {
					kept.delete(key); // most recently used goes last
				} else {
					r = routeTyped(text, replies as RouteCandidate[], rules);
					if (kept.size >= max) kept.delete(kept.keys().next().value!);
				}
				kept.set(key, r);
				return r;
			};
		},
		get size() {
			return kept.size;
		}
	};
}
