/** One variable (or CircleCI pipeline value) that a CI system provides without any configuration. */
export interface BuiltinVar {
	name: string;
	description: string;
	/** where it is set, when not in every job */
	availability?: string;
	/** values of this variable are secret (a token) */
	secret?: boolean;
}

export interface BuiltinCatalog {
	provider: 'circleci' | 'github-actions' | 'gitlab' | 'bitbucket';
	/** the CI's reference URL */
	reference: string;
	variables: BuiltinVar[];
}
