/** git, and the GitHub and GitLab command-line tools. */
import { code, codeList } from '../text';
import { has, operands, value } from './args';
import type { Cmd, CommandPattern } from './types';

const GIT_GLOBAL_VALUED = ['-C', '-c', '--git-dir', '--work-tree', '--namespace'];
const GIT_DOCS = 'https://git-scm.com/docs/';

/** `git -C dir -c k=v push …`: the verb and what follows it. */
function verbAndRest(cmd: Cmd): { verb: string; args: string[]; dir: string | undefined } {
	let i = 0;
	let dir: string | undefined;
	while (i < cmd.args.length && cmd.args[i]!.startsWith('-')) {
		if (cmd.args[i] === '-C') dir = cmd.args[i + 1];
		i += GIT_GLOBAL_VALUED.includes(cmd.args[i]!) ? 2 : 1;
	}
	return { verb: cmd.args[i] ?? '', args: cmd.args.slice(i + 1), dir };
}

function credentialInUrl(text: string): boolean {
	return /\bhttps?:\/\/[^\s/@]*(\$|:[^\s/@]*\$)[^\s/@]*@/.test(text) || /x-access-token:|oauth2:\$/.test(text);
}

const HEROKU_REMOTE = /^heroku$|git\.heroku\.com/;

function git(cmd: Cmd): string {
	const { verb, args, dir } = verbAndRest(cmd);
	const sub: Cmd = { ...cmd, args, argText: args.join(' ') };
	const inDir = dir ? ` in ${code(dir)}` : '';
	const ops = (skip = 0, valued: string[] = []) => operands(sub, skip, valued);
	switch (verb) {
		case 'clone': {
			const [url, target] = ops(0, ['--depth', '-b', '--branch', '--origin', '-o', '--reference', '--filter', '--jobs', '-j', '--config', '-c']);
			const notes: string[] = [];
			const branch = value(sub, '-b', '--branch');
			if (branch) notes.push(`branch ${code(branch)}`);
			if (value(sub, '--depth')) notes.push(`only the last ${value(sub, '--depth')} commit${value(sub, '--depth') === '1' ? '' : 's'}`);
			if (has(sub, '--recursive', '--recurse-submodules')) notes.push('with its submodules');
			return `downloads the git repository ${code(url ?? '?')}${target ? ` into ${code(target)}` : ''}${notes.length ? ` (${notes.join(', ')})` : ''}`;
		}
		case 'checkout':
		case 'switch': {
			if (has(sub, '-b', '-B', '-c', '--orphan')) return `creates the branch ${code(value(sub, '-b', '-B', '-c', '--orphan') ?? '?')} and switches to it`;
			const target = ops()[0];
			if (args.includes('--')) return `restores ${codeList(args.slice(args.indexOf('--') + 1))} from the last commit, discarding changes`;
			return `switches the working copy to ${code(target ?? '?')}${inDir}`;
		}
		case 'submodule': {
			const [action] = ops();
			if (action === 'update') return `downloads the git submodules${has(sub, '--recursive') ? ' (and the submodules inside them)' : ''} at the commits this repository pins${has(sub, '--remote') ? ', or the newest commits of their branches with `--remote`' : ''}`;
			if (action === 'sync') return 'updates the submodules’ URLs from `.gitmodules`';
			if (action === 'init') return 'registers the submodules listed in `.gitmodules`';
			if (action === 'foreach') return `runs ${code(ops(1).join(' '), 50)} in every submodule`;
			return 'manages git submodules';
		}
		case 'fetch': {
			if (has(sub, '--unshallow')) return 'downloads the full git history (the checkout only had the latest commits)';
			const [remote, ...refs] = ops(0, ['--depth', '--deepen', '-j', '--jobs']);
			const what = refs.length ? codeList(refs, 3) : has(sub, '--tags') ? 'the tags' : has(sub, '--all') ? 'every remote' : 'new commits';
			return `downloads ${what} from ${code(remote ?? 'origin')}${value(sub, '--depth') ? ` (last ${value(sub, '--depth')} commits)` : ''}${inDir}`;
		}
		case 'pull':
			return `downloads and merges the latest commits from ${code(ops()[0] ?? 'the tracked branch')}${inDir}`;
		case 'config': {
			const [key = '', ...rest] = ops(0, ['--file', '-f']);
			const scope = has(sub, '--global') ? ' for every repository on this machine' : '';
			if (/^user\.(name|email)$/.test(key)) return `sets the ${key === 'user.name' ? 'author name' : 'author email'} git records on commits made by this job (${code(rest.join(' ') || '?')})${scope}`;
			if (key === 'safe.directory') return `tells git to trust ${code(rest[0] ?? '?')} even though another user owns it`;
			if (/^url\..*\.insteadOf$/i.test(key)) return `makes git fetch from ${code(key.replace(/^url\.|\.insteadOf$/gi, ''), 50)} whenever a URL starts with ${code(rest[0] ?? '?')} (often to add credentials)`;
			if (/^(--get|--list|-l)$/.test(args[0] ?? '')) return 'prints git settings';
			return `sets the git setting ${code(key)}${scope}`;
		}
		case 'diff': {
			if (has(sub, '--exit-code', '--quiet')) return `fails if ${ops().length ? codeList(ops(), 3) : 'any tracked file'} changed — a check that generated or formatted files were committed`;
			if (has(sub, '--name-only', '--name-status', '--stat')) return `lists the files that changed${ops().length ? ` between ${codeList(ops(), 3)}` : ''}`;
			return 'prints the changes in the working copy, for the log';
		}
		case 'status':
			return 'prints which files changed in the working copy';
		case 'log':
			return 'prints the commit history';
		case 'show':
			return `prints ${code(ops()[0] ?? 'HEAD')}`;
		case 'rev-parse':
			return has(sub, '--abbrev-ref') ? 'prints the current branch name' : has(sub, '--show-toplevel') ? 'prints the repository’s root folder' : `prints the commit id of ${code(ops()[0] ?? 'HEAD')}`;
		case 'describe':
			return 'names the current commit after the nearest tag (often used as the version)';
		case 'add':
			return `stages ${codeList(ops()) || 'changes'} for the next commit`;
		case 'commit':
			return `records a commit${value(sub, '-m', '--message') ? ` with the message ${code(value(sub, '-m', '--message')!, 50)}` : ''}${has(sub, '-a', '--all') ? ' of every changed tracked file' : ''}`;
		case 'push': {
			const [remote, ...refs] = ops(0, ['-o', '--push-option', '--repo']);
			const target = remote ?? 'origin';
			if (remote && HEROKU_REMOTE.test(remote)) return `deploys to Heroku by pushing ${refs.length ? codeList(refs) : 'the current branch'} to its git remote: Heroku builds the pushed code and releases it`;
			const what = has(sub, '--tags') ? 'the tags' : refs.length ? codeList(refs, 3) : 'the current branch';
			return `uploads ${what} to ${code(target, 60)}`;
		}
		case 'tag':
			return has(sub, '-d', '--delete') ? `deletes the tag ${code(ops()[0] ?? '?')}` : ops().length ? `creates the tag ${code(ops()[0]!)}` : 'lists the tags';
		case 'remote': {
			const [action, name, url] = ops();
			if (action === 'add') return `adds the git remote ${code(name ?? '?')} pointing to ${code(url ?? '?', 60)}`;
			if (action === 'set-url') return `points the git remote ${code(name ?? '?')} at ${code(url ?? '?', 60)}`;
			if (action === 'remove' || action === 'rm') return `removes the git remote ${code(name ?? '?')}`;
			return 'lists the git remotes';
		}
		case 'reset':
			return has(sub, '--hard') ? `discards every local change, resetting to ${code(ops()[0] ?? 'HEAD')}` : `resets the staged changes${ops()[0] ? ` to ${code(ops()[0]!)}` : ''}`;
		case 'clean':
			return 'deletes files git does not track (build leftovers)';
		case 'lfs':
			return ops()[0] === 'install' ? 'sets up Git LFS for large files' : 'downloads the large files kept in Git LFS';
		case 'merge':
			return `merges ${code(ops()[0] ?? '?')} into the current branch`;
		case 'rebase':
			return `replays the current branch’s commits on top of ${code(ops()[0] ?? '?')}`;
		case 'cherry-pick':
			return `copies the commit ${code(ops()[0] ?? '?')} onto the current branch`;
		case 'branch':
			return ops().length ? `creates or changes the branch ${code(ops()[0]!)}` : 'lists the branches';
		case 'stash':
			return 'puts local changes aside';
		case 'ls-files':
			return 'lists the files git tracks';
		case 'archive':
			return 'packs the repository’s files into an archive';
		case 'worktree':
			return 'checks out another branch in a second folder';
		case 'sparse-checkout':
			return 'limits the working copy to some folders';
		case 'gc':
			return 'tidies the git repository’s storage';
		case 'update-index':
			return `changes how git tracks ${codeList(ops())}`;
		case 'log-tree':
		case 'shortlog':
			return 'prints a summary of the commit history';
		case 'version':
		case '--version':
			return 'prints the git version';
		default:
			return `runs ${code(`git ${cmd.argText}`, 40)}`;
	}
}

function gitRisks(cmd: Cmd): string[] {
	const { verb, args } = verbAndRest(cmd);
	const sub: Cmd = { ...cmd, args, argText: args.join(' ') };
	const risks: string[] = [];
	if ((verb === 'commit' && has(sub, '--no-verify', '-n')) || (verb === 'push' && has(sub, '--no-verify'))) risks.push(`\`--no-verify\` skips the repository’s git hooks (the checks that normally run on ${verb}).`);
	if (verb === 'push' && (has(sub, '-f', '--force', '--force-with-lease') || operands(sub).some((r) => r.startsWith('+')))) risks.push('A force push replaces the remote branch’s history: commits pushed there by others are lost.');
	if (credentialInUrl(cmd.argText)) risks.push('A credential is written into the URL: git saves it in `.git/config` and may print it in error messages.');
	if (verb === 'config' && /http\.sslVerify\s*(false|0)/i.test(args.join(' '))) risks.push('Turns off TLS certificate checks for git: a man-in-the-middle could serve different code.');
	return risks;
}

function gh(cmd: Cmd): string {
	const [area = '', action = '', ...rest] = operands(cmd, 0, ['-R', '--repo', '-t', '--title', '-n', '--notes', '-F', '--notes-file', '-b', '--body', '-f', '--field', '-F', '--raw-field', '-X', '--method', '-H', '--header', '--target', '--jq', '-q', '--base', '-B', '--head', '--ref', '-r', '--label', '-l', '--json', '--limit', '-L', '--name', '-p', '--pattern', '-D', '--dir']);
	switch (`${area} ${action}`) {
		case 'release create':
			return `creates the GitHub release ${code(rest[0] ?? '?')}${rest.length > 1 ? ` with the files ${codeList(rest.slice(1), 3)} attached` : ''}${has(cmd, '--draft', '-d') ? ' as a draft' : ''}${has(cmd, '--prerelease', '-p') ? ' marked as a pre-release' : ''}${has(cmd, '--generate-notes') ? ', with notes generated from the merged pull requests' : ''}`;
		case 'release upload':
			return `attaches ${codeList(rest.slice(1), 3)} to the GitHub release ${code(rest[0] ?? '?')}`;
		case 'release view':
		case 'release list':
			return 'prints GitHub release information';
		case 'release download':
			return `downloads files of the GitHub release ${code(rest[0] ?? 'latest')}`;
		case 'pr create':
			return `opens a pull request${value(cmd, '-t', '--title') ? ` titled ${code(value(cmd, '-t', '--title')!)}` : ''}`;
		case 'pr comment':
			return `comments on the pull request ${code(rest[0] ?? '?')}`;
		case 'pr merge':
			return `merges the pull request ${code(rest[0] ?? '?')}${has(cmd, '--auto') ? ' once its checks pass' : ''}`;
		case 'pr edit':
			return `changes the pull request ${code(rest[0] ?? '?')}`;
		case 'pr view':
		case 'pr list':
		case 'pr diff':
			return 'reads pull request information from GitHub';
		case 'workflow run':
			return `starts the GitHub Actions workflow ${code(rest[0] ?? '?')}${value(cmd, '--ref', '-r') ? ` on ${code(value(cmd, '--ref', '-r')!)}` : ''}`;
		case 'run download':
			return 'downloads the artifacts of a workflow run';
		case 'run watch':
			return 'waits for a workflow run to finish, printing its progress';
		case 'issue create':
			return `opens a GitHub issue${value(cmd, '-t', '--title') ? ` titled ${code(value(cmd, '-t', '--title')!)}` : ''}`;
		case 'issue comment':
			return `comments on the issue ${code(rest[0] ?? '?')}`;
		case 'secret set':
			return `sets the GitHub secret ${code(rest[0] ?? '?')}`;
		case 'auth setup-git':
			return 'makes git use the GitHub CLI’s token for github.com';
		case 'auth login':
			return 'logs the GitHub CLI in';
		case 'auth status':
			return 'prints which GitHub account the CLI uses';
		case 'repo clone':
			return `clones the GitHub repository ${code(rest[0] ?? '?')}`;
		case 'cache delete':
			return 'deletes GitHub Actions caches';
		case 'attestation verify':
			return 'checks the artifact’s build provenance attestation';
	}
	if (area === 'api') return `calls the GitHub API ${code(action || '?')}${value(cmd, '-X', '--method') ? ` (${value(cmd, '-X', '--method')})` : ''}`;
	return `runs the GitHub CLI command ${code(`gh ${area} ${action}`.trim())}`;
}

export const VCS_COMMANDS: CommandPattern[] = [
	{
		topic: 'command:git',
		program: 'git',
		explain: git,
		risks: gitRisks,
		reference: GIT_DOCS,
	},
	{ topic: 'command:gh', program: ['gh', 'hub'], explain: gh, reference: 'https://cli.github.com/manual/' },
	{ topic: 'command:glab', program: 'glab', explain: (cmd) => `runs the GitLab CLI command ${code(`glab ${operands(cmd).slice(0, 2).join(' ')}`)}` },
	{ topic: 'command:release-cli', program: 'release-cli', explain: (cmd) => (cmd.args.includes('create') ? `creates a GitLab release${value(cmd, '--tag-name') ? ` for the tag ${code(value(cmd, '--tag-name')!)}` : ''}` : 'manages GitLab releases') },
	{ topic: 'command:git-crypt', program: 'git-crypt', explain: () => 'decrypts the repository’s encrypted files with git-crypt' },
	{ topic: 'command:sops', program: 'sops', explain: (cmd) => (has(cmd, '-d', '--decrypt') ? `decrypts the secrets file ${code(operands(cmd, 0, ['--output'])[0] ?? '?')}` : 'encrypts or edits a secrets file with SOPS') },
];
