/** Containers and clusters: Docker (and Compose, Buildx), Kubernetes, Helm and their helpers. */
import { code, codeList, joinAnd, looksSecret } from '../text';
import { has, operands, value, values } from './args';
import type { Cmd, CommandPattern } from './types';

const DOCKER_DOCS = 'https://docs.docker.com/reference/cli/docker/';

const BUILD_VALUED = ['-t', '--tag', '-f', '--file', '--build-arg', '--platform', '--target', '--cache-from', '--cache-to', '--label', '--secret', '--ssh', '--progress', '-o', '--output', '--network', '--builder', '--iidfile', '--metadata-file', '--add-host', '--shm-size', '--provenance', '--sbom', '--build-context', '--annotation', '--attest'];
const RUN_VALUED = ['-v', '--volume', '-e', '--env', '-p', '--publish', '--name', '-w', '--workdir', '--network', '--net', '--env-file', '-u', '--user', '--entrypoint', '--platform', '--mount', '--cpus', '-m', '--memory', '--add-host', '-h', '--hostname', '--label', '-l', '--link', '--shm-size', '--ulimit', '--cap-add', '--device', '--gpus', '--tmpfs', '--pull', '--restart', '--health-cmd', '--log-driver', '--security-opt', '--volumes-from', '--ipc', '--pid'];

/** The verbs of `docker …` (and `docker buildx …`, `docker image …`) without global flags. */
function verbs(cmd: Cmd): string[] {
	return operands(cmd, 0, ['-H', '--host', '--context', '-c', '--config', '-l', '--log-level']);
}

function imageBuild(cmd: Cmd): string {
	const tags = values(cmd, '-t', '--tag');
	const file = value(cmd, '-f', '--file');
	const verbIndex = cmd.args.findIndex((a) => a === 'build' || a === 'bake');
	const context = operands({ ...cmd, args: cmd.args.slice(verbIndex + 1) }, 0, BUILD_VALUED)[0];
	const notes: string[] = [];
	if (file) notes.push(`from ${code(file)}`);
	else notes.push(`from the \`Dockerfile\`${context && context !== '.' ? ` in ${code(context)}` : ''}`);
	const platforms = value(cmd, '--platform');
	if (platforms) notes.push(`for ${code(platforms)}`);
	const target = value(cmd, '--target');
	if (target) notes.push(`up to the ${code(target)} stage`);
	const args = values(cmd, '--build-arg').map((a) => a.split('=')[0]!);
	if (args.length) notes.push(`passing the build argument${args.length === 1 ? '' : 's'} ${codeList(args, 4)}`);
	if (values(cmd, '--cache-from').length) notes.push('reusing layers from an earlier image');
	if (has(cmd, '--no-cache')) notes.push('without reusing any cached layer');
	const tagged = tags.length ? `, tagged ${codeList(tags, 3)}` : '';
	const after = has(cmd, '--push') ? ' and pushes it to its registry' : has(cmd, '--load') ? ' and loads it into the local Docker engine' : '';
	return `builds a container image ${notes.join(', ')}${tagged}${after}`;
}

function buildArgRisks(cmd: Cmd): string[] {
	const secret = values(cmd, '--build-arg').filter((a) => looksSecret(a.split('=')[0]!) || /\$\{?\w*(TOKEN|SECRET|PASSWORD|KEY)/i.test(a));
	return secret.length
		? [`Build arguments are kept in the image’s history: anyone who can pull the image can read ${codeList(secret.map((a) => a.split('=')[0]!))}. Pass secrets with \`--secret\` (BuildKit) instead.`]
		: [];
}

function dockerRun(whole: Cmd, verbAt: number): string {
	const rest = whole.args.slice(verbAt + 1);
	const inner = operands({ ...whole, args: rest }, 0, RUN_VALUED);
	const [image, ...command] = inner;
	// Flags after the image belong to the command run inside the container.
	const cmd: Cmd = { ...whole, args: rest.slice(0, image === undefined ? rest.length : rest.indexOf(image)) };
	const notes: string[] = [];
	if (has(cmd, '-d', '--detach')) notes.push('in the background');
	const ports = values(cmd, '-p', '--publish');
	if (ports.length) notes.push(`publishing port${ports.length === 1 ? '' : 's'} ${codeList(ports, 3)}`);
	const volumes = values(cmd, '-v', '--volume');
	if (volumes.length) notes.push(`with ${codeList(volumes, 2)} mounted`);
	const runs = command.length ? ` and runs ${code(command.join(' '), 60)} in it` : '';
	return `starts a container from the image ${code(image ?? '?')}${runs}${notes.length ? ` (${notes.join(', ')})` : ''}${has(cmd, '--rm') ? ', removing it afterwards' : ''}`;
}

function dockerRunRisks(cmd: Cmd): string[] {
	const risks: string[] = [];
	if (has(cmd, '--privileged')) risks.push('`--privileged` gives the container full access to the host machine.');
	if (values(cmd, '-v', '--volume').some((v) => v.includes('docker.sock'))) risks.push('Mounting the Docker socket gives the container control of the Docker engine, and so of the host.');
	return risks;
}

function compose(cmd: Cmd, args: readonly string[]): string {
	const files = values({ ...cmd, args }, '-f', '--file');
	const inner = operands({ ...cmd, args }, 0, ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory']);
	const [verb = '', ...rest] = inner;
	const services = rest.length ? ` ${codeList(rest, 4)}` : '';
	const from = files.length ? ` of ${codeList(files, 2)}` : '';
	const sub = { ...cmd, args };
	switch (verb) {
		case 'up':
			return `starts the services${services || ''}${from || ' of the Compose file'}${has(sub, '--build') ? ', rebuilding their images' : ''}${has(sub, '-d', '--detach') ? ' in the background' : ''}${has(sub, '--abort-on-container-exit', '--exit-code-from') ? ', stopping all when one exits and passing on its exit code' : ''}`;
		case 'down':
			return `stops and removes the Compose services${from}${has(sub, '-v', '--volumes') ? ' and their volumes' : ''}`;
		case 'build':
			return `builds the images of the Compose services${services}${from}`;
		case 'run': {
			const [service, ...command] = operands({ ...cmd, args: args.slice(args.indexOf('run') + 1) }, 0, ['-e', '--env', '-w', '--workdir', '-u', '--user', '--name', '-v', '--volume', '-p', '--publish', '--entrypoint']);
			return `runs ${command.length ? code(command.join(' '), 60) : 'the default command'} in a new container of the Compose service ${code(service ?? '?')}${from}`;
		}
		case 'exec': {
			const [service, ...command] = rest;
			return `runs ${code(command.join(' ') || '?', 60)} inside the running Compose service ${code(service ?? '?')}`;
		}
		case 'pull':
			return `downloads the images of the Compose services${services}${from}`;
		case 'push':
			return `uploads the images of the Compose services${services}${from}`;
		case 'logs':
			return `prints the logs of the Compose services${services}`;
		case 'ps':
			return 'lists the Compose services and their state';
		case 'config':
			return 'checks and prints the merged Compose configuration';
		case 'stop':
			return `stops the Compose services${services}`;
		case 'rm':
			return `removes the stopped Compose containers${services}`;
		case 'version':
			return 'prints the Docker Compose version';
		default:
			return `runs ${code(`docker compose ${args.join(' ')}`, 50)}`;
	}
}

function docker(cmd: Cmd): string {
	const [verb = '', second = ''] = verbs(cmd);
	const verbAt = cmd.args.indexOf(verb);
	switch (verb) {
		case 'build':
			return imageBuild(cmd);
		case 'buildx':
			if (second === 'build' || second === 'bake') return imageBuild(cmd);
			if (second === 'create') return `creates a BuildKit builder${has(cmd, '--use') ? ' and makes it the default' : ''} (needed for multi-platform builds and cache export)`;
			if (second === 'use') return `selects the BuildKit builder ${code(operands(cmd, 2)[0] ?? '?')}`;
			if (second === 'imagetools') return 'inspects or combines multi-platform image manifests';
			return `manages BuildKit builders (${code(second)})`;
		case 'image':
			if (second === 'build') return imageBuild(cmd);
			if (second === 'prune') return 'deletes unused images to free disk space';
			return `manages images (${code(second)})`;
		case 'push':
			return `uploads the image ${code(operands(cmd, 1)[0] ?? '?')} to its registry${has(cmd, '-a', '--all-tags') ? ' (every tag)' : ''}`;
		case 'pull':
			return `downloads the image ${code(operands(cmd, 1, ['--platform'])[0] ?? '?')}`;
		case 'tag':
			return `gives the image ${code(operands(cmd, 1)[0] ?? '?')} the extra name ${code(operands(cmd, 1)[1] ?? '?')}, ready to push under it`;
		case 'login': {
			const registry = operands(cmd, 1, ['-u', '--username', '-p', '--password'])[0];
			return `logs the Docker engine in to ${registry ? code(registry) : 'Docker Hub'}${value(cmd, '-u', '--username') ? ` as ${code(value(cmd, '-u', '--username')!)}` : ''}${has(cmd, '--password-stdin') ? ', reading the password from the command before it' : ''}, so it can push and pull private images`;
		}
		case 'logout':
			return 'logs the Docker engine out of the registry';
		case 'run':
		case 'create':
			return dockerRun(cmd, verbAt);
		case 'container':
			return second === 'run' ? dockerRun(cmd, cmd.args.indexOf('run')) : `manages containers (${code(second)})`;
		case 'exec':
			return `runs ${code(operands(cmd, 2, ['-e', '--env', '-w', '--workdir', '-u', '--user']).join(' ') || '?', 60)} inside the running container ${code(operands(cmd, 1, ['-e', '--env', '-w', '--workdir', '-u', '--user'])[0] ?? '?')}`;
		case 'compose':
			return compose(cmd, cmd.args.slice(verbAt + 1));
		case 'cp':
			return `copies ${code(operands(cmd, 1)[0] ?? '?')} to ${code(operands(cmd, 1)[1] ?? '?')} between a container and the job`;
		case 'save':
			return `writes the image${operands(cmd, 1, ['-o', '--output']).length === 1 ? '' : 's'} ${codeList(operands(cmd, 1, ['-o', '--output']))} to ${value(cmd, '-o', '--output') ? code(value(cmd, '-o', '--output')!) : 'a tar archive'} (for a cache or the workspace)`;
		case 'load':
			return `loads images from ${value(cmd, '-i', '--input') ? code(value(cmd, '-i', '--input')!) : 'a tar archive'} into the Docker engine`;
		case 'network':
			return second === 'create' ? `creates the Docker network ${code(operands(cmd, 2)[0] ?? '?')} so containers can reach each other by name` : 'manages Docker networks';
		case 'volume':
			return 'manages Docker volumes';
		case 'system':
			return second === 'prune' ? 'deletes unused containers, images and networks to free disk space' : 'prints Docker’s disk usage or details';
		case 'manifest':
			return 'creates or pushes a multi-platform image manifest';
		case 'stop':
		case 'kill':
			return `stops the container${operands(cmd, 1).length === 1 ? '' : 's'} ${codeList(operands(cmd, 1))}`;
		case 'rm':
		case 'rmi':
			return `removes the ${verb === 'rmi' ? 'image' : 'container'}${operands(cmd, 1).length === 1 ? '' : 's'} ${codeList(operands(cmd, 1))}`;
		case 'start':
			return `starts the container ${codeList(operands(cmd, 1))}`;
		case 'logs':
			return `prints the logs of the container ${code(operands(cmd, 1, ['--tail', '--since'])[0] ?? '?')}`;
		case 'inspect':
			return `prints the details of ${codeList(operands(cmd, 1, ['-f', '--format']))}`;
		case 'context':
			return 'selects which Docker engine later commands talk to';
		case 'scan':
		case 'scout':
			return 'scans the image for known vulnerabilities';
		case 'images':
		case 'ps':
		case 'info':
		case 'version':
		case 'stats':
			return `prints ${{ images: 'the local images', ps: 'the running containers', info: 'details of the Docker engine', version: 'the Docker version', stats: 'containers’ resource use' }[verb]}`;
		default:
			return has(cmd, '-v', '--version') ? 'prints the Docker version' : `runs ${code(`docker ${cmd.argText}`, 40)}`;
	}
}

function dockerRisks(cmd: Cmd): string[] {
	const [verb = ''] = verbs(cmd);
	if (verb === 'login' && has(cmd, '-p', '--password')) return ['The password is on the command line, where it shows in the process list and may be logged; pipe it in with `--password-stdin` instead.'];
	if (verb === 'run' || verb === 'create') return dockerRunRisks(cmd);
	return buildArgRisks(cmd);
}

const KUBECTL_VALUED = ['-n', '--namespace', '-f', '--filename', '-k', '--kustomize', '--context', '-l', '--selector', '-o', '--output', '--timeout', '-c', '--container', '--kubeconfig', '--for', '--type', '-p', '--patch', '--replicas', '--cluster', '--user', '--server', '--token', '--field-manager', '--from-literal', '--from-file', '--image', '--record'];

function kubectl(cmd: Cmd): string {
	const [verb = '', ...rest] = operands(cmd, 0, KUBECTL_VALUED);
	const ns = value(cmd, '-n', '--namespace');
	const inNs = ns ? ` in the ${code(ns)} namespace` : '';
	const files = values(cmd, '-f', '--filename');
	const kustomize = value(cmd, '-k', '--kustomize');
	const what = files.length ? codeList(files, 3) : kustomize ? `the Kustomize folder ${code(kustomize)}` : codeList(rest, 3) || 'resources';
	switch (verb) {
		case 'apply':
			return `creates or updates the Kubernetes resources described in ${what}${inNs}, so the cluster matches them${has(cmd, '--dry-run') ? ' (dry run: nothing changes)' : ''}`;
		case 'create':
			return `creates the Kubernetes ${rest[0] ?? 'resource'} ${code(rest[1] ?? files[0] ?? '?')}${inNs}`;
		case 'delete':
			return `deletes ${what}${inNs} from the cluster`;
		case 'rollout': {
			const [sub, target] = rest;
			if (sub === 'status') return `waits until the rollout of ${code(target ?? '?')}${inNs} has finished, failing if it does not${value(cmd, '--timeout') ? ` within ${value(cmd, '--timeout')}` : ''}`;
			if (sub === 'restart') return `restarts the pods of ${code(target ?? '?')}${inNs} one by one (a rolling restart)`;
			if (sub === 'undo') return `rolls ${code(target ?? '?')}${inNs} back to its previous version`;
			return `manages the rollout of ${code(target ?? '?')}`;
		}
		case 'set':
			if (rest[0] === 'image') return `switches ${code(rest[1] ?? '?')}${inNs} to the image ${codeList(rest.slice(2))}, which starts a rolling update`;
			return `changes ${code(rest.join(' '), 50)}${inNs}`;
		case 'scale':
			return `sets ${code(rest[0] ?? '?')}${inNs} to ${value(cmd, '--replicas') ?? '?'} replicas`;
		case 'wait':
			return `waits until ${what}${inNs} meet ${code(value(cmd, '--for') ?? '?')}`;
		case 'config':
			if (rest[0] === 'use-context') return `selects the cluster context ${code(rest[1] ?? '?')} for later kubectl commands`;
			return 'changes kubectl’s cluster settings (kubeconfig)';
		case 'get':
		case 'describe':
		case 'logs':
		case 'top':
		case 'version':
		case 'cluster-info':
			return `prints ${verb === 'logs' ? `the logs of ${what}` : verb === 'version' ? (has(cmd, '--client') ? 'the kubectl client’s version' : 'the kubectl and cluster versions') : verb === 'cluster-info' ? 'the cluster’s address' : `${what} from the cluster`}${inNs}`;
		case 'exec':
			return `runs a command inside the pod ${code(rest[0] ?? '?')}${inNs}`;
		case 'port-forward':
			return `forwards a local port to ${code(rest[0] ?? '?')}${inNs}`;
		case 'patch':
		case 'annotate':
		case 'label':
		case 'edit':
		case 'replace':
			return `changes ${what}${inNs} (${verb})`;
		default:
			return `runs ${code(`kubectl ${cmd.argText}`, 40)}`;
	}
}

const HELM_VALUED = ['-n', '--namespace', '-f', '--values', '--set', '--set-string', '--set-file', '--version', '--timeout', '--kube-context', '--repo', '-o', '--output', '--username', '--password', '--description', '--history-max', '--post-renderer', '--kubeconfig', '-d', '--destination'];

function helm(cmd: Cmd): string {
	const [verb = '', ...rest] = operands(cmd, 0, HELM_VALUED);
	const ns = value(cmd, '-n', '--namespace');
	const notes: string[] = [];
	if (ns) notes.push(`in the ${code(ns)} namespace`);
	const files = values(cmd, '-f', '--values');
	if (files.length) notes.push(`with the values in ${codeList(files, 3)}`);
	const sets = [...values(cmd, '--set'), ...values(cmd, '--set-string')].flatMap((s) => s.split(',')).map((s) => s.split('=')[0]!);
	if (sets.length) notes.push(`overriding ${codeList(sets, 4)}`);
	if (has(cmd, '--atomic', '--rollback-on-failure')) notes.push('rolling back automatically if it fails');
	else if (has(cmd, '--wait')) notes.push('waiting until the pods are ready');
	if (has(cmd, '--create-namespace')) notes.push('creating the namespace if needed');
	if (has(cmd, '--dry-run')) notes.push('as a dry run');
	const tail = notes.length ? `, ${joinAnd(notes)}` : '';
	switch (verb) {
		case 'upgrade':
			return `${has(cmd, '--install', '-i') ? 'installs' : 'upgrades'} the Helm chart ${code(rest[1] ?? '?')} as the release ${code(rest[0] ?? '?')}${has(cmd, '--install', '-i') ? ', or upgrades that release if it already exists' : ''}${tail}`;
		case 'install':
			return `installs the Helm chart ${code(rest[1] ?? rest[0] ?? '?')} as the release ${code(rest[0] ?? '?')}${tail}`;
		case 'uninstall':
		case 'delete':
			return `removes the Helm release ${code(rest[0] ?? '?')} and its resources${tail}`;
		case 'rollback':
			return `rolls the Helm release ${code(rest[0] ?? '?')} back${rest[1] ? ` to revision ${rest[1]}` : ' to its previous revision'}`;
		case 'repo':
			if (rest[0] === 'add') return `adds the chart repository ${code(rest[2] ?? '?')} under the name ${code(rest[1] ?? '?')}`;
			if (rest[0] === 'update') return 'refreshes the chart lists of the added Helm repositories';
			return 'manages Helm chart repositories';
		case 'dependency':
		case 'dep':
			return `downloads the charts that ${code(rest[1] ?? '.')} depends on into its \`charts/\` folder`;
		case 'lint':
			return `checks the Helm chart ${code(rest[0] ?? '.')} for problems`;
		case 'template':
			return `renders the Kubernetes manifests of the chart ${code(rest[1] ?? rest[0] ?? '?')} without installing anything${tail}`;
		case 'package':
			return `packs the chart ${code(rest[0] ?? '.')} into a versioned \`.tgz\``;
		case 'push':
			return `uploads the packaged chart ${code(rest[0] ?? '?')} to ${code(rest[1] ?? '?')}`;
		case 'registry':
			return `logs Helm in to the OCI registry ${code(rest[1] ?? '?')}`;
		case 'test':
			return `runs the tests of the Helm release ${code(rest[0] ?? '?')}`;
		case 'list':
		case 'ls':
		case 'history':
		case 'status':
		case 'version':
			return `prints ${verb === 'version' ? 'the Helm version' : `Helm release information (${verb})`}`;
		case 'plugin':
			return 'installs or manages a Helm plugin';
		default:
			return `runs ${code(`helm ${cmd.argText}`, 40)}`;
	}
}

export const CONTAINER_COMMANDS: CommandPattern[] = [
	{ topic: 'command:docker', program: ['docker', 'podman', 'nerdctl'], explain: docker, risks: dockerRisks, reference: DOCKER_DOCS },
	{ topic: 'command:docker-compose', program: 'docker-compose', explain: (cmd) => compose(cmd, cmd.args), reference: 'https://docs.docker.com/reference/cli/docker/compose/' },
	{ topic: 'command:buildah', program: ['buildah', 'kaniko', 'executor', 'img'], explain: () => 'builds a container image without a Docker engine' },
	{ topic: 'command:crane', program: ['crane', 'skopeo', 'regctl'], explain: (cmd) => `copies or inspects container images in registries (${code(cmd.args[0] ?? '')})` },
	{ topic: 'command:cosign', program: 'cosign', explain: (cmd) => (cmd.args[0] === 'sign' ? 'signs the container image so its origin can be verified' : cmd.args[0] === 'verify' ? 'checks the container image’s signature' : 'signs or verifies artifacts with cosign') },
	{ topic: 'command:kubectl', program: ['kubectl', 'oc'], explain: kubectl, reference: 'https://kubernetes.io/docs/reference/kubectl/' },
	{ topic: 'command:helm', program: 'helm', explain: helm, reference: 'https://helm.sh/docs/helm/' },
	{ topic: 'command:kustomize', program: 'kustomize', explain: (cmd) => (cmd.args[0] === 'build' ? `renders the Kubernetes manifests of the Kustomize folder ${code(cmd.args[1] ?? '.')}` : cmd.args[0] === 'edit' ? `changes the Kustomize file (${code(cmd.args.slice(1).join(' '), 50)})` : 'runs Kustomize') },
	{ topic: 'command:kind', program: ['kind', 'k3d', 'minikube', 'k3s'], explain: (cmd) => (/create|start/.test(cmd.argText) ? `starts a throwaway Kubernetes cluster with ${cmd.program} for the tests` : /delete|stop/.test(cmd.argText) ? `deletes the ${cmd.program} cluster` : `manages a local Kubernetes cluster with ${cmd.program}`) },
	{ topic: 'command:skaffold', program: 'skaffold', explain: (cmd) => `${cmd.args[0] === 'run' ? 'builds the images and deploys them' : cmd.args[0] === 'build' ? 'builds the images' : cmd.args[0] === 'deploy' ? 'deploys' : 'runs'} with Skaffold (configured in \`skaffold.yaml\`)` },
	{ topic: 'command:argocd', program: ['argocd', 'flux'], explain: (cmd) => `asks ${cmd.program === 'argocd' ? 'Argo CD' : 'Flux'} to ${/sync|reconcile/.test(cmd.argText) ? 'sync the cluster with the manifests in git' : `run ${code(cmd.argText, 40)}`}` },
	{ topic: 'command:kubeconform', program: ['kubeconform', 'kubeval', 'kube-linter', 'kube-score', 'conftest'], explain: () => 'checks the Kubernetes manifests against their schemas and policies' },
	{ topic: 'command:hadolint', program: 'hadolint', explain: (cmd) => `checks ${codeList(operands(cmd)) || 'the Dockerfile'} for common mistakes with hadolint` },
	{ topic: 'command:dive', program: 'dive', explain: () => 'inspects the image’s layers for wasted space' },
	{ topic: 'command:trivy', program: ['trivy', 'grype', 'syft'], explain: (cmd) => (cmd.program === 'syft' ? 'lists the software inside the image (an SBOM)' : `scans ${code(operands(cmd, 1)[0] ?? operands(cmd)[0] ?? '?')} for known vulnerabilities${cmd.argText.includes('--exit-code 1') ? ', failing the step if it finds any' : ''}`) },
];
