import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWorkflowDiagram } from '../../src/diagram/mermaid';
import { assembleFolder } from '../../src/ingest/assemble';

const path = fileURLToPath(new URL('../../../shared/seed-systems/titus/circleci-config.tagged-deploy.yml', import.meta.url));

describe.skipIf(!existsSync(path))('Titus seed diagrams', () => {
	const [pipeline] = existsSync(path)
		? assembleFolder({ group: 'titus', displayPrefix: '', files: [{ path: 'circleci-config.tagged-deploy.yml', text: readFileSync(path, 'utf8') }] })
		: [];
	/** Edges between entries as `from -> to`, by entry id. */
	function requiresEdges(workflowId: string): string[] {
		const workflow = pipeline!.workflows.find((w) => w.id === workflowId)!;
		const diagram = buildWorkflowDiagram(pipeline!, workflow);
		const entryOf = new Map(diagram.nodes.map((n) => [n.id, n.entries[0]]));
		return diagram.edges.filter((e) => e.type === 'requires').map((e) => `${entryOf.get(e.from)} -> ${entryOf.get(e.to)}`);
	}

	it('untagged_build: install -> lint/test -> build -> push-containers -> release-preproduction', () => {
		expect(requiresEdges('untagged_build').sort()).toEqual(
			[
				'install -> lint',
				'install -> test',
				'test -> build',
				'lint -> build',
				'install -> build',
				'build -> push-containers',
				'push-containers -> release-preproduction',
			].sort(),
		);
	});

	it('tagged_deployment: release-production alone', () => {
		const workflow = pipeline!.workflows.find((w) => w.id === 'tagged_deployment')!;
		const diagram = buildWorkflowDiagram(pipeline!, workflow);
		expect(diagram.nodes.filter((n) => n.entries.length > 0).map((n) => n.entries)).toEqual([['release-production']]);
		expect(diagram.edges.filter((e) => e.type === 'requires')).toEqual([]);
	});
});
