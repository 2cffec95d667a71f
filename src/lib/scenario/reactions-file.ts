// The reaction tables as authors write them (docs/scenario-format.md, "Off-script replies"):
// shared defaults in scenarios/reactions/defaults.yaml, per persona archetype there, and per
// scenario under `reactions:`. Validated with the scenario compiler's parse and wording, merged
// into one CompiledReactions per scenario at compile time (the browser never sees this module).
import { z } from 'zod';
import { ALL_CODES, ARCHETYPES } from '../domain';
import { limitDiagnostics, parse, sortDiagnostics, validateSchema, type SchemaWording } from './compiler';
import { reactionLine as line, moodDelta as delta, reactionCostsSchema, reactionOverrideSchema } from './schema';
import { REACTION_KEYS } from './reactions';
import type { Diagnostic } from './types';

/** Where the shared defaults live, relative to the project root. */
export const REACTIONS_PATH = 'scenarios/reactions/defaults.yaml';


export const reactionDefaultsSchema = z.strictObject({
	version: z.literal(1, { error: () => 'version must be 1' }),
	costs: reactionCostsSchema,
	mood: z.record(z.enum(ALL_CODES), delta),
	lines: z.record(z.enum(REACTION_KEYS), z.array(line).min(1, 'give at least one line')),
	personas: z.partialRecord(z.enum(ARCHETYPES), reactionOverrideSchema).default({})
});
export type ReactionDefaults = z.output<typeof reactionDefaultsSchema>;

const WORDING: SchemaWording = {
	notAMap: 'a reactions file is a YAML map (version, costs, mood, lines, personas)',
	itemNoun: {}
};

/** Parses and validates the shared defaults: every code needs a mood change and at least one line. */
export function compileReactionDefaults(file: string, text: string): { defaults: ReactionDefaults | null; diagnostics: Diagnostic[] } {
	const parsed = parse(file, text);
	if (!parsed.ok) return { defaults: null, diagnostics: parsed.diagnostics };
	const valid = validateSchema(parsed.src, parsed.data, reactionDefaultsSchema, WORDING);
	if (!valid.file) return { defaults: null, diagnostics: limitDiagnostics(sortDiagnostics(valid.diagnostics)) };
	const missing: string[] = [];
	for (const c of ALL_CODES) if (valid.file.mood[c] === undefined) missing.push(`mood.${c}`);
	for (const k of REACTION_KEYS) if (!valid.file.lines[k]) missing.push(`lines.${k}`);
	if (missing.length)
		return { defaults: null, diagnostics: [{ file, line: 1, col: 1, severity: 'error', message: `the shared reaction table must cover every code: missing ${missing.join(', ')}` }] };
	return { defaults: valid.file, diagnostics: valid.diagnostics };
}
