import { readPipelines } from './src/ingest/read';
import { Pipeline } from './src/model';
const ps = await readPipelines('/tmp/benchM/pipelines', 'pipelines/');
const json = JSON.parse(JSON.stringify(ps));
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  for (let i = 0; i < 7; i++) for (const p of json) Pipeline.safeParse(p);
  console.log('zod per pass', ((performance.now() - t) / 7).toFixed(0), 'ms');
}
