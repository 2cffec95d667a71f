import { phrasePool } from '$lib/coach/coach';
import { analyzerForBrowser } from '$lib/server/analyzer';
import { allScenarios } from '$lib/server/scenarios';
import type { PageServerLoad } from './$types';

// Everything /coach needs to analyse in the browser as the trainee types: the compiled rules and
// the authored replies (no login: a classroom tool).
export const load: PageServerLoad = () => ({ rules: analyzerForBrowser(), ...phrasePool(allScenarios()) });
