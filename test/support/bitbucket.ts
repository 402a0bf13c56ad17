import { assembleFolder } from '../../src/ingest/assemble';
import type { Pipeline } from '../../src/model';

/** A Bitbucket pipeline of one step, `Test`, with a `postgres` service whose `variables:` are these lines (`NAME: value`). */
export function withPostgresService(variables: readonly string[]): Pipeline {
	const config = [
		'definitions:',
		'  services:',
		'    postgres:',
		'      image: postgres:16',
		'      variables:',
		...variables.map((line) => `        ${line}`),
		'pipelines:',
		'  default:',
		'    - step:',
		'        name: Test',
		'        services: [postgres]',
		'        script:',
		'          - make test',
	].join('\n');
	const [pipeline] = assembleFolder({ group: 'p', displayPrefix: 'p/', files: [{ path: 'bitbucket-pipelines.yml', text: config }] });
	return pipeline!;
}
