// Serves the built app. Local mode serves one machine, so it listens on localhost unless HOST says
// otherwise.
process.env.HOST ||= '127.0.0.1';
process.env.PORT ||= '3000';
process.env.ORIGIN ||= `http://localhost:${process.env.PORT}`;
const { existsSync } = await import('node:fs');
if (!existsSync(new URL('../build/index.js', import.meta.url))) {
	console.error('No build found: run `npm run build` first (or `npm start`, which builds and serves).');
	process.exit(1);
}
await import('../build/index.js');
console.log(`客诉教练 is running on ${process.env.ORIGIN}`);
