// Tests run outside Next's server bundle; `server-only` would throw there, so it resolves to this.
export {};
