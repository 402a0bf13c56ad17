import { describe, expect, it } from 'vitest';
import { at, diagnostics, entry, errors, parse, workflow, yaml } from './helpers';

/** Jobs `a`..`e` and a parameterised `test`, for workflow tests. */
const JOBS = yaml`
	jobs:
	  a: &job
	    docker: [{image: alpine}]
	    steps: [checkout]
	  b: *job
	  c: *job
	  d: *job
	  e: *job
	  test:
	    parameters:
	      os: {type: string}
	      node: {type: string, default: "20"}
	    docker: [{image: "cimg/node:<< parameters.node >>"}]
	    steps: [checkout]
`;

const withJobs = (workflows: string) => parse(`version: 2.1\n${JOBS}${workflows}`);

describe('requires, approval and contexts', () => {
	const output = withJobs(yaml`
		workflows:
		  release:
		    jobs:
		      - a
		      - b:
		          context: org-global
		      - hold:
		          type: approval
		          requires: [a, b]
		      - c:
		          requires:
		            - hold
		            - a: failed
		            - b: [success, canceled]
		          context: [aws, slack]
		      - d:
		          name: d-again
		          requires: [c]
	`);

	it('reads plain and status requirements', () => {
		expect(entry(output, 'release', 'c').requires).toEqual([
			{ entry: 'hold', status: ['success'] },
			{ entry: 'a', status: ['failed'] },
			{ entry: 'b', status: ['success', 'canceled'] },
		]);
	});

	it('reads approval gates without a job', () => {
		const hold = entry(output, 'release', 'hold');
		expect(hold).toMatchObject({ approval: true, requires: [{ entry: 'a' }, { entry: 'b' }] });
		expect(hold.jobId).toBeUndefined();
	});

	it('reads contexts as names and `name:` as the entry id', () => {
		expect(entry(output, 'release', 'b').contexts).toEqual(['org-global']);
		expect(entry(output, 'release', 'c').contexts).toEqual(['aws', 'slack']);
		expect(entry(output, 'release', 'd-again')).toMatchObject({ jobId: 'd', requires: [{ entry: 'c' }] });
	});

	it('runs a workflow without schedules on every push, and locates entries', () => {
		expect(workflow(output, 'release').triggers).toEqual([{ event: 'push', location: { file: '.circleci/config.yml', line: 17, column: 3 } }]);
		expect(output.triggers).toMatchObject([{ event: 'push' }]);
		expect(at(entry(output, 'release', 'a'))).toBe('19:9');
		expect(errors(output)).toEqual([]);
	});
});

describe('pre-steps and post-steps', () => {
	it("reads the steps a workflow adds around a job's own, commands and orbs included, with ids of their own", () => {
		const o = parse(yaml`
			version: 2.1
			commands:
			  notify: {steps: [{run: ./notify}]}
			jobs:
			  deploy: {docker: [{image: x}], steps: [{run: ./deploy}]}
			workflows:
			  w:
			    jobs:
			      - deploy:
			          pre-steps:
			            - run: echo start
			          post-steps:
			            - notify
			            - run: {name: Clean up, command: rm -rf tmp}
			      - deploy:
			          name: plain
		`);
		const e = entry(o, 'w', 'deploy');
		expect(e.preSteps?.map((s) => [s.id, s.kind, s.command])).toEqual([['pre-1', 'run', 'echo start']]);
		expect(e.postSteps?.map((s) => [s.id, s.name])).toEqual([
			['post-1', 'notify'],
			['post-2', 'Clean up'],
		]);
		expect(e.postSteps![0]!.children!.map((s) => [s.id, s.command])).toEqual([['post-1.1', './notify']]);
		expect(entry(o, 'w', 'plain').preSteps).toBeUndefined();
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o)).toEqual([]);
	});
});

describe('serial groups', () => {
	it('reads serial-group as entries that run one at a time, and rejects a group that is not a name', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  deploy: {docker: [{image: x}], steps: [{run: ./deploy}]}
			workflows:
			  w:
			    jobs:
			      - deploy:
			          serial-group: << pipeline.project.slug >>/deploy
			      - deploy:
			          name: again
			          serial-group: [a]
		`);
		expect(entry(o, 'w', 'deploy').concurrency).toEqual({ group: '<< pipeline.project.slug >>/deploy' });
		expect(entry(o, 'w', 'again').concurrency).toBeUndefined();
		expect(errors(o).map((d) => [d.code, at(d)])).toEqual([['invalid-type', '11:25']]);
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
	});
});

describe('filters', () => {
	const output = withJobs(yaml`
		workflows:
		  main:
		    jobs:
		      - a:
		          filters:
		            branches:
		              only: main
		      - b:
		          filters:
		            branches:
		              only: [main, /release\/.*/]
		              ignore: /wip-.*/
		            tags:
		              only: /^v\d+/
		      - c:
		          filters: pipeline.git.branch == "main" or pipeline.git.tag starts-with "v"
	`);

	it('reads names, lists and /regex/ patterns', () => {
		expect(entry(output, 'main', 'a').filters).toEqual({ branches: { only: [{ kind: 'exact', value: 'main' }] }, location: { file: '.circleci/config.yml', line: 20, column: 11 } });
		expect(entry(output, 'main', 'b').filters).toMatchObject({
			branches: {
				only: [
					{ kind: 'exact', value: 'main' },
					{ kind: 'regex', value: 'release\\/.*' },
				],
				ignore: [{ kind: 'regex', value: 'wip-.*' }],
			},
			tags: { only: [{ kind: 'regex', value: '^v\\d+' }] },
		});
	});

	it('keeps the expression form verbatim', () => {
		expect(entry(output, 'main', 'c').filters).toMatchObject({ expression: 'pipeline.git.branch == "main" or pipeline.git.tag starts-with "v"' });
		expect(errors(output)).toEqual([]);
	});
});

describe('matrix', () => {
	const output = withJobs(yaml`
		workflows:
		  main:
		    jobs:
		      - test:
		          matrix:
		            parameters:
		              os: [linux, mac]
		              node: ["18", "20"]
		            exclude:
		              - {os: mac, node: "18"}
		      - test:
		          name: smoke-<< matrix.os >>
		          matrix:
		            alias: smoke
		            parameters:
		              os: [linux, windows]
		      - a:
		          requires: [test]
		      - b:
		          requires: [smoke, test-linux-20]
	`);

	it('names instances as CircleCI does, minus excluded combinations', () => {
		const ids = workflow(output, 'main').entries!.map((e) => e.id);
		expect(ids).toEqual(['test-linux-18', 'test-linux-20', 'test-mac-20', 'smoke-linux', 'smoke-windows', 'a', 'b']);
		expect(entry(output, 'main', 'test-mac-20')).toMatchObject({ jobId: 'test', matrix: { os: 'mac', node: '20' }, matrixGroup: 'test', parameters: { os: 'mac', node: '20' } });
		expect(entry(output, 'main', 'smoke-windows')).toMatchObject({ jobId: 'test', matrix: { os: 'windows' }, matrixGroup: 'smoke' });
	});

	it('expands a requirement on a matrix alias or job name to every instance', () => {
		expect(entry(output, 'main', 'a').requires!.map((r) => r.entry)).toEqual(['test-linux-18', 'test-linux-20', 'test-mac-20', 'smoke-linux', 'smoke-windows']);
		expect(entry(output, 'main', 'b').requires!.map((r) => r.entry)).toEqual(['smoke-linux', 'smoke-windows', 'test-linux-20']);
		expect(errors(output)).toEqual([]);
	});

	it('substitutes matrix values in requires', () => {
		const chained = withJobs(yaml`
			workflows:
			  main:
			    jobs:
			      - test:
			          matrix: {parameters: {os: [linux, mac]}}
			      - test:
			          name: deploy-<< matrix.os >>
			          requires: [test-<< matrix.os >>]
			          matrix: {alias: deploy, parameters: {os: [linux, mac]}}
		`);
		expect(entry(chained, 'main', 'deploy-mac').requires).toEqual([{ entry: 'test-mac', status: ['success'] }]);
	});
});

describe('workflow conditions and triggers', () => {
	const output = parse(
		'version: 2.1\nparameters:\n  nightly: {type: boolean, default: false}\n' +
			JOBS +
			yaml`
		workflows:
		  version: 2
		  ci:
		    unless: << pipeline.parameters.nightly >>
		    jobs: [a]
		  release:
		    when:
		      and:
		        - equal: [main, << pipeline.git.branch >>]
		        - not: << pipeline.parameters.nightly >>
		    jobs: [a]
		  nightly:
		    triggers:
		      - schedule:
		          cron: "0 2 * * *"
		          filters:
		            branches:
		              only: [main]
		    jobs: [a]
	`,
	);

	it('renders when and unless as the condition under which the workflow runs', () => {
		expect(workflow(output, 'ci').condition).toBe('not << pipeline.parameters.nightly >>');
		expect(workflow(output, 'release').condition).toBe('("main" == << pipeline.git.branch >>) and not << pipeline.parameters.nightly >>');
	});

	it('reads schedule triggers instead of the push trigger', () => {
		expect(workflow(output, 'nightly').triggers).toMatchObject([
			{ event: 'schedule', cron: '0 2 * * *', filters: { branches: { only: [{ kind: 'exact', value: 'main' }] } } },
		]);
		expect(output.workflows!.map((w) => w.id)).toEqual(['ci', 'release', 'nightly']);
		expect(output.diagnostics!.filter((d) => d.severity !== 'info')).toEqual([]);
	});
});

describe('workflow errors', () => {
	it('reports unknown jobs and requirements, and still models the rest', () => {
		const output = withJobs(yaml`
			workflows:
			  main:
			    jobs:
			      - a
			      - tset
			      - c:
			          requires: [a, nope, e]
		`);
		expect(diagnostics(output, 'unknown-job')).toMatchObject([{ severity: 'error', location: { line: 20, column: 9 } }]);
		expect(diagnostics(output, 'unknown-job')[0]!.hint).toContain('`test`');
		const unknown = diagnostics(output, 'unknown-requirement');
		expect(unknown.map(at)).toEqual(['22:25', '22:31']);
		expect(unknown[1]!.hint).toContain('not listed in this workflow');
		expect(entry(output, 'main', 'c').requires).toEqual([{ entry: 'a', status: ['success'] }]);
		expect(entry(output, 'main', 'tset').jobId).toBeUndefined();
	});

	it('reports duplicate names and requirement cycles', () => {
		const output = withJobs(yaml`
			workflows:
			  main:
			    jobs:
			      - a: {requires: [b]}
			      - b: {requires: [a]}
			      - c
			      - c
		`);
		expect(diagnostics(output, 'requires-cycle')).toHaveLength(1);
		expect(diagnostics(output, 'duplicate-job-name')).toMatchObject([{ location: { line: 22, column: 9 } }]);
		expect(workflow(output, 'main').entries!.map((e) => e.id)).toEqual(['a', 'b', 'c', 'c (2)']);
	});

	it('reports invalid requires statuses', () => {
		const output = withJobs('workflows:\n  main:\n    jobs:\n      - a\n      - b:\n          requires:\n            - a: [succeeded]\n');
		expect(diagnostics(output, 'invalid-value')).toMatchObject([{ severity: 'error' }]);
		expect(entry(output, 'main', 'b').requires).toEqual([{ entry: 'a', status: ['success'] }]);
	});
});

describe('configs without workflows and dynamic configs', () => {
	it('runs the build job of a 2.0 config without workflows', () => {
		const output = parse(yaml`
			version: 2
			jobs:
			  build:
			    docker: [{image: alpine}]
			    branches:
			      only: [main]
			    steps: [checkout]
		`);
		expect(output.workflows).toMatchObject([{ id: 'workflow', entries: [{ id: 'build', jobId: 'build', filters: { branches: { only: [{ kind: 'exact', value: 'main' }] } } }] }]);
		expect(diagnostics(output, 'implicit-workflow')).toHaveLength(1);
		expect(diagnostics(output, 'not-modelled')).toEqual([]);
		expect(errors(output)).toEqual([]);
	});

	it('marks setup configs dynamic and finds their continuation', () => {
		const text = yaml`
			version: 2.1
			setup: true
			orbs:
			  path-filtering: circleci/path-filtering@1.0.0
			workflows:
			  setup:
			    jobs:
			      - path-filtering/filter:
			          config-path: .circleci/continue.yml
		`;
		const files = new Map([
			['.circleci/continue.yml', 'version: 2.1\n'],
			['.circleci/continue_config.yml', 'version: 2.1\n'],
		]);
		const output = parse(text, { files });
		expect(output.dynamic).toEqual({ continuation: '.circleci/continue.yml' });
		const [info] = diagnostics(output, 'dynamic-config');
		expect(info).toMatchObject({ severity: 'info', location: { line: 2, column: 1 } });
		expect(info!.message).toContain('generated when it runs');
		expect(parse(text, { files: new Map([['.circleci/continue_config.yml', '']]) }).dynamic).toEqual({ continuation: '.circleci/continue_config.yml' });
		expect(parse(text).dynamic).toEqual({});
		// The config itself is among the folder's files; it is never its own continuation.
		expect(parse(text.replace('.circleci/continue.yml', '.circleci/config.yml'), { files: new Map([['.circleci/config.yml', text]]) }).dynamic).toEqual({});
		expect(parse(text.replace('setup: true', 'setup: false')).dynamic).toBeUndefined();
	});
});

describe('YAML anchors and merge keys', () => {
	it('models jobs built from anchors and merge keys', () => {
		const output = parse(yaml`
			version: 2
			defaults: &defaults
			  docker:
			    - image: circleci/node:10
			  working_directory: ~/dist
			  environment: &env
			    CI: "true"
			jobs:
			  build:
			    <<: *defaults
			    steps: [checkout]
			  test:
			    <<: *defaults
			    environment:
			      <<: *env
			      SUITE: unit
			    steps: [checkout]
			workflows:
			  version: 2
			  main:
			    jobs: [build, test]
		`);
		const build = output.jobs.find((j) => j.id === 'build')!;
		expect(build.executor).toMatchObject({ kind: 'docker', images: [{ image: 'circleci/node:10' }], workingDirectory: '~/dist', location: { line: 3, column: 3 } });
		expect(build.env).toMatchObject([{ name: 'CI', value: 'true', definedAt: { line: 7, column: 5 } }]);
		expect(output.jobs.find((j) => j.id === 'test')!.env!.map((e) => e.name)).toEqual(['CI', 'SUITE']);
		expect(diagnostics(output, 'not-modelled')).toMatchObject([{ severity: 'info', location: { line: 2, column: 1 } }]);
		expect(errors(output)).toEqual([]);
	});
});

describe('automatic reruns', () => {
	it('reads max_auto_reruns as reruns of the workflow from its failed jobs, a parameter as written', () => {
		const o = withJobs(yaml`
			parameters:
			  reruns: {type: integer, default: 2}
			workflows:
			  flaky:
			    max_auto_reruns: 3
			    jobs: [a]
			  param:
			    max_auto_reruns: << pipeline.parameters.reruns >>
			    jobs: [b]
			  plain:
			    jobs: [c]
		`);
		expect(workflow(o, 'flaky').rerun).toEqual({ max: 3 });
		expect(workflow(o, 'param').rerun).toEqual({ max: '<< pipeline.parameters.reruns >>' });
		expect(workflow(o, 'plain').rerun).toBeUndefined();
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o)).toEqual([]);
	});

	it('rejects a count CircleCI refuses, at the value', () => {
		const o = withJobs(yaml`
			workflows:
			  zero:
			    max_auto_reruns: 0
			    jobs: [a]
			  many:
			    max_auto_reruns: 6
			    jobs: [b]
			  text:
			    max_auto_reruns: often
			    jobs: [c]
		`);
		const rejected = errors(o).filter((d) => d.code === 'invalid-value');
		expect(rejected.map((d) => [d.message, at(d)])).toEqual([
			['`max_auto_reruns` must be a whole number from 1 to 5, not 0', '18:22'],
			['`max_auto_reruns` must be a whole number from 1 to 5, not 6', '21:22'],
			['`max_auto_reruns` must be a whole number from 1 to 5, not often', '24:22'],
		]);
		expect(['zero', 'many', 'text'].map((id) => workflow(o, id).rerun)).toEqual([undefined, undefined, undefined]);
	});
});
