// The reply analyzer's public API. Everything here is framework-free and runs in the browser: the
// compiled rules are plain JSON. Reading phrases.yaml from disk is the caller's job.
export { analyze, normalize, type Analysis } from './analyze';
export { compileRules, rulesSchema, type CompiledRules, type CompiledCode, type CompiledPattern, type RoutingRules, type RulesFile } from './rules';
export { routeTyped, type RouteCandidate, type RouteResult } from './route';
export { evaluate, parseLabelledReplies, score, type CodeScore, type Evaluation, type LabelledReply } from './evaluate';

/** Where the shipped rules live, relative to the project root. */
export const RULES_PATH = 'scenarios/analyzer/phrases.yaml';
