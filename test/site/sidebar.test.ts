import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/model';
import { pipelineSidebar, pipelinesGroup, SIDEBAR_PIPELINES } from '../../src/site/sidebar';

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

describe('pipelinesGroup', () => {
	const href = (path: string) => `/docs/ci${path}`;

	it('gives a doc page the pipelines as the generated pages list them with none open, resolved under the base', () => {
		const pipelines = [pipeline('a', ['build']), pipeline('b')];
		expect(pipelinesGroup(pipelines, href)).toEqual({
			type: 'group',
			label: 'Pipelines',
			collapsed: false,
			badge: undefined,
			entries: [
				{ type: 'link', label: 'Pipeline a', href: '/docs/ci/pipelines/a/', isCurrent: false, badge: undefined, attrs: {} },
				{ type: 'link', label: 'Pipeline b', href: '/docs/ci/pipelines/b/', isCurrent: false, badge: undefined, attrs: {} },
			],
		});
	});

	it('on a site of many pipelines links to the overview for them', () => {
		const pipelines = Array.from({ length: SIDEBAR_PIPELINES + 1 }, (_, i) => pipeline(`p${i}`));
		expect(pipelinesGroup(pipelines, href).entries).toEqual([
			{ type: 'link', label: `All ${SIDEBAR_PIPELINES + 1} pipelines`, href: '/docs/ci/#pipelines', isCurrent: false, badge: undefined, attrs: {} },
		]);
	});
});
