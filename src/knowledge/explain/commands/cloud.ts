/** Cloud and hosting CLIs: AWS, Google Cloud, Azure, Heroku, Terraform and the deploy tools of hosting services. */
import { code, codeList } from '../text';
import { has, operands, value } from './args';
import { piped } from './output';
import type { Cmd, CommandPattern } from './types';

const AWS_VALUED = ['--region', '--profile', '--output', '--query', '--endpoint-url', '--cli-read-timeout', '--cli-connect-timeout', '--color'];

function aws(cmd: Cmd): string {
	const [service = '', operation = '', ...rest] = operands(cmd, 0, [
		...AWS_VALUED, '--stack-name', '--template-file', '--cluster', '--service', '--function-name', '--distribution-id', '--paths', '--name', '--role-arn', '--role-session-name', '--task-definition', '--zip-file', '--s3-bucket', '--s3-key', '--image-uri', '--acl', '--exclude', '--include', '--cache-control', '--secret-id', '--names', '--parameter-overrides', '--capabilities', '--s3-prefix', '--output-template-file', '--family', '--container-definitions', '--cli-input-json', '--domain', '--domain-owner', '--repository', '--repository-name', '--image-ids', '--tool', '--application-name', '--environment-name', '--version-label', '--bucket', '--key', '--body', '--storage-class', '--content-type', '--metadata-directive', '--tags',
	]);
	const region = value(cmd, '--region');
	const inRegion = region ? ` in ${code(region)}` : '';
	const key = `${service} ${operation}`;
	switch (key) {
		case 'ecr get-login-password':
			return piped(cmd) ? `fetches a temporary Amazon ECR password${inRegion} (valid 12 hours) and hands it to the next command, usually \`docker login\`` : `prints a temporary Amazon ECR password${inRegion}`;
		case 'ecr get-login':
			return `prints a \`docker login\` command for Amazon ECR${inRegion} (AWS CLI version 1 only; version 2 replaced it with \`get-login-password\`)`;
		case 's3 sync': {
			const [from, to] = rest;
			return `copies the files of ${code(from ?? '?')} that are new or changed to ${code(to ?? '?')}${has(cmd, '--delete') ? ', deleting files there that are not in the source' : ''}${value(cmd, '--acl') ? ` with the ${code(value(cmd, '--acl')!)} access setting` : ''}`;
		}
		case 's3 cp': {
			const [from, to] = rest;
			return `copies ${code(from ?? '?')} to ${code(to ?? '?')}${has(cmd, '--recursive') ? ' (folders included)' : ''}`;
		}
		case 's3 mv':
			return `moves ${code(rest[0] ?? '?')} to ${code(rest[1] ?? '?')} in S3`;
		case 's3 rm':
			return `deletes ${code(rest[0] ?? '?')} from S3${has(cmd, '--recursive') ? ' (everything under it)' : ''}`;
		case 's3 ls':
			return `lists ${code(rest[0] ?? 'the S3 buckets')}`;
		case 's3 mb':
			return `creates the S3 bucket ${code(rest[0] ?? '?')}`;
		case 'cloudformation deploy':
			return `creates or updates the CloudFormation stack ${code(value(cmd, '--stack-name') ?? '?')} from ${code(value(cmd, '--template-file') ?? '?')}${inRegion}`;
		case 'cloudformation package':
			return `uploads the local code of the CloudFormation template ${code(value(cmd, '--template-file') ?? '?')} to S3 and writes a template that points to it`;
		case 'ecs update-service':
			return `updates the ECS service ${code(value(cmd, '--service') ?? '?')} in the cluster ${code(value(cmd, '--cluster') ?? '?')}${has(cmd, '--force-new-deployment') ? ', starting a new deployment of its tasks' : ''}`;
		case 'ecs register-task-definition':
			return `registers a new revision of the ECS task definition ${code(value(cmd, '--family') ?? '?')}`;
		case 'ecs wait':
			return 'waits until the ECS services are stable (the new tasks are running)';
		case 'ecs run-task':
			return `runs a one-off ECS task of ${code(value(cmd, '--task-definition') ?? '?')}`;
		case 'lambda update-function-code':
			return `uploads new code for the Lambda function ${code(value(cmd, '--function-name') ?? '?')}`;
		case 'lambda invoke':
			return `calls the Lambda function ${code(value(cmd, '--function-name') ?? '?')}`;
		case 'cloudfront create-invalidation':
			return `clears CloudFront’s cached copies of ${code(value(cmd, '--paths') ?? '?')}, so visitors get the new files`;
		case 'sts get-caller-identity':
			return 'prints which AWS account and role the credentials belong to';
		case 'sts assume-role':
		case 'sts assume-role-with-web-identity':
			return `gets temporary credentials for the IAM role ${code(value(cmd, '--role-arn') ?? '?')}`;
		case 'eks update-kubeconfig':
			return `writes kubectl’s settings for the EKS cluster ${code(value(cmd, '--name') ?? '?')}${inRegion}`;
		case 'ssm get-parameter':
		case 'ssm get-parameters':
			return `reads ${code(value(cmd, '--name', '--names') ?? '?')} from AWS Systems Manager Parameter Store`;
		case 'secretsmanager get-secret-value':
			return `reads the secret ${code(value(cmd, '--secret-id') ?? '?')} from AWS Secrets Manager`;
		case 'codeartifact login':
		case 'codeartifact get-authorization-token':
			return `gets a token to ${operation === 'login' ? `let ${code(value(cmd, '--tool') ?? '?')} install packages from` : 'use'} AWS CodeArtifact ${code(value(cmd, '--domain') ?? '')}`;
		case 'elasticbeanstalk create-application-version':
		case 'elasticbeanstalk update-environment':
			return `deploys ${code(value(cmd, '--version-label') ?? 'a new version')} to the Elastic Beanstalk environment ${code(value(cmd, '--environment-name') ?? value(cmd, '--application-name') ?? '?')}`;
		case 'ecr create-repository':
			return `creates the ECR repository ${code(value(cmd, '--repository-name') ?? '?')}`;
		case 'ecr describe-images':
		case 'ecr batch-get-image':
			return `looks up images in the ECR repository ${code(value(cmd, '--repository-name') ?? '?')}`;
	}
	if (service === 'configure') return operation === 'set' ? `stores the AWS CLI setting ${code(rest[0] ?? '?')}` : 'configures the AWS CLI';
	if (has(cmd, '--version')) return 'prints the AWS CLI version';
	return `calls the AWS API ${code(`${service} ${operation}`.trim())}${inRegion}`;
}

function awsRisks(cmd: Cmd): string[] {
	const risks: string[] = [];
	if (/\bs3 sync\b/.test(cmd.argText) && has(cmd, '--delete')) risks.push('`--delete` removes files from the destination that are not in the source: a wrong source path empties the bucket.');
	if (/public-read/.test(value(cmd, '--acl') ?? '')) risks.push('Makes the uploaded files readable by anyone on the internet.');
	if (/\becr get-login\b(?!-)/.test(cmd.argText)) risks.push('The printed `docker login` command carries the password on its command line, where it can show in logs and the process list.');
	return risks;
}

function gcloud(cmd: Cmd): string {
	const words = operands(cmd, 0, ['--project', '--region', '--zone', '--key-file', '--image', '--platform', '--tag', '--config', '--format', '--account', '--service-account', '--source', '--set-env-vars', '--memory', '--port', '--runtime', '--trigger-http', '--entry-point', '--location']);
	const text = words.join(' ');
	if (/^auth activate-service-account/.test(text)) return `logs gcloud in as a service account${value(cmd, '--key-file') ? ` with the key file ${code(value(cmd, '--key-file')!)}` : ''}`;
	if (/^auth configure-docker/.test(text)) return `lets \`docker\` push to and pull from Google’s registries${words[2] ? ` (${code(words[2])})` : ''} with gcloud’s credentials`;
	if (/^auth login/.test(text)) return 'logs gcloud in';
	if (/^config set project/.test(text)) return `selects the Google Cloud project ${code(words[3] ?? '?')}`;
	if (/^config set/.test(text)) return `sets the gcloud setting ${code(words[2] ?? '?')}`;
	if (/^builds submit/.test(text)) return `sends the source to Cloud Build${value(cmd, '--tag') ? ` to build the image ${code(value(cmd, '--tag')!)}` : ''}`;
	if (/^run deploy/.test(text)) return `deploys the Cloud Run service ${code(words[2] ?? '?')}${value(cmd, '--image') ? ` with the image ${code(value(cmd, '--image')!)}` : ''}${value(cmd, '--region') ? ` in ${code(value(cmd, '--region')!)}` : ''}`;
	if (/^app deploy/.test(text)) return `deploys the app to Google App Engine${words[2] ? ` from ${code(words[2])}` : ''}`;
	if (/^container clusters get-credentials/.test(text)) return `writes kubectl’s settings for the GKE cluster ${code(words[3] ?? '?')}`;
	if (/^functions deploy/.test(text)) return `deploys the Cloud Function ${code(words[2] ?? '?')}`;
	if (/^storage (cp|rsync)/.test(text)) return `copies ${code(words[2] ?? '?')} to ${code(words[3] ?? '?')} in Cloud Storage`;
	if (/^components install/.test(text)) return `installs the gcloud components ${codeList(words.slice(2))}`;
	return `runs the Google Cloud command ${code(`gcloud ${text}`, 50)}`;
}

function az(cmd: Cmd): string {
	const words = operands(cmd, 0, ['-n', '--name', '-g', '--resource-group', '-u', '--username', '-p', '--password', '-t', '--tenant', '--subscription', '--src', '--src-path', '--type', '--account-name', '-c', '--container-name', '-s', '--source', '-d', '--destination', '--plan', '--runtime', '-f', '--file']);
	const text = words.join(' ');
	if (/^login/.test(text)) return `logs the Azure CLI in${has(cmd, '--service-principal') ? ' as a service principal' : has(cmd, '--identity') ? ' with the machine’s managed identity' : ''}`;
	if (/^acr login/.test(text)) return `logs \`docker\` in to the Azure Container Registry ${code(value(cmd, '-n', '--name') ?? '?')}`;
	if (/^acr build/.test(text)) return 'builds the image in Azure Container Registry';
	if (/^webapp (deploy|up|deployment)/.test(text)) return `deploys to the Azure web app ${code(value(cmd, '-n', '--name') ?? '?')}`;
	if (/^aks get-credentials/.test(text)) return `writes kubectl’s settings for the AKS cluster ${code(value(cmd, '-n', '--name') ?? '?')}`;
	if (/^storage blob upload/.test(text)) return 'uploads files to Azure Blob Storage';
	if (/^functionapp/.test(text)) return 'deploys or configures an Azure Functions app';
	if (/^account set/.test(text)) return 'selects the Azure subscription';
	return `runs the Azure command ${code(`az ${text}`, 50)}`;
}

function heroku(cmd: Cmd): string {
	const [verb = '', ...rest] = operands(cmd, 0, ['-a', '--app', '-r', '--remote', '-t', '--team', '--type', '-s', '--size', '-b', '--buildpack']);
	const app = value(cmd, '-a', '--app');
	const ofApp = app ? ` of the Heroku app ${code(app)}` : '';
	const toApp = app ? ` to the Heroku app ${code(app)}` : ' to Heroku';
	switch (verb) {
		case 'container:login':
			return 'logs `docker` in to Heroku’s container registry, so images can be pushed there';
		case 'container:push':
			return `builds the Docker image of the process type${rest.length === 1 ? '' : 's'} ${codeList(rest.length ? rest : ['web'])} from the Dockerfile and pushes it${toApp}`;
		case 'container:release':
			return `releases the pushed image${rest.length ? ` of ${codeList(rest)}` : ''} as the new version${ofApp}: its dynos restart on it`;
		case 'config:set':
			return `sets the config var${rest.length === 1 ? '' : 's'} ${codeList(rest.map((r) => r.split('=')[0]!))}${ofApp} (the app restarts to pick ${rest.length === 1 ? 'it' : 'them'} up)`;
		case 'config:get':
		case 'config':
			return `reads the config vars${ofApp}`;
		case 'config:unset':
			return `removes the config vars ${codeList(rest)}${ofApp}`;
		case 'run':
		case 'run:detached':
			return `runs ${code(rest.join(' ') || '?', 60)} in a one-off dyno${ofApp}`;
		case 'git:remote':
			return `adds the \`heroku\` git remote${ofApp}, so \`git push heroku\` deploys it`;
		case 'create':
		case 'apps:create':
			return `creates the Heroku app ${code(rest[0] ?? app ?? '?')}`;
		case 'maintenance:on':
			return `puts the app${ofApp} in maintenance mode (visitors see a maintenance page)`;
		case 'maintenance:off':
			return `takes the app${ofApp} out of maintenance mode`;
		case 'ps:scale':
			return `sets how many dynos run${ofApp} (${codeList(rest)})`;
		case 'pg:backups:capture':
			return `takes a backup of the Postgres database${ofApp}`;
		case 'releases':
		case 'logs':
		case 'apps:info':
		case 'auth:whoami':
		case 'ps':
			return `prints ${{ releases: 'the release history', logs: 'the recent logs', 'apps:info': 'the app’s details', 'auth:whoami': 'which Heroku account the API key belongs to', ps: 'the running dynos' }[verb]}${ofApp}`;
		case 'buildpacks:set':
		case 'buildpacks:add':
			return `sets the buildpack${ofApp} to ${code(rest[0] ?? '?')}`;
		case 'plugins:install':
			return `installs the Heroku CLI plugin ${code(rest[0] ?? '?')}`;
		case 'login':
			return 'logs the Heroku CLI in';
		default:
			return `runs the Heroku CLI command ${code(verb || cmd.argText)}${ofApp}`;
	}
}

function terraform(cmd: Cmd): string {
	const [verb = '', ...rest] = operands(cmd, 0, ['-var', '-var-file', '-out', '-target', '-backend-config', '-chdir', '-lock-timeout', '-parallelism']);
	const dir = cmd.args.find((a) => a.startsWith('-chdir='))?.slice(7);
	const inDir = dir ? ` in ${code(dir)}` : '';
	switch (verb) {
		case 'init':
			return `prepares the Terraform folder${inDir}: downloads the providers and modules and connects to the state backend`;
		case 'plan':
			return `works out what Terraform would change in the real infrastructure${inDir}${value(cmd, '-out') ? `, saving the plan to ${code(value(cmd, '-out')!)}` : ''}`;
		case 'apply':
			return rest[0] ? `applies the saved Terraform plan ${code(rest[0])}${inDir}` : `changes the real infrastructure to match the Terraform configuration${inDir}`;
		case 'destroy':
			return `deletes the infrastructure managed by this Terraform configuration${inDir}`;
		case 'fmt':
			return has(cmd, '-check') ? 'checks the Terraform files are formatted' : 'reformats the Terraform files';
		case 'validate':
			return 'checks the Terraform configuration is valid';
		case 'output':
			return `prints the Terraform output${rest[0] ? ` ${code(rest[0])}` : 's'}`;
		case 'workspace':
			return `selects or creates the Terraform workspace ${code(rest[1] ?? '?')}`;
		default:
			return `runs ${code(`terraform ${cmd.argText}`, 40)}`;
	}
}

function terraformRisks(cmd: Cmd): string[] {
	const verb = operands(cmd)[0];
	if ((verb === 'apply' && operands(cmd).length === 1) || verb === 'destroy') {
		return has(cmd, '-auto-approve') ? [`\`terraform ${verb} -auto-approve\` changes real infrastructure without anyone reviewing the plan first.`] : [];
	}
	return [];
}

export const CLOUD_COMMANDS: CommandPattern[] = [
	{ topic: 'command:aws', program: 'aws', explain: aws, risks: awsRisks, reference: 'https://docs.aws.amazon.com/cli/latest/reference/' },
	{ topic: 'command:gcloud', program: 'gcloud', explain: gcloud, reference: 'https://cloud.google.com/sdk/gcloud/reference' },
	{ topic: 'command:gsutil', program: 'gsutil', explain: (cmd) => { const [verb, ...rest] = operands(cmd); return /^(cp|rsync|mv)$/.test(verb ?? '') ? `copies ${code(rest[0] ?? '?')} to ${code(rest[1] ?? '?')} (Google Cloud Storage)` : `runs ${code(`gsutil ${cmd.argText}`, 40)}`; } },
	{ topic: 'command:az', program: 'az', explain: az, reference: 'https://learn.microsoft.com/cli/azure/' },
	{ topic: 'command:heroku', program: 'heroku', explain: heroku, reference: 'https://devcenter.heroku.com/articles/heroku-cli-commands' },
	{ topic: 'command:terraform', program: ['terraform', 'tofu', 'terragrunt'], explain: terraform, risks: terraformRisks, reference: 'https://developer.hashicorp.com/terraform/cli/commands' },
	{ topic: 'command:tflint', program: ['tflint', 'tfsec', 'checkov', 'terrascan'], explain: (cmd) => `checks the infrastructure code for mistakes and insecure settings with ${cmd.program}` },
	{ topic: 'command:pulumi', program: 'pulumi', explain: (cmd) => (cmd.args[0] === 'up' ? 'changes the real infrastructure to match the Pulumi program' : cmd.args[0] === 'preview' ? 'shows what Pulumi would change' : `runs ${code(`pulumi ${cmd.argText}`, 40)}`) },
	{ topic: 'command:ansible-playbook', program: ['ansible-playbook', 'ansible'], explain: (cmd) => `runs the Ansible playbook ${code(operands(cmd, 0, ['-i', '--inventory', '-e', '--extra-vars', '-l', '--limit', '-u', '--user', '--vault-password-file', '-t', '--tags'])[0] ?? '?')}${value(cmd, '-i', '--inventory') ? ` against the hosts in ${code(value(cmd, '-i', '--inventory')!)}` : ''}` },
	{ topic: 'command:packer', program: 'packer', explain: (cmd) => (cmd.args[0] === 'build' ? `builds a machine image from ${code(operands(cmd, 1).at(-1) ?? '?')} with Packer` : `runs ${code(`packer ${cmd.argText}`, 40)}`) },
	{ topic: 'command:firebase', program: 'firebase', explain: (cmd) => (cmd.args[0] === 'deploy' ? `deploys to Firebase${value(cmd, '--only') ? ` (${code(value(cmd, '--only')!)})` : ''}${value(cmd, '--project', '-P') ? ` project ${code(value(cmd, '--project', '-P')!)}` : ''}` : `runs the Firebase CLI (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:netlify', program: 'netlify', explain: (cmd) => (cmd.args[0] === 'deploy' ? `uploads the site${value(cmd, '--dir', '-d') ? ` in ${code(value(cmd, '--dir', '-d')!)}` : ''} to Netlify${has(cmd, '--prod') ? ' as the live production site' : ' as a draft preview'}` : `runs the Netlify CLI (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:vercel', program: 'vercel', explain: (cmd) => `deploys to Vercel${has(cmd, '--prod') ? ' as the production site' : ' as a preview'}` },
	{ topic: 'command:serverless', program: ['serverless', 'sls'], explain: (cmd) => (cmd.args[0] === 'deploy' ? `deploys the Serverless Framework service${value(cmd, '--stage', '-s') ? ` to the ${code(value(cmd, '--stage', '-s')!)} stage` : ''}` : `runs the Serverless Framework (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:cdk', program: 'cdk', explain: (cmd) => ({ deploy: `deploys the AWS CDK stack${operands(cmd, 1).length ? `s ${codeList(operands(cmd, 1))}` : 's'}`, synth: 'renders the AWS CDK app into CloudFormation templates', diff: 'shows what deploying the CDK app would change', bootstrap: 'prepares the AWS account for CDK deployments' } as Record<string, string>)[cmd.args[0] ?? ''] ?? `runs the AWS CDK CLI (${code(cmd.args[0] ?? '')})` },
	{ topic: 'command:eb', program: 'eb', explain: (cmd) => (cmd.args[0] === 'deploy' ? `deploys the app to the Elastic Beanstalk environment ${code(operands(cmd, 1)[0] ?? 'set by `eb use`')}` : cmd.args[0] === 'init' ? 'configures the Elastic Beanstalk CLI for this app' : cmd.args[0] === 'setenv' ? 'sets environment variables of the Elastic Beanstalk environment' : `runs the Elastic Beanstalk CLI (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:flyctl', program: ['flyctl', 'fly'], explain: (cmd) => (cmd.args[0] === 'deploy' ? 'deploys the app to Fly.io' : `runs the Fly.io CLI (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:wrangler', program: 'wrangler', explain: (cmd) => (/deploy|publish/.test(cmd.args[0] ?? '') ? 'deploys the Cloudflare Worker' : `runs Cloudflare’s wrangler (${code(cmd.args[0] ?? '')})`) },
	{ topic: 'command:doctl', program: 'doctl', explain: (cmd) => `runs the DigitalOcean CLI (${code(operands(cmd).slice(0, 2).join(' '))})` },
	{ topic: 'command:vault', program: 'vault', explain: (cmd) => (/kv get|read/.test(cmd.argText) ? 'reads a secret from HashiCorp Vault' : cmd.args[0] === 'login' ? 'logs in to HashiCorp Vault' : 'talks to HashiCorp Vault') },
	{ topic: 'command:hokusai', program: 'hokusai', explain: (cmd) => `runs Artsy’s hokusai (Docker/Kubernetes helper) command ${code(operands(cmd).join(' '), 40)}` },
	{ topic: 'command:lftp', program: 'lftp', explain: () => 'copies files to a server over FTP/SFTP' },
];

