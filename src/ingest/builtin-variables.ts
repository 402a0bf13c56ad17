import { builtinVar } from '../knowledge/env';
import type { Provider } from '../model';
import type { Builtin } from './env-usage';

/** Heroku's dyno variables: no catalog of their own yet (Heroku documents a handful). */
const HEROKU = /^(PORT|DYNO|SOURCE_VERSION|STACK|HEROKU_[A-Z_]+|CI|HOME)$/;
/** Values CircleCI injects that its reference lists as families rather than names. */
const CIRCLECI_FAMILIES = /^(CIRCLE_OIDC_TOKEN(_V2)?|pipeline\.(git|trigger_parameters|event|schedule)\..+)$/;

/** Whether the CI itself sets a variable of this name (and if its value is a secret), per the catalogs in `src/knowledge/env`. */
export function isBuiltin(provider: Provider): (name: string) => Builtin | undefined {
	const known = (name: string): Builtin | undefined => {
		const found = builtinVar(provider, name);
		return found ? { secret: found.secret === true } : undefined;
	};
	if (provider === 'heroku') return (name) => (HEROKU.test(name) ? {} : undefined);
	if (provider === 'circleci') return (name) => known(name) ?? (CIRCLECI_FAMILIES.test(name) ? { secret: name.startsWith('CIRCLE_OIDC') } : undefined);
	return known;
}
