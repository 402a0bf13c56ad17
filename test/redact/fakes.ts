/**
 * Credential-shaped strings for tests, assembled at run time so the repository holds no literal
 * that secret scanners (GitHub push protection, gitleaks) would flag.
 */
const join = (...parts: string[]) => parts.join('');

export const fake = {
	githubPat: join('gh', 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'),
	githubServer: join('gh', 's_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'),
	githubFineGrained: join('github', '_pat_', '11ABCDEFG0123456789abc_', 'xYz0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefghijklmnopq'),
	awsKeyId: join('AK', 'IA', 'QWERTYUIOP123456'),
	awsTempKeyId: join('AS', 'IA', 'ZXCVBNMASDFGHJKL'),
	awsSecret: join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY01'),
	slack: join('xo', 'xb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'),
	jwt: join('ey', 'JhbGciOiJIUzI1NiJ9', '.', 'ey', 'JzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
	npm: join('np', 'm_', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'),
	gitlab: join('gl', 'pat-', 'Xy12Ab34Cd56Ef78Gh90'),
	pemBody: ['MIIEowIBAAKCAQEAw7Zdf8Kc2BvYgP1oX0nZl5oYyJdEXAMPLE0123456789abcd', 'k9Qm3bT+XcVZ1eQ2pYx8vW5rL4nS7uH6oJ0iK3gF2dE1cB0aZ9yX8wV7uT6sR5qP', 'pH3oZ7=='],
};

export function pem(kind = 'RSA '): string[] {
	return [`-----BEGIN ${kind}PRIVATE KEY-----`, ...fake.pemBody, `-----END ${kind}PRIVATE KEY-----`];
}
