// The active locale's strings (zh-CN is the only locale so far), one export per area. Import them
// as a namespace, `import * as t from '$lib/i18n'`, and read `t.area.key`: the bundler then keeps
// only the areas some browser code reads (the server's refusals never reach the browser).
export * from './zh-CN/app';
export * from './zh-CN/library';
export * from './zh-CN/play';
export * from './zh-CN/play-later';
export * from './zh-CN/call';
export * from './zh-CN/typed-feedback';
export * from './zh-CN/voice-gate';
export * from './zh-CN/voice';
export * from './zh-CN/debrief';
export * from './zh-CN/coach';
export * from './zh-CN/progress';
export * from './zh-CN/quiz';
export * from './zh-CN/tables';
export * from './zh-CN/people';
export * from './zh-CN/assignments';
export * from './zh-CN/dashboard';
export * from './zh-CN/studio-yaml';
export * from './zh-CN/server';
export * from './zh-CN/studio';
export * from './zh-CN/studio-outline';
export * from './zh-CN/studio-graph';
export * from './zh-CN/studio-check';
