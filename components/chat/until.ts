/** Permanent bans and mutes are stored in year 9999 (db/schema.ts PERMANENT). */
export const PERMANENT_YEAR = 9999;
