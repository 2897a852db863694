/** Fewest characters a new password may have (the browser's hint and the server's rule). */
export const PASSWORD_MIN_LENGTH = 10;
/** Most characters a new password may have: argon2 hashes any length, this bounds the work. */
export const PASSWORD_MAX_LENGTH = 200;
