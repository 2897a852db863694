// Vitest runs server modules outside React's server build; `server-only` would throw there.
export {};
