import { pipelinesFrom } from './inputs';

export async function model(path: string): Promise<number> {
	const { pipelines, isFile } = await pipelinesFrom(path);
	const output = isFile && pipelines.length === 1 ? pipelines[0] : pipelines;
	process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
	return 0;
}
