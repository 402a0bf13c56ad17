import { describe, expect, it } from 'vitest';
import { diagnostics, errors, job, parse, yaml } from './helpers';

describe('docker images', () => {
	it('reads how each container is started, and whether it is pulled with credentials (never their values)', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  test:
			    docker:
			      - image: cimg/python:3.12
			        user: circleci
			      - image: cimg/redis:7.4
			        command: [redis-server, --port, "7000"]
			        entrypoint: /bin/sh
			      - image: 123.dkr.ecr.eu-west-1.amazonaws.com/db:1
			        aws_auth: {aws_access_key_id: $AWS_KEY, aws_secret_access_key: $AWS_SECRET}
			    steps: [checkout]
			workflows: {w: {jobs: [test]}}
		`);
		expect(job(o, 'test').executor.images).toEqual([{ image: 'cimg/python:3.12', user: 'circleci' }]);
		expect(job(o, 'test').services).toEqual([
			{ image: 'cimg/redis:7.4', command: 'redis-server --port 7000', entrypoint: '/bin/sh' },
			{ image: '123.dkr.ecr.eu-west-1.amazonaws.com/db:1', credentials: true },
		]);
		expect(JSON.stringify(o.jobs)).not.toContain('AWS_SECRET');
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o)).toEqual([]);
	});

	it('keeps a second container’s environment as its own: the steps run in the first and never see it', () => {
		const o = parse(yaml`
			version: 2.1
			jobs:
			  test:
			    docker:
			      - image: cimg/node:22.11
			        environment: {DATABASE_URL: "postgres://localhost/app", API_TOKEN: planted-primary-token}
			      - image: cimg/postgres:16.4
			        environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: planted-db-password}
			    steps: [checkout]
			workflows: {w: {jobs: [test]}}
		`);
		const test = job(o, 'test');
		expect(test.env?.map((v) => v.name)).toEqual(['DATABASE_URL', 'API_TOKEN']);
		expect(test.services).toEqual([
			{
				image: 'cimg/postgres:16.4',
				env: [
					expect.objectContaining({ name: 'POSTGRES_USER', value: 'app', secret: false }),
					expect.objectContaining({ name: 'POSTGRES_PASSWORD', secret: true }),
				],
			},
		]);
		expect(JSON.stringify(o)).not.toMatch(/planted-(primary-token|db-password)/);
		// The job's own plaintext secret is a warning; the database's throwaway password a note.
		expect(diagnostics(o, 'secret-in-config').map((d) => [d.severity, d.message.split(' ')[0]])).toEqual([
			['warning', '`API_TOKEN`'],
			['info', '`POSTGRES_PASSWORD`'],
		]);
	});
});

describe('executor descriptions', () => {
	it("keeps a named executor's description with the job that uses it, parameters filled in", () => {
		const o = parse(yaml`
			version: 2.1
			executors:
			  node:
			    description: Node << parameters.tag >> with the browsers the end-to-end tests need
			    parameters: {tag: {type: string, default: "22.11"}}
			    docker: [{image: "cimg/node:<< parameters.tag >>-browsers"}]
			  bare:
			    docker: [{image: alpine}]
			jobs:
			  e2e: {executor: {name: node, tag: "20.18"}, steps: [checkout]}
			  lint: {executor: bare, steps: [checkout]}
			workflows: {w: {jobs: [e2e, lint]}}
		`);
		expect(job(o, 'e2e').executor).toMatchObject({ name: 'node', description: 'Node 20.18 with the browsers the end-to-end tests need' });
		expect(job(o, 'lint').executor.description).toBeUndefined();
		expect(diagnostics(o, 'not-modelled')).toEqual([]);
		expect(errors(o)).toEqual([]);
	});
});
