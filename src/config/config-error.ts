/** A setting of the environment is missing or wrong: the message names every one. */
export class ConfigError extends Error {}
