import { builtinVar } from '../knowledge/env';
import type { Provider } from '../model';

/** Heroku's dyno variables: no catalog of their own yet (Heroku documents a handful). */
const HEROKU = /^(PORT|DYNO|SOURCE_VERSION|STACK|HEROKU_[A-Z_]+|CI|HOME)$/;
/** Values CircleCI injects that its reference lists as families rather than names. */
const CIRCLECI_FAMILIES = /^(CIRCLE_OIDC_TOKEN(_V2)?|pipeline\.(git|trigger_parameters|event|schedule)\..+)$/;

/** Whether the CI itself sets a variable of this name, per the catalogs in `src/knowledge/env`. */
export function isBuiltin(provider: Provider): (name: string) => boolean {
	if (provider === 'heroku') return (name) => HEROKU.test(name);
	if (provider === 'circleci') return (name) => builtinVar(provider, name) !== undefined || CIRCLECI_FAMILIES.test(name);
	return (name) => builtinVar(provider, name) !== undefined;
}
