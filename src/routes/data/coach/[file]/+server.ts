import * as t from '$lib/i18n';
import { coachFile } from '$lib/server/coachPayload';
import { immutableJson, noSuchFile } from '$lib/server/immutable';
import type { RequestHandler } from './$types';

// `<hash>.json`: /coach's phrase pool, situations and reactions (today's scenarios only).
export const GET: RequestHandler = ({ params }) => {
	const current = coachFile();
	if (params.file !== current.name) noSuchFile(t.dataRefusals.scenarioGone);
	return immutableJson(current.body);
};
