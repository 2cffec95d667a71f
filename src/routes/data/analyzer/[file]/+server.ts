import * as t from '$lib/i18n';
import { analyzerFile } from '$lib/server/analyzer';
import { immutableJson, noSuchFile } from '$lib/server/immutable';
import type { RequestHandler } from './$types';

// `<hash>.json`: the analyzer's browser copy of the current rules. An attempt read with older
// rules gets them inline in the play page instead.
export const GET: RequestHandler = ({ params }) => {
	const current = analyzerFile();
	if (params.file !== current.name) noSuchFile(t.dataRefusals.rulesGone);
	return immutableJson(current.body);
};
