// Slows down guessing a trainer's passphrase on /profile: every wrong try waits a moment, and
// after a few in a row the profile refuses tries for a while. In memory: local mode is one process.

export interface AttemptLimit {
	/** Milliseconds until this key may try again (0: now). */
	waitFor(key: string): number;
	/** Records a wrong try. */
	failed(key: string): void;
	/** A right try forgets the wrong ones. */
	succeeded(key: string): void;
}

export function createAttemptLimit({ maxFailures = 5, lockMs = 60_000, now = () => Date.now() } = {}): AttemptLimit {
	const seen = new Map<string, { failures: number; until: number }>();
	return {
		waitFor(key) {
			const s = seen.get(key);
			return s ? Math.max(0, s.until - now()) : 0;
		},
		failed(key) {
			const s = seen.get(key) ?? { failures: 0, until: 0 };
			s.failures += 1;
			if (s.failures >= maxFailures) {
				s.until = now() + lockMs;
				s.failures = 0;
			}
			seen.set(key, s);
		},
		succeeded(key) {
			seen.delete(key);
		}
	};
}
