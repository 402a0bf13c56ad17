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
});
