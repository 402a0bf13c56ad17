import type { Pipeline, StoredPipeline } from '../model';

/**
 * The models of stored pipelines (see StoredPipeline), each parsed once for as long as its bytes
 * are the same: a build asks for every pipeline on every page. In `astro dev` a changed config
 * is stored as new bytes, parsed anew, and a pipeline no longer there is let go.
 */
export function storedPipelines(): (entries: readonly { id: string; data: StoredPipeline }[]) => Pipeline[] {
	const decoder = new TextDecoder();
	let parsed = new Map<string, { model: ArrayBuffer; pipeline: Pipeline }>();
	return (entries) => {
		const kept = new Map<string, { model: ArrayBuffer; pipeline: Pipeline }>();
		const pipelines = entries.map(({ id, data: { model } }) => {
			const known = parsed.get(id);
			const current = known?.model === model ? known : { model, pipeline: JSON.parse(decoder.decode(model)) as Pipeline };
			kept.set(id, current);
			return current.pipeline;
		});
		parsed = kept;
		return pipelines;
	};
}
