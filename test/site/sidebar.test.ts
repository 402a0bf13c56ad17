import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/model';
import { pipelineItems, pipelinesGroup, prevNextLinks, SIDEBAR_PIPELINES } from '../../src/site/sidebar';

const pipeline = (id: string, jobs: string[] = []) =>
	({ id, title: `Pipeline ${id}`, jobs: jobs.map((j) => ({ id: j, slug: j, name: `Job ${j}` })) }) as unknown as Pipeline;

describe('pipelineItems', () => {
	it('lists every pipeline of a small site, the current one open with its jobs', () => {
		const pipelines = [pipeline('a', ['build', 'test']), pipeline('b', ['deploy'])];
		expect(pipelineItems(pipelines, pipelines[0])).toEqual([
			{ label: 'Pipeline a', items: [{ label: 'Pipeline overview', link: '/pipelines/a/' }, { label: 'Job build', link: '/pipelines/a/jobs/build/' }, { label: 'Job test', link: '/pipelines/a/jobs/test/' }] },
			{ label: 'Pipeline b', link: '/pipelines/b/' },
		]);
	});

	it('on a site of many pipelines lists the current one and links to the overview for the rest', () => {
		const pipelines = Array.from({ length: SIDEBAR_PIPELINES + 1 }, (_, i) => pipeline(`p${i}`, ['build']));
		expect(pipelineItems(pipelines, pipelines[3])).toEqual([
			{ label: 'Pipeline p3', items: [{ label: 'Pipeline overview', link: '/pipelines/p3/' }, { label: 'Job build', link: '/pipelines/p3/jobs/build/' }] },
			{ label: `All ${SIDEBAR_PIPELINES + 1} pipelines`, link: '/#pipelines' },
		]);
		expect(pipelineItems(pipelines)).toEqual([{ label: `All ${SIDEBAR_PIPELINES + 1} pipelines`, link: '/#pipelines' }]);
		expect(pipelineItems(pipelines.slice(1))).toHaveLength(SIDEBAR_PIPELINES);
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

	it("opens a pipeline's page's own pipeline and marks the page's link, with or without its trailing slash", () => {
		const pipelines = [pipeline('a', ['build', 'test']), pipeline('b')];
		const link = (label: string, path: string, isCurrent = false) => ({ type: 'link', label, href: `/docs/ci${path}`, isCurrent, badge: undefined, attrs: {} });
		expect(pipelinesGroup(pipelines, href, pipelines[0], '/docs/ci/pipelines/a/jobs/test/').entries).toEqual([
			{ type: 'group', label: 'Pipeline a', collapsed: false, badge: undefined, entries: [link('Pipeline overview', '/pipelines/a/'), link('Job build', '/pipelines/a/jobs/build/'), link('Job test', '/pipelines/a/jobs/test/', true)] },
			link('Pipeline b', '/pipelines/b/'),
		]);
		const current = (pathname: string) => pipelinesGroup(pipelines, href, pipelines[0], pathname).entries.flatMap((e) => (e.type === 'group' ? e.entries : [e])).filter((e) => e.type === 'link' && e.isCurrent);
		expect(current('/docs/ci/pipelines/a/jobs/test')).toHaveLength(1);
		expect(current('/docs/ci/pipelines/a/')).toEqual([link('Pipeline overview', '/pipelines/a/', true)]);
		// A run's page is its pipeline's, but no link of the sidebar.
		expect(current('/docs/ci/pipelines/a/runs/7/')).toEqual([]);
	});
});

describe('prevNextLinks', () => {
	const link = (label: string, isCurrent = false) => ({ type: 'link' as const, label, href: `/${label}/`, isCurrent, badge: undefined, attrs: {} });
	const group = (label: string, entries: ReturnType<typeof link>[]) => ({ type: 'group' as const, label, collapsed: false, badge: undefined, entries });

	it('gives the links beside the current one, across groups', () => {
		const sidebar = [link('overview'), group('Pipelines', [link('a'), link('b', true)]), group('Other', [link('c')])];
		expect(prevNextLinks(sidebar)).toEqual({ prev: link('a'), next: link('c') });
		expect(prevNextLinks([link('first', true), link('second')])).toEqual({ prev: undefined, next: link('second') });
		expect(prevNextLinks([link('first'), link('last', true)])).toEqual({ prev: link('first'), next: undefined });
	});

	it('gives none to a page the sidebar does not list', () => {
		expect(prevNextLinks([link('a'), group('g', [link('b')])])).toEqual({ prev: undefined, next: undefined });
	});
});
