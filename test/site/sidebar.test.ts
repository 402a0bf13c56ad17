import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/model';
import { pipelineSidebar, SIDEBAR_PIPELINES } from '../../src/site/sidebar';

const pipeline = (id: string, jobs: string[] = []) =>
	({ id, title: `Pipeline ${id}`, jobs: jobs.map((j) => ({ id: j, slug: j, name: `Job ${j}` })) }) as unknown as Pipeline;
const group = (entries: ReturnType<typeof pipelineSidebar>) => entries.find((e) => 'label' in e && e.label === 'Pipelines') as { items: unknown[] };

describe('pipelineSidebar', () => {
	it('lists every pipeline of a small site, the current one open with its jobs', () => {
		const pipelines = [pipeline('a', ['build', 'test']), pipeline('b', ['deploy'])];
		expect(group(pipelineSidebar(pipelines, pipelines[0]))).toEqual({
			label: 'Pipelines',
			items: [
				{ label: 'Pipeline a', items: [{ label: 'Pipeline overview', link: '/pipelines/a/' }, { label: 'Job build', link: '/pipelines/a/jobs/build/' }, { label: 'Job test', link: '/pipelines/a/jobs/test/' }] },
				{ label: 'Pipeline b', link: '/pipelines/b/' },
			],
		});
	});

	it('on a site of many pipelines lists the current one and links to the overview for the rest', () => {
		const pipelines = Array.from({ length: SIDEBAR_PIPELINES + 1 }, (_, i) => pipeline(`p${i}`, ['build']));
		expect(group(pipelineSidebar(pipelines, pipelines[3])).items).toEqual([
			{ label: 'Pipeline p3', items: [{ label: 'Pipeline overview', link: '/pipelines/p3/' }, { label: 'Job build', link: '/pipelines/p3/jobs/build/' }] },
			{ label: `All ${SIDEBAR_PIPELINES + 1} pipelines`, link: '/#pipelines' },
		]);
		expect(group(pipelineSidebar(pipelines)).items).toEqual([{ label: `All ${SIDEBAR_PIPELINES + 1} pipelines`, link: '/#pipelines' }]);
		expect(group(pipelineSidebar(pipelines.slice(1))).items).toHaveLength(SIDEBAR_PIPELINES);
	});
});
