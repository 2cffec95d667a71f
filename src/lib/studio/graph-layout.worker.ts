// Lays out the studio's graph off the main thread: a 200-node draft takes dagre about a second,
// which would freeze typing if it ran on the page. Messages: { seq, graph } in, { seq, layout } out.
import { layoutGraph } from './graph-layout';
import type { Graph } from './graph-model';

self.onmessage = (event: MessageEvent<{ seq: number; graph: Graph }>) => {
	const { seq, graph } = event.data;
	self.postMessage({ seq, layout: layoutGraph(graph) });
};
