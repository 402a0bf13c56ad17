import { readPipelines } from '../src/ingest/read';
const dir = '/tmp/gen-M/pipelines';
await readPipelines(dir, 'pipelines/');
const t: number[] = [];
for (let i = 0; i < 8; i++) { const s = performance.now(); await readPipelines(dir, 'pipelines/'); t.push(performance.now() - s); }
console.log(t.map((x) => x.toFixed(0)).join(' '));
