import { describe, expect, it } from 'vitest';
import { buildWorkflowDiagram, escapeMermaid, isDeployJob, legendApart, workflowToMermaid, wrapLabel } from '../../src/diagram/mermaid';
import { describeDiagram } from '../../src/diagram/render';
import { assembleFolder } from '../../src/ingest/assemble';
import { example, examplePipelines, makePipeline, officialMermaidParse } from './support';

const lines = (text: string) => text.split('\n').map((l) => l.trim());

describe('atlas-monorepo workflows', () => {
	it('draws untagged_build: one node per entry, one edge per requires, left to right', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'untagged_build')!;
		const { text, nodes } = buildWorkflowDiagram(p, w, { legend: false });
		expect(text.startsWith('flowchart LR\n')).toBe(true);
		for (const [i, name] of ['install', 'lint', 'test', 'build', 'push-containers'].entries()) expect(lines(text)).toContain(`n${i}("${name}")`);
		// By the node's label as given, not as drawn: a long one is wrapped in the text.
		const id = (label: string) => nodes.find((n) => n.label === label)!.id;
		const requires = [
			['install', 'lint'],
			['install', 'test'],
			['lint', 'build'],
			['test', 'build'],
			['build', 'push-containers'],
			['push-containers', 'release-preproduction'],
			['release-preproduction', 'track-preproduction-release'],
		];
		for (const [a, b] of requires) expect(lines(text)).toContain(`${id(a!)} --> ${id(b!)}`);
		expect(lines(text).filter((l) => / --> n\d+$/.test(l))).toHaveLength(requires.length);
	});

	it('marks the deploy job and links it to its target, with the promotion to production', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'untagged_build')!;
		const d = buildWorkflowDiagram(p, w, { legend: false });
		expect(lines(d.text)).toContain('n5(["release-preproduction"])');
		expect(lines(d.text)).toContain('t0[("Pre-production #40;EKS#41;")]');
		expect(lines(d.text)).toContain('t1[("Production #40;EKS#41;")]');
		expect(lines(d.text)).toContain('n5 ==> t0');
		expect(lines(d.text)).toContain('t0 -->|"promote"| t1');
		expect(d.text).toMatch(/^ {2}class [\w,]*\bn5\b[\w,]* deploy$/m);
		expect(d.text).toMatch(/^ {2}class t0,t1 target$/m);
	});

	it('draws the workspace handed on past direct requirements as dotted edges', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'untagged_build')!;
		const d = buildWorkflowDiagram(p, w, { legend: false });
		const workspace = d.edges.filter((e) => e.type === 'workspace').map((e) => `${e.from}>${e.to}`);
		// install persists, build persists; lint/test attach but already require install directly.
		expect(workspace).toEqual(['n0>n3', 'n0>n4', 'n0>n5', 'n3>n5']);
		expect(lines(d.text)).toContain('n0 -.-> n3');
		expect(lines(d.text)).not.toContain('n0 -.-> n1');
	});

	it('draws the approval gate of tagged_deployment as a hexagon', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'tagged_deployment')!;
		const text = workflowToMermaid(p, w, { legend: false });
		expect(lines(text)).toContain('n0{{"hold-production"}}');
		expect(lines(text)).toContain('n0 --> n1');
		expect(lines(text)).toContain('n1 ==> t1');
		expect(text).toMatch(/^ {2}classDef approval /m);
		expect(text).toMatch(/^ {2}class n0 approval$/m);
	});

	it("draws untagged_build's job group as a box around its jobs, which it declares, saying it runs one at a time", async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'untagged_build')!;
		const d = buildWorkflowDiagram(p, w);
		expect(d.groups).toEqual([{ id: 'g0', label: 'ship-preproduction · one at a time', nodes: ['n4', 'n5', 'n6'] }]);
		const text = d.text.split('\n');
		const open = text.indexOf('  subgraph g0["ship-preproduction · one at a time"]');
		// Declared inside (a subgraph naming nodes declared before it is laid out as an empty box).
		expect(text.slice(open, open + 5)).toEqual(['  subgraph g0["ship-preproduction · one at a time"]', '    n4("push-containers")', '    n5(["release-preproduction"])', '    n6(["track-preproduction-<br/>release"])', '  end']);
		expect(text.filter((l) => /^\s+n[456][("[]/.test(l))).toHaveLength(3);
		// The page's legend explains the box; the picture's does not draw one.
		expect(d.legend.map((l) => l.key)).toContain('group');
		expect(d.text).not.toContain('Job group');
		expect(describeDiagram(d)).toContain('push-containers, release-preproduction, track-preproduction-release run as one unit, job group ship-preproduction · one at a time.');
	});

	it('adds a legend of only the kinds present', async () => {
		const p = await example('atlas-monorepo');
		const w = p.workflows.find((x) => x.id === 'tagged_deployment')!;
		const d = buildWorkflowDiagram(p, w);
		expect(d.legend.map((l) => l.key)).toEqual(['approval', 'deploy', 'target', 'promote']);
		expect(d.text).toContain('subgraph legend["Legend"]');
		expect(d.text).toContain('{{"Approval gate"}}');
		expect(d.text).not.toContain('Orb / reusable job');
	});

	it('parts a diagram from its legend: the workflow as its page draws it, the legend with its own classes', async () => {
		let compared = 0;
		for (const p of await examplePipelines()) {
			for (const w of p.workflows) {
				const first = new Set(w.entries.slice(0, 1).map((e) => e.id));
				for (const options of [{}, { detail: true }, { highlight: first }]) {
					const full = buildWorkflowDiagram(p, w, options).text;
					const apart = legendApart(full);
					// Laid out as the page's picture is, so elkjs lays out each workflow once.
					expect(apart?.body, `${p.id} ${w.id}`).toBe(buildWorkflowDiagram(p, w, { ...options, legend: false }).text);
					expect(apart!.legend).toMatch(/^flowchart (LR|TD)\n {2}subgraph legend\["Legend"\]\n/);
					// None of the workflow's nodes, entries (n0) or targets (t0), is named in the legend.
					expect(apart!.legend).not.toMatch(/\b[nt]\d+\b/);
					// Every line but the class assignments (parted between the two) is in one of them.
					const parted = new Set([...apart!.body.split('\n'), ...apart!.legend.split('\n')]);
					for (const line of full.split('\n')) if (!/^ {2}class /.test(line)) expect(parted.has(line), line).toBe(true);
					compared++;
				}
			}
		}
		expect(compared).toBeGreaterThan(30);
		expect(legendApart(buildWorkflowDiagram((await examplePipelines())[0]!, (await examplePipelines())[0]!.workflows[0]!, { legend: false }).text)).toBeUndefined();
	});

	it('says pipeline where the CI runs pipelines, not workflows (GitLab)', async () => {
		const p = await example('payments-api');
		const legend = buildWorkflowDiagram(p, p.workflows[0]!).legend;
		expect(legend.find((l) => l.key === 'job')?.description).toBe('A job of this pipeline; arrows point to the jobs that wait for it.');
		expect(legend.find((l) => l.key === 'allowFailure')?.description).toBe('Its failure does not fail the pipeline.');
		const circle = await example('atlas-monorepo');
		expect(buildWorkflowDiagram(circle, circle.workflows[0]!).legend.find((l) => l.key === 'job')?.description).toContain('this workflow');
	});
});

describe('other examples', () => {
	it('banking-clojure: the Heroku orb job is a deploy job and an orb job', async () => {
		const p = await example('banking-clojure');
		const d = buildWorkflowDiagram(p, p.workflows[0]!, { legend: false });
		const node = d.nodes.find((n) => n.label === 'heroku/deploy-via-git')!;
		expect(node.kind).toBe('deploy');
		expect(node.classes).toEqual(['deploy', 'orb']);
		expect(d.edges).toContainEqual({ from: node.id, to: 't0', type: 'deploys' });
	});
	it('lettings-django: staging promoted to production, which no job deploys', async () => {
		const p = await example('lettings-django');
		const d = buildWorkflowDiagram(p, p.workflows[0]!, { legend: false });
		expect(d.nodes.filter((n) => n.kind === 'target').map((n) => n.label)).toEqual(['Staging (Heroku)', 'Production (Heroku)']);
		expect(d.edges.filter((e) => e.type === 'promote')).toEqual([{ from: 't0', to: 't1', type: 'promote', label: 'promote' }]);
		expect(d.nodes.find((n) => n.label === 'deploy_on_heroku')!.kind).toBe('deploy');
	});
});

describe('matrix', () => {
	const matrix = () =>
		makePipeline({
			jobs: [{ id: 'build' }, { id: 'test' }, { id: 'publish' }],
			entries: [
				{ id: 'build' },
				...[1, 2, 3, 4, 5, 6].map((i) => ({ id: `test-${i}`, job: 'test', requires: ['build'], matrixGroup: 'test' })),
				{ id: 'publish', requires: [1, 2, 3, 4, 5, 6].map((i) => `test-${i}`) },
			],
		});
	it('groups the instances of a matrix into one node with the count', () => {
		const p = matrix();
		const d = buildWorkflowDiagram(p, p.workflows[0]!, { legend: false });
		expect(d.nodes.map((n) => n.label)).toEqual(['build', 'test ×6', 'publish']);
		expect(lines(d.text)).toContain('n1("test ×6")');
		expect(d.edges).toEqual([
			{ from: 'n0', to: 'n1', type: 'requires' },
			{ from: 'n1', to: 'n2', type: 'requires' },
		]);
		expect(d.nodes[1]!.entries).toHaveLength(6);
	});
	it('expands them with detail', () => {
		const p = matrix();
		const d = buildWorkflowDiagram(p, p.workflows[0]!, { legend: false, detail: true });
		expect(d.nodes).toHaveLength(8);
		expect(d.edges.filter((e) => e.type === 'requires')).toHaveLength(12);
		expect(d.direction).toBe('TD');
	});
	it('dims a group only when none of its instances is highlighted', () => {
		const p = matrix();
		const some = buildWorkflowDiagram(p, p.workflows[0]!, { highlight: new Set(['build', 'test-3']) });
		expect(some.nodes.map((n) => n.classes.includes('dimmed'))).toEqual([false, false, true]);
		expect(some.text).toMatch(/^ {2}class n2(,l\d+)? dimmed$/m);
		expect(some.legend.map((l) => l.key)).toContain('dimmed');
	});
});

describe('kinds', () => {
	it('finds deploy jobs by target, by helm/kubectl/heroku commands and by the Heroku orb', () => {
		const p = makePipeline({
			jobs: [
				{ id: 'a', deployTarget: 'prod' },
				{ id: 'b', commands: ['helm upgrade --install app ./chart'] },
				{ id: 'c', commands: ['echo hi && kubectl apply -f k8s/'] },
				{ id: 'd', commands: ['git push heroku main'] },
				{ id: 'e', origin: 'heroku/deploy-via-git' },
				{ id: 'f', commands: ['npm i helmet', 'echo kubectl-like'] },
				{ id: 'g', origin: 'node/test' },
			],
			entries: [],
		});
		expect(p.jobs.map((j) => isDeployJob(j))).toEqual([true, true, true, true, true, false, false]);
	});
	it('gives each kind its shape and class, allowed failures a class of their own', () => {
		const p = makePipeline({
			jobs: [{ id: 'lint', allowFailure: true }, { id: 'orbjob', origin: 'node/test' }, { id: 'ship', commands: ['kubectl apply -f x'] }],
			entries: [{ id: 'lint' }, { id: 'orbjob' }, { id: 'hold', approval: true, requires: ['lint', 'orbjob'] }, { id: 'ship', requires: ['hold'] }],
		});
		const text = workflowToMermaid(p, p.workflows[0]!, { legend: false });
		expect(lines(text)).toEqual(expect.arrayContaining(['n0("lint")', 'n1[["orbjob"]]', 'n2{{"hold"}}', 'n3(["ship"])']));
		expect(text).toMatch(/^ {2}class n0 allowFailure$/m);
		expect(text).toMatch(/^ {2}classDef allowFailure stroke-dasharray:5 3$/m);
	});
	it('dashes only the matrix instances an expression lets fail, and no job an undecided expression may', () => {
		const [p] = assembleFolder({
			group: 'g',
			displayPrefix: 'g/',
			files: [
				{
					path: '.github/workflows/ci.yml',
					text: [
						'on: push',
						'jobs:',
						'  test:',
						'    runs-on: x',
						'    continue-on-error: ${{ matrix.experimental }}',
						// The instance that may fail comes first: the matrix's node must not take its dashes.
						'    strategy: {matrix: {php: ["8.4"], experimental: [true], include: [{php: "8.3", experimental: false}]}}',
						'    steps: [{run: x}]',
						'  nightly:',
						'    runs-on: x',
						"    continue-on-error: ${{ github.event_name == 'schedule' }}",
						'    steps: [{run: x}]',
						'',
					].join('\n'),
				},
			],
		});
		const dashed = (detail: boolean) =>
			buildWorkflowDiagram(p!, p!.workflows[0]!, { detail })
				.nodes.filter((n) => n.classes.includes('allowFailure'))
				.flatMap((n) => n.entries);
		// Instance by instance, the one that may fail is dashed.
		expect(dashed(true)).toEqual(['test (8.4, true)']);
		// One node for the matrix: dashed only if every instance may fail, which is not so here.
		expect(dashed(false)).toEqual([]);
	});
	it('draws a manual deploy job in the shape of a gate, named in the legend as started by hand, with the deploy class', () => {
		const p = makePipeline({ jobs: [{ id: 'deploy', commands: ['helm upgrade app ./chart'] }], entries: [{ id: 'deploy' }] });
		p.workflows[0]!.entries[0]!.approval = true;
		const diagram = buildWorkflowDiagram(p, p.workflows[0]!);
		expect(diagram.nodes[0]!).toMatchObject({ kind: 'approval', classes: ['manual', 'deploy'], jobId: 'deploy' });
		expect(diagram.legend.map((item) => item.label)).toEqual(['Started by hand', 'Deploy job']);
		expect(workflowToMermaid(p, p.workflows[0]!)).toContain('{{"Started by hand"}}');
	});
	it('keeps an approval gate (no job of its own) an approval gate', () => {
		const p = makePipeline({ jobs: [{ id: 'release' }], entries: [{ id: 'hold' }, { id: 'release', requires: ['hold'] }] });
		p.workflows[0]!.entries[0]!.approval = true;
		delete p.workflows[0]!.entries[0]!.jobId;
		const diagram = buildWorkflowDiagram(p, p.workflows[0]!);
		expect(diagram.nodes.find((n) => n.label === 'hold')).toMatchObject({ kind: 'approval', classes: ['approval'] });
		expect(diagram.legend.map((item) => item.label)).toContain('Approval gate');
	});
	it('labels requirements on other statuses', () => {
		const p = makePipeline({ jobs: [{ id: 'a' }, { id: 'b' }], entries: [{ id: 'a' }, { id: 'b', requires: ['a'] }] });
		p.workflows[0]!.entries[1]!.requires[0]!.status = ['success', 'failed'];
		expect(workflowToMermaid(p, p.workflows[0]!)).toContain('n0 -->|"success or failed"| n1');
	});
});

describe('layout and labels', () => {
	it('runs deep narrow graphs left to right and wide ones top down', () => {
		const chain = makePipeline({ jobs: ['a', 'b', 'c'].map((id) => ({ id })), entries: [{ id: 'a' }, { id: 'b', requires: ['a'] }, { id: 'c', requires: ['b'] }] });
		expect(buildWorkflowDiagram(chain, chain.workflows[0]!).direction).toBe('LR');
		const fan = makePipeline({ jobs: ['a', 'b', 'c', 'd'].map((id) => ({ id })), entries: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd', requires: ['a', 'b', 'c'] }] });
		expect(buildWorkflowDiagram(fan, fan.workflows[0]!).direction).toBe('TD');
		expect(buildWorkflowDiagram(fan, fan.workflows[0]!, { direction: 'LR' }).text).toMatch(/^flowchart LR/);
	});
	it('wraps long names at separators', () => {
		expect(wrapLabel('deploy-to-production-eu-west-and-us-east-clusters', 24)).toEqual(['deploy-to-production-eu-', 'west-and-us-east-', 'clusters']);
		expect(wrapLabel('short', 24)).toEqual(['short']);
		expect(wrapLabel('x'.repeat(50), 24)).toEqual(['x'.repeat(24), 'x'.repeat(24), 'xx']);
		const p = makePipeline({ jobs: [{ id: 'integration tests against the staging database' }], entries: [{ id: 'integration tests against the staging database' }] });
		expect(workflowToMermaid(p, p.workflows[0]!, { legend: false })).toContain('n0("integration tests<br/>against the staging<br/>database")');
	});
	it('is deterministic', async () => {
		for (const p of await examplePipelines()) for (const w of p.workflows) expect(workflowToMermaid(p, w)).toBe(workflowToMermaid(p, w));
	});
});

const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'"]; click n0 "javascript:alert(1)"',
	'a"] --> evil["b',
	'end',
	'x --> y',
	'javascript:alert(1)',
	'#quot;#lt;script#gt;',
	'line\nbreak\ttab',
	'<script>alert(1)</script>',
	'{{hex}} [[sub]] (round) |pipe| `tick` ; semi \\ back',
	'%%{init: {"securityLevel": "loose"}}%%',
	'classDef x fill:red',
];

describe('escaping', () => {
	const hostile = () =>
		makePipeline({
			jobs: HOSTILE.map((id) => ({ id })),
			entries: HOSTILE.map((id, i) => ({ id, ...(i > 0 ? { requires: [HOSTILE[i - 1]!] } : {}) })),
			targets: [{ id: 'prod', name: '<b>prod</b> "x"', tier: 'production', jobs: [HOSTILE[0]!] }],
		});
	it('writes every label as entity codes: no quote, bracket or markup character of a name survives', () => {
		expect(escapeMermaid('<img src=x onerror=alert(1)>')).toBe('#lt;img src=x onerror=alert#40;1#41;#gt;');
		expect(escapeMermaid('"#')).toBe('#quot;#35;');
		expect(escapeMermaid('javascript:x')).toBe('javascript#58;x');
		const p = hostile();
		const d = buildWorkflowDiagram(p, p.workflows[0]!, { legend: false, wrap: 200 });
		const nodeLines = lines(d.text).filter((l) => /^n\d+\(/.test(l));
		expect(nodeLines).toHaveLength(HOSTILE.length);
		for (const l of nodeLines) expect(l.replace(/#\w+;|<br\/>/g, '')).toMatch(/^n\d+\("[^"<>()[\]{}|`;\\#&]*"\)$/);
		expect(lines(d.text)).toContain('n0("#lt;img src=x onerror=alert#40;1#41;#gt;")');
		expect(lines(d.text)).toContain('t0[("#lt;b#gt;prod#lt;/b#gt; #quot;x#quot;")]');
		// Only generated ids appear outside labels.
		const outside = d.text.replace(/"[^"]*"/g, '""');
		expect(outside).not.toMatch(/click|javascript|script|init|evil|fill:red/);
	});
	it('stays valid for the official mermaid parser with the same graph', async () => {
		const parse = await officialMermaidParse();
		const p = hostile();
		await expect(parse(workflowToMermaid(p, p.workflows[0]!))).resolves.toBeTruthy();
	});
	it("writes a job group's name as entity codes too, in the box's label", async () => {
		const p = hostile();
		const w = p.workflows[0]!;
		const [first, second] = w.entries;
		const grouped = { ...w, entries: w.entries.map((e) => (e === first || e === second ? { ...e, jobGroup: HOSTILE[1]! } : e)), jobGroups: [{ id: HOSTILE[1]!, definition: HOSTILE[0]!, entries: [first!.id, second!.id], location: w.location }] };
		const text = workflowToMermaid(p, grouped, { legend: false, wrap: 200 });
		const box = lines(text).find((l) => l.startsWith('subgraph '))!;
		expect(box).toBe('subgraph g0["#quot;#93;#59; click n0 #quot;javascript#58;alert#40;1#41;#quot;"]');
		expect(text.replace(/"[^"]*"/g, '""')).not.toMatch(/click|javascript/);
		await expect((await officialMermaidParse())(text)).resolves.toBeTruthy();
	});
});

describe('official mermaid parser', () => {
	const variants = (first: Set<string>) => [{}, { legend: false }, { detail: true }, { highlight: first }, { direction: 'TD' as const }];
	it('accepts every diagram of the three example pipelines, in every variant', async () => {
		const parse = await officialMermaidParse();
		let count = 0;
		for (const id of ['atlas-monorepo', 'banking-clojure', 'lettings-django']) {
			const p = await example(id);
			for (const w of p.workflows) {
				for (const options of variants(new Set(w.entries.slice(0, 1).map((e) => e.id)))) {
					const text = workflowToMermaid(p, w, options);
					await expect(parse(text), `${p.id}/${w.id} ${JSON.stringify(options)}\n${text}`).resolves.toBeTruthy();
					count++;
				}
			}
		}
		expect(count).toBe(4 * 5);
	});
	it('accepts the diagrams of every pipeline under pipelines/', async () => {
		const parse = await officialMermaidParse();
		for (const p of await examplePipelines()) {
			for (const w of p.workflows) {
				const text = workflowToMermaid(p, w);
				await expect(parse(text), `${p.id}/${w.id}\n${text}`).resolves.toBeTruthy();
			}
		}
	});
	it('rejects broken text (the check is real)', async () => {
		const parse = await officialMermaidParse();
		await expect(parse('flowchart LR\n  n0("a "quoted" b")\n')).rejects.toThrow();
	});
});
