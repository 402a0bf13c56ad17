import { describe, expect, it } from 'vitest';
import { variablesIn } from '../../src/ingest/env-usage';

const names = (text: string) => variablesIn(text).map((u) => `${u.source}:${u.name}`);

describe('variablesIn', () => {
	it('finds shell variables in both spellings, with default-value forms', () => {
		expect(names('docker build -t ${DOCKER_REPO}/web:$CIRCLE_SHA1 --build-arg X=${BUILD_ARG:-none} .')).toEqual([
			'shell:DOCKER_REPO',
			'shell:CIRCLE_SHA1',
			'shell:BUILD_ARG',
		]);
	});
	it('skips what the script sets itself, positional and special parameters, and command substitution', () => {
		expect(names('TAG=0.1.$CIRCLE_BUILD_NUM\ndocker push img:$TAG\nfor f in *; do echo $f $1 $? $$; done\necho $(date)')).toEqual(['shell:CIRCLE_BUILD_NUM']);
	});
	it('reads GitHub expressions by context, never mistaking them for shell syntax', () => {
		expect(names('deploy --token ${{ secrets.VERCEL_TOKEN }} --env ${{ env.STAGE }} --org ${{ vars.ORG }} ${{ github.sha }}')).toEqual([
			'secrets:VERCEL_TOKEN',
			'env:STAGE',
			'vars:ORG',
		]);
	});
	it('reads CircleCI pipeline values', () => {
		expect(names('echo << pipeline.git.branch >> <<pipeline.number>>')).toEqual(['pipeline:pipeline.git.branch', 'pipeline:pipeline.number']);
	});
});
