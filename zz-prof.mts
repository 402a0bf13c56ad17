import { readPipelines } from './src/ingest/read';
const dir = '/tmp/benchM/pipelines';
await readPipelines(dir, 'pipelines/');
const t = performance.now();
for (let i = 0; i < 7; i++) await readPipelines(dir, 'pipelines/');
console.log(((performance.now() - t) / 7).toFixed(0), 'ms');
