// What /coach fetches on first use instead of receiving inline: the phrase pool, the situations'
// replies and the reaction tables of today's scenarios, as one content-named file built once.
import { createHash } from 'node:crypto';
import { phrasePool } from '$lib/coach/coach';
import { allScenarios } from './scenarios';

let file: { name: string; body: string; situations: { key: string; scenarioTitle: string; text: string }[] } | null = null;

export function coachFile() {
	if (!file) {
		const data = phrasePool(allScenarios());
		const body = JSON.stringify(data);
		const name = `${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`;
		// The page itself lists the situations (for its <select>) without their replies.
		file = { name, body, situations: data.situations.map(({ key, scenarioTitle, text }) => ({ key, scenarioTitle, text })) };
	}
	return file;
}
